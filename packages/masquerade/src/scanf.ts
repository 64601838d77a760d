/**
 * A small emulation of glibc `fscanf` on a byte string, for the conversions net-tools 2.10 uses
 * on /proc/net/ip_masquerade: `%s`, `%X`/`%hX`/`%lX` (strtoul, base 16, optional `0x`),
 * `%hd` (strtol, base 10), `%lu` (strtoul, base 10), white space and literal characters.
 */

import { isSpace } from '@netstat-ts/core';

const ULONG_MAX = (1n << 64n) - 1n;
const LONG_MAX = (1n << 63n) - 1n;
const LONG_MIN = -(1n << 63n);

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** A number as scanned: its sign and magnitude (before the C type conversion). */
export interface ScannedNumber {
  negative: boolean;
  readonly magnitude: bigint;
  /** The magnitude as a number when it has fewer than 12 digits (below 2^48, exact); else null. */
  readonly small: number | null;
}

/** A scanned number whose BigInt magnitude is made only when asked for (most fields are small). */
class Scanned implements ScannedNumber {
  constructor(
    readonly negative: boolean,
    private big: bigint | null,
    readonly small: number | null,
  ) {}

  get magnitude(): bigint {
    if (this.big === null) this.big = BigInt(this.small!);
    return this.big;
  }
}

/** strtoul's result for a scanned number: overflow saturates at ULONG_MAX, a minus sign negates mod 2^64. */
export function toUnsignedLong(n: ScannedNumber): bigint {
  if (n.magnitude > ULONG_MAX) return ULONG_MAX;
  return n.negative ? -n.magnitude & ULONG_MAX : n.magnitude;
}

/** strtol's result for a scanned number: saturates at LONG_MIN/LONG_MAX. */
export function toLong(n: ScannedNumber): bigint {
  const v = n.negative ? -n.magnitude : n.magnitude;
  return v > LONG_MAX ? LONG_MAX : v < LONG_MIN ? LONG_MIN : v;
}

/** Reading position in a byte string, with the fscanf primitives. */
export class ScanStream {
  pos: number;

  constructor(
    readonly text: string,
    start = 0,
  ) {
    this.pos = start;
  }

  /** True at the end of the input. */
  get eof(): boolean {
    return this.pos >= this.text.length;
  }

  /** Skips white space (a blank in the format, or before a conversion). */
  skipSpace(): void {
    const t = this.text;
    while (this.pos < t.length && isSpace(t.charCodeAt(this.pos))) this.pos++;
  }

  /** `%s`: skips white space, then reads a non-empty run of non-white-space; null at end of input. */
  word(): string | null {
    this.skipSpace();
    const t = this.text;
    const start = this.pos;
    while (this.pos < t.length && !isSpace(t.charCodeAt(this.pos))) this.pos++;
    return this.pos > start ? t.slice(start, this.pos) : null;
  }

  /** A literal character of the format (no white space skipped); false on mismatch or end of input. */
  literal(ch: string): boolean {
    if (this.text[this.pos] !== ch) return false;
    this.pos++;
    return true;
  }

  /**
   * An integer conversion (`%d`-like base 10 or `%X`-like base 16): skips white space, optional
   * sign, for base 16 an optional `0x`/`0X` (glibc accepts `0x` with no digit after it as 0),
   * then digits. Null when no number could be read.
   */
  number(base: 10 | 16): ScannedNumber | null {
    this.skipSpace();
    const t = this.text;
    let i = this.pos;
    let negative = false;
    if (t[i] === '+' || t[i] === '-') {
      negative = t[i] === '-';
      i++;
    }
    let digits = 0;
    let magnitude = 0n;
    if (base === 16 && t[i] === '0' && (t[i + 1] === 'x' || t[i + 1] === 'X')) {
      i += 2;
      digits = 1; // "0x" alone reads as 0
    }
    let chunk = 0;
    let chunkLen = 0;
    const big = BigInt(base);
    while (i < t.length) {
      const c = t.charCodeAt(i);
      const d = base === 16 ? hexValue(c) : c >= 48 && c <= 57 ? c - 48 : -1;
      if (d < 0) break;
      chunk = chunk * base + d;
      chunkLen++;
      if (chunkLen === 12) {
        magnitude = magnitude * big ** 12n + BigInt(chunk);
        chunk = 0;
        chunkLen = 0;
      }
      digits++;
      i++;
    }
    if (digits === 0) return null;
    this.pos = i;
    // Nothing carried into the BigInt part (fewer than 12 digits, or only zeros before the last
    // chunk): the value is the chunk, below 16^12 = 2^48, exact as a number.
    if (magnitude === 0n) return new Scanned(negative, null, chunk);
    if (chunkLen > 0) magnitude = magnitude * big ** BigInt(chunkLen) + BigInt(chunk);
    return new Scanned(negative, magnitude, null);
  }
}
