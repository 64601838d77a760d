/**
 * Byte-level pieces of glibc `sscanf` needed to read /proc/net/unix exactly as net-tools 2.10
 * does: whitespace skipping and the `strtoul`/`strtol` style integer conversions, including the
 * sign, the `0x` prefix and overflow saturation. Results are left in {@link scanned} to avoid an
 * allocation per field; values beyond 2^53 are carried as bigint.
 */

import { digitValue, isSpace } from '@netstat-ts/core';

/** The last conversion: its value and the position after it. */
export const scanned: { value: number | bigint; pos: number } = { value: 0, pos: 0 };

const U64_MAX = (1n << 64n) - 1n;

/** Position of the first non-blank byte at or after `pos` (or `end`). */
export function skipSpace(data: Uint8Array, pos: number, end: number): number {
  while (pos < end && isSpace(data[pos]!)) pos++;
  return pos;
}

/**
 * Scans an unsigned long like `%lX` (base 16) or `%lu` (base 10): blanks, optional sign, optional
 * `0x` (base 16), digits. Negative values wrap modulo 2^64; overflow saturates at 2^64-1. Returns
 * false (nothing converted) when no digit is found. Without `wanted`, only the position matters:
 * `scanned.value` is left 0 (no bigint is made for a long field nobody reads).
 */
export function scanUnsigned(
  data: Uint8Array,
  pos: number,
  end: number,
  base: 10 | 16,
  wanted = true,
): boolean {
  pos = skipSpace(data, pos, end);
  let neg = false;
  const s = data[pos];
  if (s === 45 || s === 43) {
    neg = s === 45;
    pos++;
  }
  if (base === 16 && data[pos] === 48 && (data[pos + 1] === 120 || data[pos + 1] === 88) && pos + 2 < end) {
    if (digitValue(data[pos + 2]!, 16) >= 0) pos += 2;
  }
  const start = pos;
  let v = 0;
  while (pos < end) {
    const d = digitValue(data[pos]!, base);
    if (d < 0) break;
    v = v * base + d;
    pos++;
  }
  if (pos === start) return false;
  scanned.pos = pos;
  if (!wanted) {
    scanned.value = 0;
    return true;
  }
  if (!neg && pos - start <= (base === 16 ? 13 : 15)) {
    scanned.value = v;
    return true;
  }
  let big = 0n;
  const b = BigInt(base);
  // Past U64_MAX the value saturates: stop there (a long run of digits would be quadratic).
  for (let i = start; i < pos && big <= U64_MAX; i++) big = big * b + BigInt(digitValue(data[i]!, base));
  if (big > U64_MAX) big = U64_MAX;
  else if (neg) big = (U64_MAX + 1n - big) & U64_MAX;
  scanned.value = big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
  return true;
}

/** The low 32 bits of a scanned value as an unsigned number (C's cast to `unsigned int`). */
export function low32(v: number | bigint): number {
  if (typeof v === 'bigint') return Number(v & 0xffffffffn);
  return v < 0x100000000 ? v : Number(BigInt(v) & 0xffffffffn);
}

/** The low 32 bits as a signed C `int`. */
export function int32(v: number | bigint): number {
  return low32(v) | 0;
}

/** Decimal text of an unsigned 64-bit value (`%lu`). */
export function unsignedText(v: number | bigint): string {
  return typeof v === 'bigint' ? v.toString() : String(v);
}

/** Decimal text of an unsigned 64-bit value reinterpreted as signed (`%ld`). */
export function signedText(v: number | bigint): string {
  return typeof v === 'bigint' ? BigInt.asIntN(64, v).toString() : String(v);
}

/** A scanned value as a JSON-friendly number (signed or unsigned reading; may lose precision beyond 2^53). */
export function toNumber(v: number | bigint, signed: boolean): number {
  if (typeof v === 'number') return v;
  return Number(signed ? BigInt.asIntN(64, v) : v);
}
