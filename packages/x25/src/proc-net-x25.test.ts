import { type PieceFeed, PieceSplitter } from '@netstat-ts/core';
import { describe, expect, it } from 'vitest';
import { cAtoi, cStrtolInt, fields } from './c-text.js';
import { parseProcNetX25, scanProcNetX25, x25StateName } from './proc-net-x25.js';
import { formatX25SocketRow } from './render.js';
import { parseX25Routes, scanX25Route } from './x25-route.js';

/** The feed of a file read in chunks of `size` bytes (pieces cut across chunk ends). */
function chunkedFeed(text: string, size: number): PieceFeed {
  const data = Buffer.from(text, 'latin1');
  return (max, each) => {
    const split = new PieceSplitter(max, each);
    for (let i = 0; i < data.length; i += size) split.push(data.subarray(i, i + size));
    split.end();
  };
}

function scanAll<R, D>(
  scanner: (i: PieceFeed, r: (x: R) => void, d: (x: D) => void) => void,
  feed: PieceFeed,
) {
  const records: R[] = [];
  const diagnostics: D[] = [];
  scanner(
    feed,
    (r) => records.push(r),
    (d) => diagnostics.push(d),
  );
  return { records, diagnostics };
}

const HEADER = 'dest_addr  src_addr   dev   lci st vs vr va   t  t2 t21 t22 t23 Snd-Q Rcv-Q inode\n';

describe('C text helpers', () => {
  it('atoi/strtol follow glibc (white space, sign, saturation, int conversion)', () => {
    expect(cAtoi('  42abc')).toBe(42);
    expect(cAtoi('-7')).toBe(-7);
    expect(cAtoi('+0012')).toBe(12);
    expect(cAtoi('x1')).toBe(0);
    expect(cAtoi('99999999999')).toBe(1215752191);
    expect(cAtoi('99999999999999999999')).toBe(-1); // LONG_MAX -> (int) -1
    expect(cAtoi('-99999999999999999999')).toBe(0); // LONG_MIN -> (int) 0
    expect(cStrtolInt('ab', 0).end).toBe(0);
  });
  it('splits fields on C white space', () => {
    expect(fields(' a\tb \x0bc\r\n')).toEqual(['a', 'b', 'c']);
  });
});

describe('parseProcNetX25', () => {
  it('reads the spec sample exactly as 2.10 (source cut to 9 bytes, lci digits as decimal)', () => {
    const p = parseProcNetX25(
      `${HEADER}0123456789 9876543210 x25   012  3  1  2  0   0   3 200 180 180    10    20 5001\n`,
    );
    const r = p.records[0]!;
    expect(r.exact).toBe(true);
    expect(formatX25SocketRow(r)).toBe(
      '0123456789      987654321       x25     12   ESTABLISHED  02/01  10      20    \n',
    );
    // raw values side by side: full source, true (hex) lci
    expect(r.source).toBe('9876543210');
    expect(r.lci).toBe(0x12);
    expect(r.shownLci).toBe(12);
    expect(r.inode).toBe(5001);
    expect(p.diagnostics).toEqual([]);
  });

  it('deviation: an lci with hex letters is shown as its hex digits, with the line’s other fields', () => {
    const line = '42         7          lapb0 2AB  3  4  5  0   0   3 200 180 180    11    22 9\n';
    const r = parseProcNetX25(HEADER + line).records[0]!;
    expect(r.exact).toBe(false);
    expect(r.lci).toBe(0x2ab);
    const f = line.trim().split(/\s+/);
    expect(formatX25SocketRow(r)).toBe(
      `${f[0]!.padEnd(15)} ${f[1]!.padEnd(15)} ${f[2]!.padEnd(7)} ${f[3]!.padEnd(3)}  ${'ESTABLISHED'.padEnd(11)}  0${f[6]}/0${f[5]}  ${f[13]!.padEnd(6)}  ${f[14]!.padEnd(6)}\n`,
    );
  });

  it('deviation: addresses longer than 10 digits are shown whole, fields not shifted', () => {
    const line = '123456789012345 543210987654321 x25a  00A  1  2  3  0   0   3 200 180 180     5     6 7\n';
    const p = parseProcNetX25(HEADER + line);
    const r = p.records[0]!;
    expect(r.exact).toBe(false);
    expect(r.shown).toEqual({ dest: '123456789012345', source: '543210987654321', device: 'x25a', lci: 'A' });
    expect([r.state, r.vs, r.vr, r.sendQ, r.recvQ, r.inode]).toEqual([1, 2, 3, 5, 6, 7]);
    expect(p.diagnostics).toHaveLength(1);
    expect(p.diagnostics[0]!.level).toBe('info');
  });

  it('a 10-digit source followed directly by more text is not misread', () => {
    const line = '1          12345678901 x25a  001  1  2  3  0   0   3 200 180 180     5     6 7\n';
    const r = parseProcNetX25(HEADER + line).records[0]!;
    expect(r.exact).toBe(false);
    expect(r.shown.source).toBe('12345678901');
    expect(r.shown.device).toBe('x25a');
  });

  it('unknown states are named UNKNOWN(n) (2.10 reads out of bounds)', () => {
    expect(x25StateName(4)).toBe('RECOVERY');
    expect(x25StateName(5)).toBe('UNKNOWN(5)');
    expect(x25StateName(-1)).toBe('UNKNOWN(-1)');
  });

  it('turns malformed lines into info diagnostics and never throws', () => {
    const text =
      HEADER +
      'garbage\n' +
      '\n' +
      '1 2 dev ZZZ 1 2 3 4 5 6 7 8 9 10 11\n' +
      '1 2 dev 001 1 2 3 4 5 6 7 8 9 10\n' +
      '1 2 dev 001 1 2 x 4 5 6 7 8 9 10 11\n' +
      '\0\0\0\xff\xfe 2 dev 001 1 2 3 4 5 6 7 8 9 10 11 12\n' +
      `${'9'.repeat(400)} 2 dev 001 1 2 3 4 5 6 7 8 9 10 11 12\n`;
    const p = parseProcNetX25(text);
    expect(p.diagnostics.map((d) => d.line)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(p.records).toHaveLength(2);
    for (const r of p.records) expect(r.exact).toBe(false);
    for (const r of p.records) expect(() => formatX25SocketRow(r)).not.toThrow();
  });

  it('survives random bytes', () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    for (let k = 0; k < 200; k++) {
      let s = HEADER;
      const n = rnd() % 400;
      for (let i = 0; i < n; i++) s += String.fromCharCode(rnd() % 5 === 0 ? 32 : rnd() % 256);
      const p = parseProcNetX25(s);
      for (const r of p.records) formatX25SocketRow(r);
    }
  });
});

describe('scanProcNetX25 and scanX25Route over a streamed feed', () => {
  const sockets =
    HEADER +
    '0123456789 9876543210 x25   012  3  1  2  0   0   3 200 180 180    10    20 5001\n' +
    'garbage\n\n' +
    `${'9'.repeat(400)} 2 dev 001 1 2 3 4 5 6 7 8 9 10 11 12\n` +
    `${'7'.repeat(5000)} 2 dev 001 1 2 3 4 5 6 7 8 9 10 11 12\n` +
    '42         7          lapb0 2AB  3  4  5  0   0   3 200 180 180    11    22 9';
  const routes =
    'Address          Digits  Device\n123456789012345  15      x25a\nshort\n' +
    `00000            0       averyverylongdev0${'x'.repeat(1000)}\n8888             -3      x25d`;

  it('gives what the whole text gives, whatever the chunk size: a long line is one line (no 256-byte records)', () => {
    for (const size of [1, 7, 64, 255, 256, 100_000]) {
      expect(scanAll(scanProcNetX25, chunkedFeed(sockets, size))).toEqual(parseProcNetX25(sockets));
      expect(scanAll(scanX25Route, chunkedFeed(routes, size))).toEqual(parseX25Routes(routes));
    }
    const p = parseProcNetX25(sockets);
    expect(p.records.map((r) => r.line)).toEqual([2, 5, 6, 7]);
    expect(p.records[1]!.shown.dest).toBe('9'.repeat(400));
    expect(p.records[2]!.shown.dest).toBe('7'.repeat(5000));
    expect(p.diagnostics.map((d) => d.line)).toEqual([3, 4, 5, 6, 7]);
    expect(parseX25Routes(routes).records.map((r) => [r.line, r.device])).toEqual([
      [2, 'x25a'],
      [4, 'averyveryl'],
      [5, 'x25d'],
    ]);
  });

  it('reads the first 64 KiB of a longer socket line and skips its rest (bounded memory)', () => {
    const long = `${'5'.repeat(70_000)} 2 dev 001 1 2 3 4 5 6 7 8 9 10 11 12\n`;
    const ok = '1          2          x25   001  3  1  2  0   0   3 200 180 180    10    20 5001\n';
    const p = scanAll(scanProcNetX25, chunkedFeed(HEADER + long + ok, 4096));
    expect(p.records.map((r) => r.line)).toEqual([3]);
    expect(p.diagnostics.map((d) => d.line)).toEqual([2]);
  });
});
