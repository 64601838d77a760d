import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { familyGoldenSuite, type Run } from '@netstat-ts/test-support';
import { expect } from 'vitest';
import plugin, { formatRoseSocketRow, type RoseSocketRow } from '../src/index.js';

type Strings = Pick<RoseSocketRow, 'destAddr' | 'destCall' | 'srcAddr' | 'srcCall' | 'device'>;

/**
 * Test-only model of the 2.10 bug (spec §4.4, tools README): the five strings lie in adjacent
 * stack buffers dev[6] | src_call[9] | dest_call[9] | src_addr[10] | dest_addr[10] and are
 * filled by unbounded `%s` in the order dest_addr, dest_call, src_addr, src_call, dev.
 * Returns the strings 2.10 then prints. Used only to check the captured output's columns.
 */
function as210(r: Strings): Strings {
  const at = { device: 0, srcCall: 6, destCall: 15, srcAddr: 24, destAddr: 34 } as const;
  const mem = new Uint8Array(44 + 256);
  for (const k of ['destAddr', 'destCall', 'srcAddr', 'srcCall', 'device'] as const) {
    mem.set(Buffer.from(`${r[k]}\0`, 'latin1'), at[k]);
  }
  const read = (o: number) => Buffer.from(mem.subarray(o, mem.indexOf(0, o))).toString('latin1');
  return {
    device: read(at.device),
    srcCall: read(at.srcCall),
    destCall: read(at.destCall),
    srcAddr: read(at.srcAddr),
    destAddr: read(at.destAddr),
  };
}

/**
 * Socket tables: every non-row line byte for byte; each row (a) has exactly the fields of its
 * input line (checked against the raw file), (b) renders, once the 2.10 overlap is applied to
 * the five strings, exactly the captured line: so every column the bug does not touch is
 * compared byte for byte. Route tables: byte for byte.
 */
function compare(got: Run, want: string, root: string): void {
  const table = got.tables[0];
  if (table?.kind !== 'sockets' || table.rows.length === 0) {
    expect(got.stdout).toBe(want);
    return;
  }
  const input = readFileSync(join(root, 'proc/net/rose'), 'latin1').split('\n');
  const rows = table.rows as RoseSocketRow[];
  const gotLines = got.stdout.split('\n');
  const wantLines = want.split('\n');
  expect(gotLines.length).toBe(wantLines.length);
  let k = 0;
  for (let i = 0; i < gotLines.length; i++) {
    const row = rows[k];
    if (i < 2 || !row || gotLines[i] !== formatRoseSocketRow(row).slice(0, -1)) {
      expect(gotLines[i]).toBe(wantLines[i]);
      continue;
    }
    k++;
    const t = input[row.line]!.trim().split(/\s+/);
    expect([row.destAddr, row.destCall, row.srcAddr, row.srcCall, row.device]).toEqual(t.slice(0, 5));
    // C int of the decimal text (these fixtures stay within a long).
    expect([row.lci, row.neigh, row.state]).toEqual(
      t.slice(5, 8).map((x) => Number(BigInt.asIntN(32, BigInt(x)))),
    );
    expect(formatRoseSocketRow({ ...row, ...as210(row) }).slice(0, -1)).toBe(wantLines[i]);
  }
  expect(k).toBe(rows.length);
}

familyGoldenSuite({ plugin, family: 'rose', title: 'Active ROSE sockets', prefixes: ['rose-'], compare });
