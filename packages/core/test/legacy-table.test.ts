import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChunkedOutput, CollectingSink } from '../src/output.js';
import type { Section, Table } from '../src/plugin.js';
import { makeRoot } from '../src/testing.js';

/** Writes sections as the CLI does (until the first non-zero status). */
function writeSections(sections: readonly Section[]) {
  const o = new CollectingSink();
  const e = new CollectingSink();
  const out = new ChunkedOutput(o, e);
  let status = 0;
  for (const s of sections) {
    s.write(out);
    if (s.status !== 0) {
      status = s.status;
      break;
    }
  }
  out.flush();
  return { stdout: o.text(), stderr: e.text(), status };
}

import { createContext } from '../src/context.js';
import {
  type LegacySocketsSpec,
  legacySocketSections,
  type RowScan,
  readLegacyTable,
  streamedRowsSection,
} from '../src/legacy-table.js';

interface Toy {
  line: number;
  n: string;
}

/** A toy family: each line `N` is a record; a line `bad` is a diagnostic. */
const spec: LegacySocketsSpec<Toy, Toy> = {
  family: 'toy',
  name: 'toy',
  path: '/proc/net/toy',
  label: 'AF TOY',
  header: 'Active TOY sockets\n',
  parse(data: Uint8Array) {
    const lines = Buffer.from(data).toString('latin1').split('\n').slice(0, -1);
    const records: Toy[] = [];
    const diagnostics: { level: 'warning'; message: string; line: number }[] = [];
    lines.forEach((l, line) => {
      if (l === 'bad') diagnostics.push({ level: 'warning', message: 'problem reading data', line });
      else records.push({ line, n: l });
    });
    return { records, diagnostics };
  },
  row: (r) => r,
  format: (r) => `row ${r.n}\n`,
};

describe('legacySocketSections', () => {
  it('prints the header, then rows and diagnostics in file order', () => {
    const ctx = createContext({ root: makeRoot({ '/proc/net/toy': 'bad\n1\nbad\n2\nbad\n' }) });
    const w = writeSections(legacySocketSections(ctx, spec));
    expect(w).toEqual({
      stdout:
        'Active TOY sockets\nproblem reading data\nrow 1\nproblem reading data\nrow 2\nproblem reading data\n',
      stderr: '',
      status: 0,
    });
  });

  it('follows the missing-file rules: silent by default, ESYSNOT and status 1 when named', () => {
    const root = makeRoot({});
    expect(writeSections(legacySocketSections(createContext({ root }), spec))).toEqual({
      stdout: '',
      stderr: '',
      status: 0,
    });
    const named = createContext({ root, options: { flagArg: 1 } });
    expect(writeSections(legacySocketSections(named, spec))).toEqual({
      stdout: '',
      stderr: "netstat: no support for `AF TOY' on this system.\n",
      status: 1,
    });
  });

  it('reads a directory in place of the file as empty', () => {
    const root = makeRoot({});
    mkdirSync(join(root, 'proc/net/toy'));
    const ctx = createContext({ root });
    expect(writeSections(legacySocketSections(ctx, spec)).stdout).toBe('Active TOY sockets\n');
    const r = readLegacyTable(ctx.host, '/proc/net/toy');
    expect(r.ok && r.data.length).toBe(0);
  });
});

describe('streamedRowsSection', () => {
  const scan: RowScan<Toy> = (row, diagnostic) => {
    diagnostic({ level: 'info', message: 'a note' });
    row({ line: 1, n: '1' });
    diagnostic({ level: 'error', message: 'an error' });
    row({ line: 2, n: '2' });
  };
  const table = (): Table<Toy> => ({
    kind: 'sockets',
    family: 'toy',
    name: 'toy',
    sources: [],
    present: true,
    rows: [],
    diagnostics: [],
  });

  it('writes every diagnostic of the scan but the info notes by default (stderr, in file order)', () => {
    const s = streamedRowsSection(table(), 'H\n', scan, (r) => `row ${r.n}\n`);
    expect(writeSections([s])).toEqual({ stdout: 'H\nrow 1\nrow 2\n', stderr: 'an error\n', status: 0 });
    expect(s.table!.diagnostics.map((d) => d.message)).toEqual(['a note', 'an error']);
  });

  it('writes only the diagnostics that are not info notes and keeps them all in the table', () => {
    const s = streamedRowsSection(table(), 'H\n', scan, (r) => `row ${r.n}\n`);
    expect(writeSections([s])).toEqual({ stdout: 'H\nrow 1\nrow 2\n', stderr: 'an error\n', status: 0 });
    expect(s.table!.diagnostics.map((d) => d.message)).toEqual(['a note', 'an error']);
    expect(s.table!.rows.map((r) => r.n)).toEqual(['1', '2']);
  });
});
