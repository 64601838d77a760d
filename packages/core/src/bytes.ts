/**
 * Byte strings.
 *
 * netstat-ts handles all text from /proc and /etc as "byte strings": JavaScript strings decoded
 * as latin1, so that one character is exactly one byte. C's printf pads and truncates by bytes
 * (`%-20s`, the 19-byte program name, the 23-column address trimming); working on byte strings
 * reproduces that exactly, including a UTF-8 character cut in half, and the output is written
 * back as latin1, byte for byte. JSON output converts byte strings to real Unicode text with
 * {@link byteStringToUnicode}.
 */

/** Decodes bytes as a byte string (one char per byte). */
export function bytesToString(data: Uint8Array, start = 0, end = data.length): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1', start, end);
}

/** Converts a byte string holding UTF-8 bytes to a proper Unicode string (for JSON). */
export function byteStringToUnicode(s: string): string {
  // Fast path: pure ASCII needs no conversion.
  if (/^[\x00-\x7f]*$/.test(s)) return s;
  return Buffer.from(s, 'latin1').toString('utf8');
}

/** Converts a Unicode string to a byte string of its UTF-8 encoding (for text given by a user). */
export function unicodeToByteString(s: string): string {
  if (/^[\x00-\x7f]*$/.test(s)) return s;
  return Buffer.from(s, 'utf8').toString('latin1');
}

const SPACES = ' '.repeat(256);

/** `spaces(n)`: n blanks (n may exceed 256). */
export function spaces(n: number): string {
  if (n <= 0) return '';
  return n <= 256 ? SPACES.slice(0, n) : ' '.repeat(n);
}

/** printf `%-Ns`: pad on the right to `width` bytes, never truncate. */
export function padRight(s: string, width: number): string {
  return s.length >= width ? s : s + spaces(width - s.length);
}

/** printf `%Ns`: pad on the left to `width` bytes, never truncate. */
export function padLeft(s: string, width: number): string {
  return s.length >= width ? s : spaces(width - s.length) + s;
}

/** printf `%-N.Ms`: truncate to `max` bytes, then pad on the right to `width`. */
export function padRightTrunc(s: string, width: number, max: number): string {
  return padRight(s.length > max ? s.slice(0, max) : s, width);
}

/** Formats a number like C's `%.2f` (round half to even on the binary value, as glibc does). */
export function fixed2(value: number): string {
  return value.toFixed(2);
}

/**
 * Byte formatting into a buffer (for row renderers that write to a {@link ByteWriter}). Each
 * helper writes at `p` and returns the position after what it wrote; the caller has reserved
 * the room.
 */

/** Writes a byte string (one byte per character). */
export function putText(b: Uint8Array, p: number, s: string): number {
  const n = s.length;
  for (let i = 0; i < n; i++) b[p + i] = s.charCodeAt(i);
  return p + n;
}

/** Writes `n` blanks (none when `n <= 0`). */
export function putSpaces(b: Uint8Array, p: number, n: number): number {
  for (let i = 0; i < n; i++) b[p + i] = 32;
  return n > 0 ? p + n : p;
}

/** Number of decimal digits of a non-negative integer. */
export function decimalWidth(v: number): number {
  // Comparisons only below 2^31 (integer compares in optimized code); a division per digit above.
  if (v < 0x80000000) {
    if (v < 100000) return v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : v < 10000 ? 4 : 5;
    return v < 1000000 ? 6 : v < 10000000 ? 7 : v < 100000000 ? 8 : v < 1000000000 ? 9 : 10;
  }
  let n = 1;
  while (v >= 10) {
    v = Math.floor(v / 10);
    n++;
  }
  return n;
}

/** printf `%*lu` of a non-negative safe integer: decimal, padded on the left to `width`. */
export function putDecimal(b: Uint8Array, p: number, v: number, width = 0): number {
  const n = decimalWidth(v);
  p = putSpaces(b, p, width - n);
  let q = p + n;
  const end = q;
  if (v < 0x80000000) {
    // In int32 arithmetic: `(x / 10) | 0` is a multiplication in optimized code, where the
    // floating-point `%` of a number V8 holds as a double is a call into C (measured: 120 ns a
    // 6-digit inode, a fifth of a unix row).
    let x = v | 0;
    do {
      const y = (x / 10) | 0;
      b[--q] = 48 + x - y * 10;
      x = y;
    } while (x > 0);
    return end;
  }
  do {
    const d = v % 10;
    b[--q] = 48 + d;
    v = (v - d) / 10;
  } while (v > 0);
  return end;
}

/** Decimal texts of 0..255 as bytes: 3 slots per value, with the length in {@link OCTET_LEN}. */
const OCTET = new Uint8Array(768);
const OCTET_LEN = new Uint8Array(256);
for (let i = 0; i < 256; i++) {
  const t = String(i);
  OCTET_LEN[i] = t.length;
  for (let k = 0; k < t.length; k++) OCTET[i * 3 + k] = t.charCodeAt(k);
}

function putOctet(b: Uint8Array, p: number, v: number): number {
  const n = OCTET_LEN[v]!;
  const o = v * 3;
  b[p] = OCTET[o]!;
  if (n > 1) b[p + 1] = OCTET[o + 1]!;
  if (n > 2) b[p + 2] = OCTET[o + 2]!;
  return p + n;
}

/** Writes a host-order IPv4 address as a dotted quad (the text of `formatIPv4`). */
export function putIPv4(b: Uint8Array, p: number, a: number): number {
  p = putOctet(b, p, (a >>> 24) & 255);
  b[p++] = 46;
  p = putOctet(b, p, (a >>> 16) & 255);
  b[p++] = 46;
  p = putOctet(b, p, (a >>> 8) & 255);
  b[p++] = 46;
  return putOctet(b, p, a & 255);
}

/** Length of the valid UTF-8 sequence starting at `i` (1 for ASCII), or 0 when it is not one. */
export function utf8SequenceLength(b: Uint8Array, i: number, end: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const cont = (k: number) => i + k < end && (b[i + k]! & 0xc0) === 0x80;
  const c1 = i + 1 < end ? b[i + 1]! : 0;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    if (!cont(1) || !cont(2)) return 0;
    if ((c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 >= 0xa0)) return 0; // overlong, surrogate
    return 3;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if ((c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 >= 0x90)) return 0;
    return 4;
  }
  return 0;
}

/**
 * Decodes bytes as UTF-8, keeping every byte that is not valid UTF-8 as the lone surrogate
 * U+DC00+byte (like Python's `surrogateescape`), so that {@link encodeUtf8Escaped} gives the
 * exact bytes back. Used for command-line arguments, which are bytes (`-A` with a Latin-1 `é`).
 */
export function decodeUtf8Escaped(b: Uint8Array): string {
  let s = '';
  let from = 0;
  let i = 0;
  while (i < b.length) {
    const n = utf8SequenceLength(b, i, b.length);
    if (n > 0) {
      i += n;
      continue;
    }
    s += Buffer.from(b.subarray(from, i)).toString('utf8') + String.fromCharCode(0xdc00 + b[i]!);
    from = ++i;
  }
  return s + Buffer.from(b.subarray(from)).toString('utf8');
}

/** UTF-8 bytes of `s`, with the escaped bytes of {@link decodeUtf8Escaped} written as themselves. */
export function encodeUtf8Escaped(s: string): Buffer {
  if (!/[\udc80-\udcff]/.test(s)) return Buffer.from(s, 'utf8');
  const parts: Buffer[] = [];
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A lone low surrogate in this range (not the second half of a pair) is an escaped byte.
    if (
      c >= 0xdc80 &&
      c <= 0xdcff &&
      !(i > 0 && s.charCodeAt(i - 1) >= 0xd800 && s.charCodeAt(i - 1) <= 0xdbff)
    ) {
      parts.push(Buffer.from(s.slice(from, i), 'utf8'), Buffer.from([c - 0xdc00]));
      from = i + 1;
    }
  }
  parts.push(Buffer.from(s.slice(from), 'utf8'));
  return Buffer.concat(parts);
}

/** 2^64: stands for every value too big for a C unsigned long (C's conversions saturate below it). */
export const SATURATED = 1n << 64n;

/**
 * The value of a run of decimal digits as a bigint, in time linear in its length. `BigInt()` of a
 * long string is quadratic (a million digits take a second), so a value of more than 20
 * significant digits (over 2^64, where strtoul and strtol saturate) is returned as
 * {@link SATURATED}; callers saturate it to their type's limit as C does.
 */
export function digitsToBigInt(digits: string): bigint {
  let i = 0;
  while (i < digits.length - 1 && digits.charCodeAt(i) === 48) i++;
  if (digits.length - i > 20) return SATURATED;
  return BigInt(i === 0 ? digits : digits.slice(i));
}
