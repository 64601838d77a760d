import { describe, expect, it } from 'vitest';
import {
  atoi,
  cstr,
  digitValue,
  forEachRecord,
  formatInt,
  isSpace,
  LINE_BUFFER,
  scan,
  setNul,
  trimBlanks,
} from '../src/cbuf.js';

const buf = (s: string) => {
  const b = new Uint8Array(LINE_BUFFER);
  b.set(Buffer.from(s, 'latin1').subarray(0, LINE_BUFFER));
  return b;
};

describe('forEachRecord (fgets with a 256-byte buffer)', () => {
  it('splits at newlines and every 255 bytes, zero-filling the rest of the buffer', () => {
    const seen: [string, number][] = [];
    const data = Buffer.from(`${'a'.repeat(300)}\nxy\nlast`, 'latin1');
    forEachRecord(data, (b, len, i) => {
      seen.push([cstr(b, 0), i]);
      expect(b.subarray(len).every((x) => x === 0)).toBe(true);
    });
    expect(seen.map(([s]) => s.length)).toEqual([255, 46, 3, 4]);
    expect(seen[2]).toEqual(['xy\n', 2]);
  });

  it('handles empty input and input without newline', () => {
    let n = 0;
    forEachRecord(new Uint8Array(0), () => n++);
    expect(n).toBe(0);
    forEachRecord(Buffer.from('x'.repeat(600)), () => n++);
    expect(n).toBe(3);
  });
});

describe('atoi', () => {
  it('follows glibc (strtol, clamp to long, keep the low 32 bits)', () => {
    expect(atoi(buf('  42abc'), 0)).toBe(42);
    expect(atoi(buf('\t-7'), 0)).toBe(-7);
    expect(atoi(buf('x1'), 0)).toBe(0);
    expect(atoi(buf('99999999999'), 0)).toBe(1215752191);
    expect(atoi(buf('4294967298'), 0)).toBe(2);
    expect(atoi(buf('99999999999999999999999'), 0)).toBe(-1);
    expect(atoi(buf('-99999999999999999999999'), 0)).toBe(0);
    expect(atoi(buf('1'), -5)).toBe(0);
    expect(atoi(buf('1'), 400)).toBe(0);
  });
});

describe('scan (sscanf)', () => {
  it('converts %d %s, skips %*d %*x, matches literals', () => {
    const r = scan(buf('nr0  01/02 0A/ff  3   5  12 x'), 0, '%s %*x/%*x %*x/%*x %d %d %d %d');
    expect(r).toEqual({ count: 4, values: ['nr0', 3, 5, 12] });
  });
  it('stops at a literal mismatch and at the end of the string', () => {
    expect(scan(buf('1-2'), 0, '%d/%d').count).toBe(1);
    expect(scan(buf(''), 0, '%d').count).toBe(-1);
    expect(scan(buf('   '), 0, '%s').count).toBe(-1);
    expect(scan(buf('a'), 0, '%s %d').count).toBe(1);
    expect(scan(buf('5'), 300, '%d').count).toBe(-1);
  });
  it('keeps %s values whole (no destination buffer limit)', () => {
    expect(scan(buf('1234567890123 x'), 0, '%s').values).toEqual(['1234567890123']);
  });
  it('reads signs and 0x prefixes', () => {
    expect(scan(buf('+5 -0 0x1f/-a'), 0, '%d %d %*x/%*x %d').count).toBe(2);
  });
});

describe('formatInt', () => {
  it('pads like printf', () => {
    expect(formatInt(5, 3, { zero: true })).toBe('005');
    expect(formatInt(-2, 3, { zero: true })).toBe('-02');
    expect(formatInt(-5, 5, { zero: true })).toBe('-0005');
    expect(formatInt(2000, 3, { zero: true })).toBe('2000');
    expect(formatInt(7, 6, { left: true })).toBe('7     ');
    expect(formatInt(-7, 5)).toBe('   -7');
  });
});

it('trimBlanks removes trailing blanks only', () => {
  expect(trimBlanks('ab  ')).toBe('ab');
  expect(trimBlanks('ab\n ')).toBe('ab\n');
  expect(trimBlanks('   ')).toBe('');
});

it('isSpace and digitValue follow the C locale', () => {
  expect([9, 10, 11, 12, 13, 32].every(isSpace)).toBe(true);
  expect(isSpace(0) || isSpace(8) || isSpace(14) || isSpace(160)).toBe(false);
  const codes = (s: string) => [...s].map((c) => c.charCodeAt(0));
  expect(codes('09afAF').map((c) => digitValue(c, 16))).toEqual([0, 9, 10, 15, 10, 15]);
  expect(codes('9aG').map((c) => digitValue(c, 10))).toEqual([9, -1, -1]);
  expect(digitValue(103, 16)).toBe(-1);
});

it('setNul cuts the buffer into C strings', () => {
  const b = buf('N0CALL-1  ax0\n');
  setNul(b, 6, 9);
  expect([cstr(b, 0), cstr(b, 7), cstr(b, 10)]).toEqual(['N0CALL', '1 ', 'ax0\n']);
});
