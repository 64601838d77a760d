/**
 * Small emulations of the C library conversions net-tools 2.10 uses on IPX files (glibc, LP64):
 * `fgets` into a fixed buffer, `sscanf` `%s` / `%lX` / `%X` / `%u`, and `strtoul(…, 16)`.
 * Values are 64-bit unsigned (`unsigned long`) and kept as bigint; callers narrow them.
 * Written from observed behaviour of the real binary (see the package README).
 */

import { type ByteInput, forEachInputPiece, isSpace } from '@netstat-ts/core';

/** ULONG_MAX on LP64. */
export const ULONG_MAX = (1n << 64n) - 1n;

/** Value of a hex digit character code, or -1. */
export function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

function digitIn(c: number, base: 10 | 16): number {
  if (base === 16) return hexDigit(c);
  return c >= 48 && c <= 57 ? c - 48 : -1;
}

/** Applies strtoul's sign and overflow rules to a magnitude. */
function finish(mag: bigint, negative: boolean): bigint {
  if (mag > ULONG_MAX) return ULONG_MAX;
  return negative ? -mag & ULONG_MAX : mag;
}

/** One `fgets` read: the C string it yields and where it came from. */
export interface CLine {
  /** The text up to the first NUL byte, without the newline (latin1 byte string). */
  text: string;
  /** 1-based number of the file line this read starts in. */
  line: number;
  /** True when the read did not reach the end of the file line (the line was too long). */
  cut: boolean;
  /** True when the read contained a NUL byte (the text stops there). */
  nul: boolean;
}

/**
 * Splits file bytes the way repeated `fgets(buf, size, f)` calls do: each read takes at most
 * `firstMax` (for the first read) or `max` bytes, stopping after a newline. A file line longer than
 * that is returned in several reads, each of which the caller treats as a line of its own.
 */
export function fgetsLines(data: Uint8Array, firstMax: number, max: number): CLine[] {
  const out: CLine[] = [];
  const n = data.length;
  let pos = 0;
  let line = 1;
  // The next newline and NUL at or after `pos`, each searched again only once passed (a search
  // from every piece of a long line to the end would be quadratic).
  let nlAt = -2;
  let zAt = -2;
  while (pos < n) {
    const limit = Math.min(n, pos + (out.length === 0 ? firstMax : max));
    if (nlAt !== -1 && nlAt < pos) nlAt = data.indexOf(10, pos);
    if (zAt !== -1 && zAt < pos) zAt = data.indexOf(0, pos);
    let nl = nlAt;
    if (nl >= limit) nl = -1;
    const end = nl >= 0 ? nl + 1 : limit;
    const body = nl >= 0 ? nl : end;
    let z = zAt;
    if (z < 0 || z >= body) z = -1;
    const stop = z >= 0 ? z : body;
    out.push({
      text: Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1', pos, stop),
      line,
      cut: nl < 0 && end < n,
      nul: z >= 0,
    });
    if (nl >= 0) line++;
    pos = end;
  }
  return out;
}

/**
 * Calls `each(read, index, continued)` for every read `fgets(buf, max + 1, f)` makes of `input`
 * (bytes, a byte string or the piece feed of a streamed file), in order: the reads
 * {@link fgetsLines} returns with `firstMax = max`, the same from a feed as from whole bytes, with
 * constant memory. `index` counts the reads from 0 (the header is read 0); `continued` is true
 * when the read before did not reach the end of its line (`cut`), so that this one goes on with
 * that line. A read is handed over once the next one has started (or the input has ended), since
 * only then is it known whether more follows a read that stopped at `max` bytes.
 */
export function forEachCLine(
  input: ByteInput,
  max: number,
  each: (read: CLine, index: number, continued: boolean) => void,
): void {
  // The read before, waiting for what follows it; whether it ended with a newline.
  let pending = null as CLine | null;
  let pendingEnded = false;
  let index = 0;
  let line = 1;
  let continued = false;
  const handOver = (more: boolean) => {
    const read = pending!;
    pending = null;
    read.cut = !pendingEnded && more;
    each(read, index++, continued);
    continued = read.cut;
  };
  forEachInputPiece(input, max, (b, s, e, nul) => {
    if (pending) handOver(true);
    const ended = b[e - 1] === 10;
    pending = {
      text: b.toString('latin1', s, nul >= 0 ? nul : ended ? e - 1 : e),
      line,
      cut: false,
      nul: nul >= 0,
    };
    pendingEnded = ended;
    if (ended) line++;
  });
  if (pending) handOver(false);
}

/** Result of {@link strtoulHex}: the value and the index where parsing stopped (C's endptr). */
export interface StrtoulResult {
  value: bigint;
  end: number;
}

/** `strtoul(s + start, &end, 16)` with glibc's rules (sign, `0x` prefix, saturation at ULONG_MAX). */
export function strtoulHex(s: string, start = 0): StrtoulResult {
  let i = start;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  let negative = false;
  const sign = s.charCodeAt(i);
  if (sign === 45 || sign === 43) {
    negative = sign === 45;
    i++;
  }
  let prefixEnd = -1;
  if (s.charCodeAt(i) === 48 && (s.charCodeAt(i + 1) | 32) === 120) {
    prefixEnd = i + 1;
    i += 2;
  }
  const first = i;
  let mag = 0n;
  while (i < s.length) {
    const d = hexDigit(s.charCodeAt(i));
    if (d < 0) break;
    if (mag <= ULONG_MAX) mag = mag * 16n + BigInt(d);
    i++;
  }
  if (i === first) {
    // No digits: "0x" followed by a non-digit converts the 0 and ends at the x.
    return prefixEnd >= 0 ? { value: 0n, end: prefixEnd } : { value: 0n, end: start };
  }
  return { value: finish(mag, negative), end: i };
}

/** `strtol(s, NULL, 10)` (glibc, 64-bit long, saturating) — the value `atoi` narrows to int. */
export function strtolDec(s: string): bigint {
  let i = 0;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  let negative = false;
  const sign = s.charCodeAt(i);
  if (sign === 45 || sign === 43) {
    negative = sign === 45;
    i++;
  }
  let mag = 0n;
  const limit = negative ? 1n << 63n : (1n << 63n) - 1n;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    if (mag <= limit) mag = mag * 10n + BigInt(c - 48);
    i++;
  }
  if (mag > limit) mag = limit;
  return negative ? -mag : mag;
}

/** C `atoi`: strtol narrowed to a 32-bit int. */
export function atoi(s: string): number {
  return Number(BigInt.asIntN(32, strtolDec(s)));
}

/** A cursor over a C string for `sscanf`-style conversions; a failed conversion returns null. */
export class CScanner {
  pos = 0;

  constructor(readonly s: string) {}

  private skipSpace(): void {
    while (this.pos < this.s.length && isSpace(this.s.charCodeAt(this.pos))) this.pos++;
  }

  /** Skips the rest of the current run of non-space characters. */
  skipField(): void {
    while (this.pos < this.s.length && !isSpace(this.s.charCodeAt(this.pos))) this.pos++;
  }

  /** `%s`: a run of non-space characters. */
  word(): string | null {
    this.skipSpace();
    const start = this.pos;
    while (this.pos < this.s.length && !isSpace(this.s.charCodeAt(this.pos))) this.pos++;
    return this.pos > start ? this.s.slice(start, this.pos) : null;
  }

  /**
   * `%lX` (base 16) or `%lu` (base 10) as glibc's scanf does them: optional sign, a `0x` prefix
   * consumed in base 16 even without digits after it, then digits; the value is the 64-bit
   * unsigned result (callers narrow it for `%X` / `%u`).
   */
  number(base: 10 | 16): bigint | null {
    this.skipSpace();
    const s = this.s;
    let negative = false;
    let sawDigit = false;
    const sign = s.charCodeAt(this.pos);
    if (sign === 45 || sign === 43) {
      negative = sign === 45;
      this.pos++;
    }
    if (s.charCodeAt(this.pos) === 48) {
      sawDigit = true;
      this.pos++;
      if (base === 16 && (s.charCodeAt(this.pos) | 32) === 120) this.pos++;
    }
    let mag = 0n;
    while (this.pos < s.length) {
      const d = digitIn(s.charCodeAt(this.pos), base);
      if (d < 0) break;
      sawDigit = true;
      if (mag <= ULONG_MAX) mag = mag * BigInt(base) + BigInt(d);
      this.pos++;
    }
    if (!sawDigit) return null;
    return finish(mag, negative);
  }
}

/** Reads one `%X` (unsigned int) from a whole string, or null when nothing converts. */
export function scanHex32(s: string): number | null {
  const v = new CScanner(s).number(16);
  return v === null ? null : Number(v & 0xffffffffn);
}

/** `%ld` of an unsigned long: its signed 64-bit decimal text. */
export function longText(v: bigint): string {
  return BigInt.asIntN(64, v).toString();
}

/** Upper-case hex of a number, zero-padded to `width` digits (`%0NX`). */
export function hex(v: number, width: number): string {
  return v.toString(16).toUpperCase().padStart(width, '0');
}
