/**
 * Low-level text scanning with C semantics, shared by the three statistics readers.
 *
 * All texts are byte strings (latin1, one char per byte). Counter values are unsigned 64-bit
 * integers kept as `bigint` so that values above 2^53 stay exact.
 */
import { digitsToBigInt } from '@netstat-ts/core';

/** 2^64 - 1, what glibc's strtoull returns on overflow. */
export const ULLONG_MAX = (1n << 64n) - 1n;

/** The part of a byte string a C string function sees: everything before the first NUL. */
export function cString(s: string): string {
  const nul = s.indexOf('\0');
  return nul < 0 ? s : s.slice(0, nul);
}

/** C `isspace` in the C locale: blank, \t, \n, \v, \f, \r. */
export function isCSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';
}

/** The result of {@link strtoull}: the value and where the conversion stopped. */
export interface StrtoullResult {
  value: bigint;
  /** Index just after the converted text, or `start` when nothing was converted. */
  end: number;
  /** True when digits were found. */
  converted: boolean;
}

/**
 * glibc `strtoull(s + start, &end, 10)`: skips C white space, accepts one `+` or `-` (a minus
 * negates modulo 2^64), then decimal digits; overflow gives 2^64-1; no digits converts nothing
 * and leaves `end` at `start`. `s` must already be cut at its first NUL.
 */
export function strtoull(s: string, start: number): StrtoullResult {
  let i = start;
  while (i < s.length && isCSpace(s[i])) i++;
  let negative = false;
  if (s[i] === '+' || s[i] === '-') {
    negative = s[i] === '-';
    i++;
  }
  const digitsStart = i;
  while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
  if (i === digitsStart) return { value: 0n, end: start, converted: false };
  let value = digitsToBigInt(s.slice(digitsStart, i));
  if (value > ULLONG_MAX) value = ULLONG_MAX;
  else if (negative) value = -value & ULLONG_MAX;
  return { value, end: i, converted: true };
}

/** Splits a byte string into lines of unlimited length; each keeps its `\n` (the last may lack it). */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl + 1;
    lines.push(text.slice(pos, end));
    pos = end;
  }
  return lines;
}

/**
 * Splits a byte string the way repeated `fgets(buf, size, f)` calls would: each piece ends after a
 * `\n` or holds `size - 1` bytes, whichever comes first.
 */
export function fgetsChunks(text: string, size: number): string[] {
  const max = Math.max(1, size - 1);
  const chunks: string[] = [];
  let pos = 0;
  // The next newline at or after `pos`, searched once per line (not once per piece).
  let nl = -2;
  while (pos < text.length) {
    if (nl !== -1 && nl < pos) nl = text.indexOf('\n', pos);
    let end = nl < 0 ? text.length : nl + 1;
    if (end - pos > max) end = pos + max;
    chunks.push(text.slice(pos, end));
    pos = end;
  }
  return chunks;
}

/** A counter value as JSON can hold it exactly: a number up to 2^53-1, else a decimal string. */
export function jsonValue(v: bigint): number | string {
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
}
