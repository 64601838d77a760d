import { describe, expect, it } from 'vitest';
import { decimalWidth, digitsToBigInt, putDecimal, SATURATED } from '../src/bytes.js';

describe('digitsToBigInt', () => {
  it('is exact up to 20 significant digits, leading zeros aside', () => {
    expect(digitsToBigInt('18446744073709551615')).toBe(18446744073709551615n);
    expect(digitsToBigInt('99999999999999999999')).toBe(99999999999999999999n);
    expect(digitsToBigInt(`${'0'.repeat(100000)}42`)).toBe(42n);
    expect(digitsToBigInt('0')).toBe(0n);
  });

  it('saturates longer runs in linear time (BigInt() of a million digits takes a second)', () => {
    expect(digitsToBigInt('100000000000000000000')).toBe(SATURATED);
    const t = Date.now();
    expect(digitsToBigInt('9'.repeat(20_000_000))).toBe(SATURATED);
    expect(Date.now() - t).toBeLessThan(2000);
  });
});

describe('putDecimal and decimalWidth', () => {
  // Every width boundary on both sides of the int32 fast path (2^31), up to 2^53 - 1.
  const values = [0, 1, 9, 10, 99, 100, 65535, 99999, 100000, 999999999, 1000000000];
  values.push(2 ** 31 - 1, 2 ** 31, 2 ** 31 + 9, 2 ** 32 - 1, 2 ** 32, 9999999999, 10000000000);
  values.push(123456789012345, Number.MAX_SAFE_INTEGER);

  it('writes the decimal text of every safe integer, as String() does', () => {
    for (const v of values) {
      const b = Buffer.alloc(24, 32);
      const end = putDecimal(b, 2, v);
      expect(b.toString('latin1', 2, end)).toBe(String(v));
      expect(decimalWidth(v)).toBe(String(v).length);
    }
  });

  it('pads on the left to the width, and writes nothing outside its field', () => {
    for (const v of values) {
      const b = Buffer.alloc(40, 120);
      const end = putDecimal(b, 3, v, 20);
      expect(end).toBe(3 + Math.max(20, String(v).length));
      expect(b.toString('latin1', 0, end + 1)).toBe(`xxx${String(v).padStart(20)}x`);
    }
  });
});
