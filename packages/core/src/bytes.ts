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
