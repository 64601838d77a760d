/**
 * Byte-level emulation of the few glibc `sscanf`/`strtol` behaviours the Internet readers rely on:
 * whitespace directives, literal characters, `%d`, `%X`, `%lX`, `%lu` (with sign, optional `0x`,
 * strtol/strtoul saturation and the int/unsigned truncation of the stored value) and
 * `%N[0-9A-Fa-f]`. A {@link Cursor} walks one line; numbers are left in `cursor.value`.
 */

/** An unsigned 64-bit value: a number when it is a safe integer, else a bigint. */
export type U64 = number | bigint;

const SPACE = new Uint8Array(256);
for (const c of [9, 10, 11, 12, 13, 32]) SPACE[c] = 1;

/** Hex digit values by character code, -1 for other characters. */
export const HEX_VALUE: Int8Array = (() => {
  const t = new Int8Array(256).fill(-1);
  for (let i = 0; i < 10; i++) t[48 + i] = i;
  for (let i = 0; i < 6; i++) {
    t[65 + i] = 10 + i;
    t[97 + i] = 10 + i;
  }
  return t;
})();

const TWO64 = 1n << 64n;
const ULONG_MAX = TWO64 - 1n;
const LONG_MAX = (1n << 63n) - 1n;
const SAFE = Number.MAX_SAFE_INTEGER;

/** Normalises a non-negative bigint below 2^64 to the {@link U64} form. */
export function u64(v: bigint): U64 {
  return v <= BigInt(SAFE) ? Number(v) : v;
}

/** C `%ld` text of an unsigned 64-bit value (values >= 2^63 print negative). */
export function u64Signed(v: U64): string {
  if (typeof v === 'number') return String(v);
  return String(v > LONG_MAX ? v - TWO64 : v);
}

/** True when `c` is a C `isspace` character. */
export function isSpace(c: number): boolean {
  return SPACE[c] === 1;
}

/**
 * A read position in one line (`buf[pos..end)`). `end` is where C would see the string end: the
 * end of the fgets chunk or its first NUL byte.
 */
export class Cursor {
  buf: Uint8Array = new Uint8Array(0);
  pos = 0;
  end = 0;
  /** Magnitude of the last number read (number when safe, else bigint). */
  mag: number | bigint = 0;
  /** True when the last number had a minus sign. */
  neg = false;

  private nulBuf: Uint8Array | null = null;
  private nulFrom = 0;
  private nulAt = 0;

  /** Points the cursor at `buf[start..end)`, cut at the first NUL (found once per stretch of lines). */
  reset(buf: Uint8Array, start: number, end: number): void {
    this.buf = buf;
    this.pos = start;
    if (buf !== this.nulBuf || start < this.nulFrom || this.nulAt < start) {
      const i = buf.indexOf(0, start);
      this.nulAt = i < 0 ? buf.length : i;
      this.nulBuf = buf;
      this.nulFrom = start;
    }
    this.end = Math.min(this.nulAt, end);
  }

  /**
   * Points the cursor at one fgets piece `buf[start..end)` whose first NUL is `nul` (-1: none), as
   * a piece handler of @netstat-ts/core gets it: the string ends at the NUL. Forgets the NUL found by
   * {@link reset}, since a piece buffer is reused with new bytes.
   */
  piece(buf: Uint8Array, start: number, end: number, nul: number): void {
    this.buf = buf;
    this.pos = start;
    this.end = nul >= 0 && nul < end ? nul : end;
    this.nulBuf = null;
  }

  /** A whitespace directive: skips any amount of whitespace (possibly none). */
  skipSpace(): void {
    const b = this.buf;
    while (this.pos < this.end && SPACE[b[this.pos]!] === 1) this.pos++;
  }

  /** A literal character of the format; false on mismatch (nothing consumed then). */
  literal(code: number): boolean {
    if (this.pos < this.end && this.buf[this.pos] === code) {
      this.pos++;
      return true;
    }
    return false;
  }

  /** `%N[0-9A-Fa-f]`: returns the start of 1..max hex digits (cursor moves past), or -1. */
  hexRun(max: number): number {
    const b = this.buf;
    const start = this.pos;
    let p = start;
    while (p < this.end && p - start < max && HEX_VALUE[b[p]!]! >= 0) p++;
    if (p === start) return -1;
    this.pos = p;
    return start;
  }

  /**
   * Reads an integer like scanf's `%d`/`%X`/`%lu` (skipping whitespace first) with at most
   * `width` characters; leaves the magnitude in `mag` and the sign in `neg`. False when no digit.
   */
  number(base: 10 | 16, width = Number.POSITIVE_INFINITY): boolean {
    this.skipSpace();
    const b = this.buf;
    let p = this.pos;
    const end = Math.min(this.end, width === Number.POSITIVE_INFINITY ? this.end : p + width);
    let neg = false;
    if (p < end && (b[p] === 45 || b[p] === 43)) {
      neg = b[p] === 45;
      p++;
    }
    let digits = 0;
    if (base === 16 && p + 1 < end && b[p] === 48 && (b[p + 1]! | 32) === 120) {
      p += 2; // "0x": the 0 counts as a digit
      digits = 1;
    }
    let v = 0;
    let big: bigint | null = null;
    let saturated = false;
    while (p < end) {
      const d = base === 16 ? HEX_VALUE[b[p]!]! : b[p]! - 48;
      if (d < 0 || d >= base) break;
      // Past 2^64 every C conversion saturates: stop growing the value (a long run of digits
      // would otherwise cost quadratic time).
      if (big !== null) {
        if (!saturated) {
          big = big * BigInt(base) + BigInt(d);
          saturated = big > TWO64;
        }
      } else {
        v = v * base + d;
        if (v > 2 ** 48) big = BigInt(v);
      }
      digits++;
      p++;
    }
    if (digits === 0) return false;
    this.pos = p;
    this.neg = neg;
    this.mag = big ?? v;
    return true;
  }

  /** The last number as strtoul stores it in an unsigned long (mod 2^64, saturating). */
  get ulong(): U64 {
    const m = this.mag;
    if (typeof m === 'number') {
      if (!this.neg || m === 0) return m;
      return u64(TWO64 - BigInt(m));
    }
    if (m > ULONG_MAX) return ULONG_MAX;
    return u64(this.neg ? TWO64 - m : m);
  }

  /** The last number as `%X` stores it: strtoul's result cut to 32 bits. */
  get uint(): number {
    const m = this.mag;
    if (typeof m === 'number') return (this.neg ? -m : m) >>> 0;
    const u = this.ulong;
    return Number(BigInt.asUintN(32, BigInt(u)));
  }

  /** The last number as `%d`/atoi store it: strtol's result (saturating) cut to a signed int. */
  get int(): number {
    const m = this.mag;
    if (typeof m === 'number') return (this.neg ? -m : m) | 0;
    let v = this.neg ? -m : m;
    if (v > LONG_MAX) v = LONG_MAX;
    if (v < -LONG_MAX - 1n) v = -LONG_MAX - 1n;
    return Number(BigInt.asIntN(32, v));
  }
}

/** Iterates over a file the way a `fgets(buf, size)` loop sees it: lines, long ones split. */
export function forEachFgets(
  data: Uint8Array,
  size: number,
  each: (start: number, end: number, index: number) => void,
): void {
  const max = size - 1;
  const n = data.length;
  let pos = 0;
  let index = 0;
  // The next newline at or after `pos`, searched once per file line (not once per piece).
  let nlAt = -2;
  while (pos < n) {
    if (nlAt !== -1 && nlAt < pos) nlAt = data.indexOf(10, pos);
    let end = nlAt < 0 ? n : nlAt + 1;
    if (end - pos > max) end = pos + max;
    each(pos, end, index++);
    pos = end;
  }
}
