/**
 * Byte-level emulation of the parts of glibc `fgets` and `sscanf` that the route readers of
 * net-tools 2.10 depend on: line pieces of a fixed buffer size, `%Ns`, `%*s`, `%d`, `%X`/`%Nx`
 * with their whitespace skipping, sign, `0x` prefix, overflow and truncation rules. The scanner
 * stops at the first failing conversion and leaves the remaining outputs untouched, which is
 * what lets values leak from one line to the next in net-tools.
 */

import { digitValue, forEachPiece, hexDigit, isSpace, type PieceHandler } from '@netstat-ts/core';

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
 * Where a route reader's bytes come from: the file's bytes in memory (or a byte string), or a
 * feed of its fgets pieces as a streamed file hands them over (`InfoStream.pieces`), which is
 * never held whole.
 */
export type RouteInput = Uint8Array | string | PieceFeed;

/** Hands over the fgets pieces of a file, of at most `max` bytes each, in file order. */
export type PieceFeed = (max: number, each: PieceHandler) => void;

/**
 * Calls `each(data, start, end, line)` for every piece `fgets(buf, size)` would return, where
 * `end` also stops at a NUL byte (C string functions stop there) and excludes the newline.
 * `data` is the buffer the piece lies in: for a streamed input it is reused after the call.
 */
export function forEachFgets(
  input: RouteInput,
  size: number,
  each: (data: Buffer, start: number, end: number, line: number) => void,
): void {
  let line = 0;
  const h: PieceHandler = (b, s, e, nul) =>
    each(b, s, nul >= 0 ? nul : e > s && b[e - 1] === 10 ? e - 1 : e, line++);
  if (typeof input === 'function') input(size - 1, h);
  else forEachPiece(asBuffer(input), size - 1, h);
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
  const v = ipv4FromRouteBytes(Buffer.from(text, 'latin1'), 0, text.length);
  return v < 0 ? null : v;
}

/**
 * `scanf` without strings: a `%s` field is stored as the byte range `[from[i], to[i])` of
 * `data` (no string is made), an integer in `num[i]`. Outputs not assigned keep their old
 * values, as with scanf. Returns the number of assigned conversions.
 */
export function scanRanges(
  data: Buffer,
  start: number,
  end: number,
  conversions: readonly Conversion[],
  num: Float64Array,
  from: Int32Array,
  to: Int32Array,
): number {
  let pos = start;
  let count = 0;
  for (let i = 0; i < conversions.length; i++) {
    const c = conversions[i]!;
    while (pos < end && isSpace(data[pos]!)) pos++;
    if (pos >= end) break;
    const kind = c.kind;
    if (kind === 's' || kind === 'skip') {
      const limit = c.width > 0 && pos + c.width < end ? pos + c.width : end;
      let q = pos;
      while (q < limit && !isSpace(data[q]!)) q++;
      if (kind === 's') {
        from[i] = pos;
        to[i] = q;
        count++;
      }
      pos = q;
      continue;
    }
    // Plain digits, at most 9 of them, within the width: the common case, read here.
    const base = kind === 'd' ? 10 : 16;
    const limit = c.width > 0 && pos + c.width < end ? pos + c.width : end;
    let q = pos;
    let v = 0;
    let d = 0;
    while (q < limit && q - pos < 10) {
      d = digitValue(data[q]!, base);
      if (d < 0) break;
      v = v * base + d;
      q++;
    }
    const plain =
      q > pos &&
      q - pos <= 9 &&
      (q === limit || digitValue(data[q]!, base) < 0) &&
      !(base === 16 && q - pos === 1 && v === 0 && q < limit && (data[q]! | 32) === 120);
    if (plain) {
      num[i] = base === 16 ? v % 4294967296 : v;
      pos = q;
      count++;
      continue;
    }
    const r = scanInt(data, pos, end, c.width, base);
    if (r === null) break;
    num[i] = r[0];
    pos = r[1];
    count++;
  }
  return count;
}

/** The IPv4 address of a route field's 32-bit value: the kernel prints it in host (little-endian) order. */
function routeFieldAddress(v: number): number {
  return (((v & 255) << 24) | (((v >>> 8) & 255) << 16) | (((v >>> 16) & 255) << 8) | (v >>> 24)) >>> 0;
}

/**
 * {@link ipv4FromRouteHex} of the bytes `[from, to)`: the first 8 must be hex digits, else
 * -1 (net-tools then keeps the previous value).
 */
export function ipv4FromRouteBytes(data: Uint8Array, from: number, to: number): number {
  if (to - from < 8) return -1;
  let v = 0;
  for (let i = 0; i < 8; i++) {
    const d = digitValue(data[from + i]!, 16);
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return routeFieldAddress(v);
}

/**
 * Reads a /proc/net/route line laid out as the kernel prints it, for the standard header (the
 * 11 fields in order, nothing between): `%15s %s %s %X %d %d %d %s %d %d %d` where the name has
 * 1 to 15 bytes, the three addresses 8 hex digits, the flags 1 to 8 hex digits and the integers
 * 1 to 9 digits without sign, each followed by a blank or the end. Sets the same outputs as
 * {@link scanRanges} and returns true; returns false at the first thing it does not expect
 * (outputs written so far hold what scanRanges would write there too), and the caller then
 * scans the line with scanRanges. On success `addresses` holds the destination, gateway and mask
 * ({@link ipv4FromRouteBytes} of their ranges), read on the way.
 */
export function scanKernelRouteLine(
  data: Buffer,
  start: number,
  end: number,
  num: Float64Array,
  from: Int32Array,
  to: Int32Array,
  addresses: Float64Array,
): boolean {
  let p = start;
  let c = 0;
  while (p < end && isSpace(data[p]!)) p++;
  let q = p;
  while (q < end && !isSpace(data[q]!)) q++;
  if (q === p || q - p > 15) return false;
  from[0] = p;
  to[0] = q;
  for (let i = 1; i < 11; i++) {
    p = q;
    if (p >= end) return false;
    while (p < end && isSpace(data[p]!)) p++;
    if (p >= end) return false;
    if (i === 1 || i === 2 || i === 7) {
      q = p + 8;
      if (q > end || (q < end && !isSpace(data[q]!))) return false;
      let v = 0;
      for (let k = p; k < q; k++) {
        const d = hexDigit(data[k]!);
        if (d < 0) return false;
        v = (v << 4) | d;
      }
      from[i] = p;
      to[i] = q;
      addresses[i === 7 ? 2 : i - 1] = routeFieldAddress(v);
      continue;
    }
    let v = 0;
    q = p;
    if (i === 3) {
      while (q < end && q - p < 9) {
        const d = hexDigit(data[q]!);
        if (d < 0) break;
        v = v * 16 + d;
        q++;
      }
      if (q === p || q - p > 8) return false;
    } else {
      while (q < end && q - p < 10) {
        c = data[q]!;
        if (c < 48 || c > 57) break;
        v = v * 10 + c - 48;
        q++;
      }
      if (q === p || q - p > 9) return false;
    }
    if (q < end && !isSpace(data[q]!)) return false;
    num[i] = v;
  }
  return true;
}

/** Offsets of the blanks of a kernel-layout /proc/net/ipv6_route line. */
const V6_BLANKS = [32, 35, 68, 71, 104, 113, 122, 131];

/** Decodes the 32 hex digits at `p` into `out[o, o + 16)`; negative when one is no hex digit. */
function hex32Checked(data: Uint8Array, p: number, out: Uint8Array, o: number): number {
  let bad = 0;
  for (let i = 0; i < 16; i++) {
    const hi = hexDigit(data[p + 2 * i]!);
    const lo = hexDigit(data[p + 2 * i + 1]!);
    bad |= hi | lo;
    out[o + i] = (hi << 4) | lo;
  }
  return bad;
}

/** The value of the `n` hex digits at `p`; negative when one is no hex digit. */
function hexChecked(data: Uint8Array, p: number, n: number): number {
  let v = 0;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const d = hexDigit(data[p + i]!);
    bad |= d;
    v = v * 16 + d;
  }
  return bad < 0 ? -1 : v;
}

/**
 * Reads a /proc/net/ipv6_route line laid out as the kernel prints it (`%032x %02x %032x %02x
 * %032x %08x %08x %08x %08x %8s`, one blank between fields, the name of 1 to 15 bytes after
 * blanks): sets the outputs of {@link scanRanges} for the ipv6_route format, and the
 * destination, source and next hop as 48 bytes in `addresses` (the bytes their hex digits
 * spell), and returns true. Returns false for any other line, having written nothing but
 * (perhaps) `addresses`; the caller then uses scanRanges.
 */
export function scanKernelIpv6RouteLine(
  data: Buffer,
  start: number,
  end: number,
  num: Float64Array,
  from: Int32Array,
  to: Int32Array,
  addresses: Uint8Array,
): boolean {
  if (end - start < 141) return false;
  for (let b = 0; b < V6_BLANKS.length; b++) if (data[start + V6_BLANKS[b]!] !== 32) return false;
  if ((hex32Checked(data, start, addresses, 0) | hex32Checked(data, start + 36, addresses, 16)) < 0)
    return false;
  if (hex32Checked(data, start + 72, addresses, 32) < 0) return false;
  const prefix = hexChecked(data, start + 33, 2);
  const sourcePrefix = hexChecked(data, start + 69, 2);
  const metric = hexChecked(data, start + 105, 8);
  const refCnt = hexChecked(data, start + 114, 8);
  const use = hexChecked(data, start + 123, 8);
  const flags = hexChecked(data, start + 132, 8);
  if (prefix < 0 || sourcePrefix < 0 || metric < 0 || refCnt < 0 || use < 0 || flags < 0) return false;
  let p = start + 140;
  while (p < end && isSpace(data[p]!)) p++;
  let q = p;
  while (q < end && !isSpace(data[q]!)) q++;
  if (q === p || q - p > 15) return false;
  from[30] = p;
  to[30] = q;
  for (let g = 0; g < 8; g++) {
    from[g] = start + 4 * g;
    to[g] = start + 4 * g + 4;
    from[9 + g] = start + 36 + 4 * g;
    to[9 + g] = start + 40 + 4 * g;
    from[18 + g] = start + 72 + 4 * g;
    to[18 + g] = start + 76 + 4 * g;
  }
  num[8] = prefix;
  num[17] = sourcePrefix;
  num[26] = metric;
  num[27] = refCnt;
  num[28] = use;
  num[29] = flags;
  return true;
}
