/**
 * The few C string and number conventions the X.25 readers of net-tools 2.10 rely on, on byte
 * strings (one char = one byte): NUL-terminated strings, `isspace`, `atoi` and `sscanf("%d")`.
 */

import { digitsToBigInt, isSpace } from '@netstat-ts/core';

/** The C string starting at `at`: the text up to (not including) the first NUL. */
export function cString(s: string, at: number): string {
  if (at >= s.length) return '';
  const nul = s.indexOf('\0', at);
  return nul < 0 ? s.slice(at) : s.slice(at, nul);
}

const LONG_MAX = (1n << 63n) - 1n;
const LONG_MIN = -(1n << 63n);

/**
 * C `strtol(s, NULL, 10)` on a 64-bit long, then converted to `int` (as `atoi` and `sscanf("%d")`
 * store it): leading white space, optional sign, decimal digits; out of range saturates at
 * LONG_MIN/LONG_MAX before the conversion keeps the low 32 bits. Returns the value and how many
 * characters were used (0 when there is no digit).
 */
export function cStrtolInt(s: string, at = 0): { value: number; end: number } {
  let i = at;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  let neg = false;
  const sign = s[i];
  if (sign === '+' || sign === '-') {
    neg = sign === '-';
    i++;
  }
  const start = i;
  while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
  if (i === start) return { value: 0, end: at };
  const digits = s.slice(start, i);
  if (digits.length < 16) {
    // Exact in a double; `| 0` is C's conversion to int (the low 32 bits, two's complement).
    const n = Number(digits);
    return { value: (neg ? -n : n) | 0, end: i };
  }
  let b = digitsToBigInt(digits);
  if (neg) b = -b;
  if (b > LONG_MAX) b = LONG_MAX;
  if (b < LONG_MIN) b = LONG_MIN;
  return { value: Number(BigInt.asIntN(32, b)), end: i };
}

/** C `atoi` (glibc: `(int) strtol(s, NULL, 10)`); 0 when there is no number. */
export function cAtoi(s: string, at = 0): number {
  return cStrtolInt(s, at).value;
}

/** Splits a line into its white-space separated fields (C `isspace`, as `sscanf("%s")` does). */
export function fields(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  while (i < n) {
    while (i < n && isSpace(line.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !isSpace(line.charCodeAt(i))) i++;
    out.push(line.slice(start, i));
  }
  return out;
}
