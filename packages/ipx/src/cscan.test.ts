import { type PieceFeed, PieceSplitter } from '@netstat-ts/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  atoi,
  type CLine,
  CScanner,
  fgetsLines,
  forEachCLine,
  longText,
  scanHex32,
  strtoulHex,
  ULONG_MAX,
} from './cscan.js';

describe('strtoulHex', () => {
  it.each([
    ['1234', 0x1234n, 4],
    ['00001234:AB', 0x1234n, 8],
    ['0x10:1', 0x10n, 4],
    ['+ff', 0xffn, 3],
    ['-1', ULONG_MAX, 2],
    ['-0x5', ULONG_MAX - 4n, 4],
    ['10000000000000000', ULONG_MAX, 17],
    ['-10000000000000000', ULONG_MAX, 18],
    ['zz', 0n, 0],
    ['', 0n, 0],
    ['0xZ', 0n, 1],
    ['-', 0n, 0],
  ])('%j → %s (end %i)', (s, value, end) => {
    expect(strtoulHex(s)).toEqual({ value, end });
  });
});

describe('CScanner (glibc sscanf integer rules)', () => {
  it('consumes a bare 0x prefix in base 16 and converts it to 0', () => {
    const sc = new CScanner('0xZ 7');
    expect(sc.number(16)).toBe(0n);
    expect(sc.number(16)).toBeNull();
  });
  it('stops at x in base 10', () => {
    const sc = new CScanner('0x1 9');
    expect(sc.number(10)).toBe(0n);
    expect(sc.number(10)).toBeNull();
  });
  it('reads signs, wraps negatives and saturates', () => {
    const sc = new CScanner(' -2 +5 99999999999999999999 -');
    expect(sc.number(16)).toBe(ULONG_MAX - 1n);
    expect(sc.number(10)).toBe(5n);
    expect(sc.number(10)).toBe(ULONG_MAX);
    expect(sc.number(10)).toBeNull();
  });
  it('reads words and skips the rest of a field', () => {
    const sc = new CScanner('  ab\tcd 1e5 6');
    expect(sc.word()).toBe('ab');
    expect(sc.word()).toBe('cd');
    expect(sc.number(10)).toBe(1n);
    sc.skipField();
    expect(sc.number(10)).toBe(6n);
    expect(sc.word()).toBeNull();
  });
  it('scanHex32 narrows to 32 bits', () => {
    expect(scanHex32('12345')).toBe(0x12345);
    expect(scanHex32('FFFFFFFFFFFFFFFFFFFF')).toBe(0xffffffff);
    expect(scanHex32('x5')).toBeNull();
    expect(scanHex32('')).toBeNull();
  });
  it('longText prints %ld of an unsigned long', () => {
    expect(longText(ULONG_MAX)).toBe('-1');
    expect(longText(0xffffffffn)).toBe('4294967295');
  });
  it('atoi narrows strtol to int', () => {
    expect(atoi('4294967295')).toBe(-1);
    expect(atoi('99999999999')).toBe(1215752191);
    expect(atoi('12abc')).toBe(12);
    expect(atoi('abc')).toBe(0);
    expect(atoi('-99999999999999999999999')).toBe(0);
  });
});

describe('fgetsLines', () => {
  const b = (s: string) => Buffer.from(s, 'latin1');
  it('splits on newlines and keeps a last line without one', () => {
    expect(fgetsLines(b('h\na\n\nb'), 10, 10).map((l) => [l.text, l.line])).toEqual([
      ['h', 1],
      ['a', 2],
      ['', 3],
      ['b', 4],
    ]);
  });
  it('cuts long lines into reads of at most max bytes', () => {
    const lines = fgetsLines(b(`${'x'.repeat(5)}\n${'y'.repeat(7)}\n`), 4, 4);
    expect(lines.map((l) => [l.text, l.cut])).toEqual([
      ['xxxx', true],
      ['x', false],
      ['yyyy', true],
      ['yyy', false],
    ]);
  });
  it('a line of exactly max bytes leaves its newline as an empty read', () => {
    expect(fgetsLines(b('abcd\n'), 4, 4).map((l) => l.text)).toEqual(['abcd', '']);
  });
  it('stops the text at a NUL byte', () => {
    const [l] = fgetsLines(b('ab\0cd\n'), 10, 10);
    expect(l).toMatchObject({ text: 'ab', nul: true });
  });
});

/** A feed of `data` pushed to the splitter in chunks cut at `cuts`, as a streamed file arrives. */
function chunkedFeed(data: Buffer, cuts: number[]): PieceFeed {
  return (max, each) => {
    const split = new PieceSplitter(max, each);
    let pos = 0;
    for (const c of [...cuts].sort((a, b) => a - b)) {
      split.push(data.subarray(pos, Math.max(pos, Math.min(c, data.length))));
      pos = Math.max(pos, Math.min(c, data.length));
    }
    split.push(data.subarray(pos));
    split.end();
  };
}

describe('forEachCLine', () => {
  const reads = (input: Uint8Array | string | PieceFeed, max: number) => {
    const out: { read: CLine; continued: boolean }[] = [];
    forEachCLine(input, max, (read, index, continued) => {
      expect(index).toBe(out.length);
      out.push({ read: { ...read }, continued });
    });
    return out;
  };

  it('gives the reads of fgetsLines, from bytes and from a feed in any chunks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...'ab :\n\0\t'.split('')), { maxLength: 300 }),
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.nat(300), { maxLength: 8 }),
        (chars, max, cuts) => {
          const data = Buffer.from(chars.join(''), 'latin1');
          const lines = fgetsLines(data, max, max);
          const want = lines.map((read, k) => ({ read, continued: k > 0 && lines[k - 1]!.cut }));
          expect(reads(data, max)).toEqual(want);
          expect(reads(data.toString('latin1'), max)).toEqual(want);
          expect(reads(chunkedFeed(data, cuts), max)).toEqual(want);
        },
      ),
    );
  });

  it('a read of exactly max bytes at the end of the file is not cut (nothing follows it)', () => {
    expect(reads('h\nabcd', 4).map((r) => r.read.cut)).toEqual([false, false]);
    expect(reads('h\nabcde', 4).map((r) => r.read.cut)).toEqual([false, true, false]);
  });
});
