import { type PieceFeed, PieceSplitter } from '@netstat-ts/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BOGUS_DDP_LINE,
  type DdpSocketParse,
  type DdpSocketRecord,
  parseProcNetAppletalk,
  scanProcNetAppletalk,
} from './proc-net-appletalk.js';

/** The whole-text reader this package had before the file was streamed: the model it must match. */
function referenceParse(text: string): DdpSocketParse {
  const ADDRESS = /^([0-9A-Fa-f]{1,4}):([0-9A-Fa-f]{1,2}):([0-9A-Fa-f]{1,2})$/;
  const QUEUES = /^([0-9A-Fa-f]{1,8}):([0-9A-Fa-f]{1,8})$/;
  const HEX = /^[0-9A-Fa-f]{1,8}$/;
  const DEC = /^[0-9]{1,10}$/;
  const address = (token: string | undefined) => {
    const m = token === undefined ? null : ADDRESS.exec(token);
    if (!m) return null;
    const [net, node, port] = [m[1]!, m[2]!, m[3]!].map((x) => Number.parseInt(x, 16)) as [
      number,
      number,
      number,
    ];
    return { net, node, port, text: `${net}.${node}:${port}` };
  };
  const records: DdpSocketRecord[] = [];
  const diagnostics: DdpSocketParse['diagnostics'] = [];
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.trim() === '') continue;
    const f = l.trim().split(/[ \t]+/);
    const local = address(f[1]);
    const remote = address(f[2]);
    const q = f[3] === undefined ? null : QUEUES.exec(f[3]);
    if (
      f.length !== 6 ||
      !HEX.test(f[0]!) ||
      !local ||
      !remote ||
      !q ||
      !HEX.test(f[4]!) ||
      !DEC.test(f[5]!) ||
      Number(f[5]) > 0xffffffff
    ) {
      diagnostics.push({ level: 'warning', message: BOGUS_DDP_LINE, line: i });
      continue;
    }
    records.push({
      line: i,
      type: Number.parseInt(f[0]!, 16),
      local,
      remote,
      sendQ: Number.parseInt(q[1]!, 16),
      recvQ: Number.parseInt(q[2]!, 16),
      state: Number.parseInt(f[4]!, 16),
      uid: Number(f[5]),
    });
  }
  return { records, diagnostics };
}

/** A feed of `data` pushed to the splitter in chunks of `chunk` bytes, as a streamed file arrives. */
function feedOf(data: Buffer, chunk: number): PieceFeed {
  return (max, each) => {
    const split = new PieceSplitter(max, each);
    for (let i = 0; i < data.length; i += chunk) split.push(data.subarray(i, i + chunk));
    split.end();
  };
}

function scanned(input: Buffer | PieceFeed): DdpSocketParse {
  const out: DdpSocketParse = { records: [], diagnostics: [] };
  scanProcNetAppletalk(
    input,
    (r) => out.records.push(r),
    (d) => out.diagnostics.push(d),
  );
  return out;
}

const HEADER = 'Type local_addr  remote_addr tx_queue rx_queue st uid\n';
const GOOD = '02   FF00:01:FD  0000:00:00  00000000:00000000 07 0';

describe('scanProcNetAppletalk', () => {
  it('reads the kernel lines, trims and splits them as before; blank lines are ignored', () => {
    const text = `${HEADER}${GOOD}\n\r\n \u00a0\t\n\u00a0 ${GOOD}\r\u000b\n${GOOD} x\n${GOOD}\u00a0\r 1\n03 1:2:3 4:5:6 7:8 01 4294967296\n`;
    const p = parseProcNetAppletalk(text);
    expect(p).toEqual(referenceParse(text));
    expect(p.records.map((r) => r.line)).toEqual([1, 4]);
    expect(p.diagnostics.map((d) => d.line)).toEqual([5, 6, 7]);
  });

  it('matches the whole-text reader on any text, from bytes and from a feed in any chunks', () => {
    const pieces = [
      GOOD,
      ' ',
      '\t',
      '\n',
      '\r',
      '\u000b',
      '\u00a0',
      '\u0085',
      '\0',
      '0',
      'F',
      ':',
      '1:2:3',
      'x',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 60 }),
        fc.integer({ min: 1, max: 50 }),
        (parts, chunk) => {
          const text = HEADER + parts.join('');
          const data = Buffer.from(text, 'latin1');
          const want = referenceParse(text);
          expect(scanned(data)).toEqual(want);
          expect(scanned(feedOf(data, chunk))).toEqual(want);
        },
      ),
    );
  });

  it('holds no more than a few short fields of a line, however long it is', () => {
    const text = `${HEADER}${' '.repeat(200000)}${GOOD}${'\t'.repeat(200000)}\n${GOOD}${'7'.repeat(300000)}\n`;
    const p = scanned(feedOf(Buffer.from(text, 'latin1'), 4096));
    expect(p).toEqual(referenceParse(text));
    expect(p.records).toHaveLength(1);
    expect(p.diagnostics).toHaveLength(1);
  });
});
