import { describe, expect, it } from 'vitest';
import { digitsToBigInt, SATURATED } from '../src/bytes.js';

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
