/**
 * Byte-level emulation of the parts of glibc `fgets` and `sscanf` that the route readers of
 * net-tools 2.10 depend on: line pieces of a fixed buffer size, `%Ns`, `%*s`, `%d`, `%X`/`%Nx`
 * with their whitespace skipping, sign, `0x` prefix, overflow and truncation rules. The scanner
 * stops at the first failing conversion and leaves the remaining outputs untouched, which is
 * what lets values leak from one line to the next in net-tools.
 */

import { digitValue, isSpace } from '@netstat-ts/core';

/** One conversion of a scanf format (each is preceded by a blank, i.e. "skip whitespace"). */
export interface Conversion {
  /** `s` string, `skip` (`%*s`), `d` signed int, `x` unsigned int in hex. */
  kind: 's' | 'skip' | 'd' | 'x';
  /** Maximum field width (0 = none). */
  width: number;
}

const I64_MAX = (1n << 63n) - 1n;
const U64_MAX = (1n << 64n) - 1n;

/** Reads an integer at `pos` (blanks already skipped); returns [value, end] or null. */
function scanInt(
  data: Uint8Array,
  pos: number,
  end: number,
  width: number,
  base: 10 | 16,
): [number, number] | null {
  const limit = width > 0 ? Math.min(end, pos + width) : end;
  let neg = false;
  const s = data[pos];
  if ((s === 45 || s === 43) && pos < limit) {
    neg = s === 45;
    pos++;
  }
  if (
    base === 16 &&
    pos + 2 < limit &&
    data[pos] === 48 &&
    (data[pos + 1] | 32) === 120 &&
    digitValue(data[pos + 2]!, 16) >= 0
  )
    pos += 2;
  const start = pos;
  let v = 0;
  while (pos < limit) {
    const d = digitValue(data[pos]!, base);
    if (d < 0) break;
    v = v * base + d;
    pos++;
  }
  if (pos === start) return null;
  if (pos - start <= (base === 16 ? 13 : 15)) {
    if (base === 16) {
      const m = v % 4294967296;
      return [neg && m !== 0 ? 4294967296 - m : m, pos];
    }
    return [(neg ? -v : v) | 0, pos];
  }
  let big = 0n;
  // Past U64_MAX the value saturates: stop there (a long run of digits would be quadratic).
  for (let i = start; i < pos && big <= U64_MAX; i++)
    big = big * BigInt(base) + BigInt(digitValue(data[i]!, base));
  if (base === 16) {
    // strtoul: overflow saturates, a sign negates modulo 2^64; then cast to unsigned int.
    big = big > U64_MAX ? U64_MAX : neg ? (U64_MAX + 1n - big) & U64_MAX : big;
    return [Number(big & 0xffffffffn), pos];
  }
  // strtol: clamp to the long range, then cast to int.
  let sv = neg ? -big : big;
  if (sv > I64_MAX) sv = I64_MAX;
  if (sv < -I64_MAX - 1n) sv = -I64_MAX - 1n;
  return [Number(BigInt.asIntN(32, sv)), pos];
}

/**
 * Runs `conversions` over bytes [start, end) like sscanf and writes each assigned value to
 * `out[i]` (skipped fields are not assigned). Returns the number of assigned conversions.
 */
export function scanf(
  data: Buffer,
  start: number,
  end: number,
  conversions: readonly Conversion[],
  out: (string | number)[],
): number {
  let pos = start;
  let count = 0;
  for (let i = 0; i < conversions.length; i++) {
    const c = conversions[i]!;
    while (pos < end && isSpace(data[pos]!)) pos++;
    if (pos >= end) break;
    if (c.kind === 's' || c.kind === 'skip') {
      const limit = c.width > 0 ? Math.min(end, pos + c.width) : end;
      let q = pos;
      while (q < limit && !isSpace(data[q]!)) q++;
      if (c.kind === 's') {
        out[i] = data.toString('latin1', pos, q);
        count++;
      }
      pos = q;
    } else {
      const r = scanInt(data, pos, end, c.width, c.kind === 'd' ? 10 : 16);
      if (r === null) break;
      out[i] = r[0];
      pos = r[1];
      count++;
    }
  }
  return count;
}

/**
 * Calls `each(start, end, line)` for every piece `fgets(buf, size)` would return, where `end`
 * also stops at a NUL byte (C string functions stop there) and excludes the newline.
 */
export function forEachFgets(
  data: Buffer,
  size: number,
  each: (start: number, end: number, line: number) => void,
): void {
  const n = data.length;
  const max = size - 1;
  let pos = 0;
  let line = 0;
  let nul = data.indexOf(0);
  // The next newline at or after `pos`, found once per file line (a long line is cut into many
  // pieces: searching from each piece to the end again would make it quadratic).
  let nlAt = -2;
  while (pos < n) {
    if (nlAt !== -1 && nlAt < pos) nlAt = data.indexOf(10, pos);
    const nl = nlAt < 0 ? n : nlAt;
    let end = nl;
    let next = nl + 1;
    if (nl - pos >= max) {
      end = pos + max;
      next = end;
    }
    if (nul >= 0 && nul < pos) nul = data.indexOf(0, pos);
    each(pos, nul >= 0 && nul < end ? nul : end, line++);
    pos = next;
  }
}

/** The bytes of `input` as a Buffer (a byte string is taken as latin1). */
export function asBuffer(input: Uint8Array | string): Buffer {
  if (typeof input === 'string') return Buffer.from(input, 'latin1');
  return Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
}

/**
 * The kernel's `%08X` of a network-order IPv4 word (little-endian host) to a host-order number,
 * as net-tools reads it: the first 8 characters must be hex digits (more are ignored); otherwise
 * null (net-tools then keeps the previous value).
 */
export function ipv4FromRouteHex(text: string): number | null {
  if (text.length < 8) return null;
  let v = 0;
  for (let i = 0; i < 8; i++) {
    const d = digitValue(text.charCodeAt(i), 16);
    if (d < 0) return null;
    v = v * 16 + d;
  }
  return (((v & 255) << 24) | (((v >>> 8) & 255) << 16) | (((v >>> 16) & 255) << 8) | (v >>> 24)) >>> 0;
}
