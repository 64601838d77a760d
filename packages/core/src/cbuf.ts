/**
 * The few C library behaviours the amateur-radio readers of net-tools 2.10 depend on, written
 * from their documented semantics (C standard / glibc manual), not from net-tools:
 *
 * - `fgets(buf, 256, f)`: a record is at most 255 bytes, or up to and including a newline;
 *   longer lines arrive in pieces, each piece being one record.
 * - The record buffer: 2.10 reuses one buffer, so bytes after a short record still hold an
 *   earlier record. That is the stale-buffer bug (spec §4); here every record gets a buffer that
 *   is zero-filled after the record, i.e. reads past the record's end see an empty string.
 * - `atoi`, `sscanf` (`%d`, `%x`, `%s`, literals, blanks) and `printf` `%d` with width/flags.
 *
 * Used by @netstat-ts/ax25, @netstat-ts/netrom and @netstat-ts/rose.
 */
import { bytesToString } from './bytes.js';
import { type ByteInput, forEachInputPiece } from './pieces.js';

/** Size of net-tools' line buffer: records hold at most 255 bytes. */
export const LINE_BUFFER = 256;

/**
 * Calls `each(buf, length, index)` for every record `fgets(buf, 256, f)` would read from `data`
 * (bytes, a byte string or the piece feed of a streamed file). `buf` is LINE_BUFFER bytes: the
 * record (with its newline, if any), then zeros. The same buffer object is reused: copy what must
 * survive the callback.
 */
export function forEachRecord(
  data: ByteInput,
  each: (buf: Uint8Array, length: number, index: number) => void,
): void {
  const buf = new Uint8Array(LINE_BUFFER);
  let index = 0;
  forEachInputPiece(data, LINE_BUFFER - 1, (b, s, e) => {
    buf.fill(0);
    buf.set(b.subarray(s, e));
    each(buf, e - s, index++);
  });
}

/** The C string starting at `off` (up to the first NUL or the end of the buffer), as a byte string. */
export function cstr(buf: Uint8Array, off: number): string {
  if (off < 0 || off >= buf.length) return '';
  let end = buf.indexOf(0, off);
  if (end < 0) end = buf.length;
  return bytesToString(buf, off, end);
}

/** The C string at `off`, at most `max` bytes (a field cut by a NUL written at `off + max`). */
export function field(buf: Uint8Array, off: number, max: number): string {
  const s = cstr(buf, off);
  return s.length > max ? s.slice(0, max) : s;
}

/** Writes a NUL at each offset, as 2.10 does to cut the record buffer into fields. */
export function setNul(buf: Uint8Array, ...offsets: number[]): void {
  for (const o of offsets) buf[o] = 0;
}

/** C `isspace` in the C locale. */
export function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** Value of the digit `c` (0-9, a-f, A-F) in `base` (up to 16), or -1 when it is not one. */
export function digitValue(c: number, base: number): number {
  let d = 99;
  if (c >= 48 && c <= 57) d = c - 48;
  else if (c >= 97 && c <= 102) d = c - 87;
  else if (c >= 65 && c <= 70) d = c - 55;
  return d < base ? d : -1;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

const LONG_MAX = (1n << 63n) - 1n;
const LONG_MIN = -(1n << 63n);

/** strtol's clamping to a 64-bit long, then the conversion to a 32-bit int (low 32 bits). */
function toInt(neg: boolean, digits: string): number {
  if (digits.length <= 15) {
    const v = Number(digits);
    return (neg ? -v : v) | 0;
  }
  let v = BigInt(digits);
  if (neg) v = -v;
  if (v > LONG_MAX) v = LONG_MAX;
  if (v < LONG_MIN) v = LONG_MIN;
  return Number(BigInt.asIntN(32, v));
}

/** End of the C string that starts at or before `off`. */
function stringEnd(buf: Uint8Array, off: number): number {
  const e = buf.indexOf(0, Math.max(0, off));
  return e < 0 ? buf.length : e;
}

/** Parses `[+-]digits` at `p` (blanks already skipped); null when there is no digit. */
function decimalAt(buf: Uint8Array, p: number, end: number): { value: number; end: number } | null {
  let neg = false;
  if (p < end && (buf[p] === 43 || buf[p] === 45)) {
    neg = buf[p] === 45;
    p++;
  }
  const start = p;
  while (p < end && isDigit(buf[p]!)) p++;
  if (p === start) return null;
  return { value: toInt(neg, bytesToString(buf, start, p)), end: p };
}

/** C `atoi` of the text at `off` (glibc: `(int) strtol(s, NULL, 10)`); 0 outside the buffer. */
export function atoi(buf: Uint8Array, off: number): number {
  if (off < 0 || off >= buf.length) return 0;
  const end = stringEnd(buf, off);
  let p = off;
  while (p < end && isSpace(buf[p]!)) p++;
  return decimalAt(buf, p, end)?.value ?? 0;
}

type Directive =
  | { kind: 'space' }
  | { kind: 'literal'; ch: number }
  | { kind: 'conv'; type: 'd' | 'x' | 's'; assign: boolean };

const compiled = new Map<string, Directive[]>();

function compile(format: string): Directive[] {
  let d = compiled.get(format);
  if (d) return d;
  d = [];
  for (let i = 0; i < format.length; i++) {
    const c = format.charCodeAt(i);
    if (isSpace(c)) {
      while (i + 1 < format.length && isSpace(format.charCodeAt(i + 1))) i++;
      d.push({ kind: 'space' });
    } else if (c === 37 /* % */) {
      let assign = true;
      if (format[i + 1] === '*') {
        assign = false;
        i++;
      }
      const t = format[++i];
      if (t !== 'd' && t !== 'x' && t !== 's') throw new Error(`unsupported conversion %${t}`);
      d.push({ kind: 'conv', type: t, assign });
    } else d.push({ kind: 'literal', ch: c });
  }
  compiled.set(format, d);
  return d;
}

/** What {@link scan} returns: sscanf's return value and the assigned values in order. */
export interface ScanResult {
  /** Number of assigned conversions; -1 (EOF) when the input ended before the first one. */
  count: number;
  values: (number | string)[];
}

/**
 * `sscanf(buf + off, format, …)` for the directives `%d`, `%x`, `%s` (optionally `%*…`),
 * blanks and literal characters. `%s` values are returned in full (no destination buffer limit).
 * `%d` values follow glibc: strtol with clamping, then truncation to int.
 */
export function scan(buf: Uint8Array, off: number, format: string): ScanResult {
  const values: (number | string)[] = [];
  if (off < 0 || off >= buf.length) return { count: -1, values };
  const end = stringEnd(buf, off);
  let p = off;
  let count = 0;
  let converted = false;
  const inputFailure = (): ScanResult => ({ count: converted ? count : -1, values });
  for (const d of compile(format)) {
    if (d.kind === 'space') {
      while (p < end && isSpace(buf[p]!)) p++;
      continue;
    }
    if (d.kind === 'literal') {
      if (p >= end) return inputFailure();
      if (buf[p] !== d.ch) return { count, values };
      p++;
      continue;
    }
    while (p < end && isSpace(buf[p]!)) p++;
    if (p >= end) return inputFailure();
    if (d.type === 's') {
      const start = p;
      while (p < end && !isSpace(buf[p]!)) p++;
      if (d.assign) values.push(bytesToString(buf, start, p));
    } else if (d.type === 'd') {
      const r = decimalAt(buf, p, end);
      if (!r) return { count, values };
      p = r.end;
      if (d.assign) values.push(r.value);
    } else {
      let q = p;
      let neg = false;
      if (buf[q] === 43 || buf[q] === 45) {
        neg = buf[q] === 45;
        q++;
      }
      let digits = 0;
      let v = 0;
      if (q + 1 < end && buf[q] === 48 && (buf[q + 1] === 120 || buf[q + 1] === 88)) {
        q += 2;
        digits = 1;
      }
      while (q < end && hexValue(buf[q]!) >= 0) {
        v = (v * 16 + hexValue(buf[q]!)) % 2 ** 32;
        q++;
        digits++;
      }
      if (digits === 0) return { count, values };
      p = q;
      if (d.assign) values.push((neg ? -v : v) | 0);
    }
    converted = true;
    if (d.assign) count++;
  }
  return { count, values };
}

/** printf `%d` with a width: `left` for `%-Nd`, `zero` for `%0Nd`. */
export function formatInt(n: number, width: number, flags: { left?: boolean; zero?: boolean } = {}): string {
  let s = String(n);
  if (s.length >= width) return s;
  if (flags.left) return s + ' '.repeat(width - s.length);
  if (flags.zero) {
    const neg = n < 0;
    const digits = neg ? s.slice(1) : s;
    s = (neg ? '-' : '') + '0'.repeat(width - s.length) + digits;
    return s;
  }
  return ' '.repeat(width - s.length) + s;
}

/** Removes trailing blanks (0x20 only): a fixed-width field without the kernel's padding. */
export function trimBlanks(s: string): string {
  let e = s.length;
  while (e > 0 && s.charCodeAt(e - 1) === 32) e--;
  return e === s.length ? s : s.slice(0, e);
}
