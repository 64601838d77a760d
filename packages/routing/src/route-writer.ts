/**
 * Route rows formatted straight into the output buffer (no string or row object per route) for
 * the common numeric listings; every other listing goes through the string formatters of
 * render-inet.ts / render-inet6.ts, one route at a time.
 */
import {
  type ByteWriter,
  decimalWidth,
  isV4Mapped,
  putDecimal,
  putIPv4,
  putIPv6,
  putText,
} from '@netstat-ts/core';
import { ipv4RouteFlags, ipv6RouteFlags, isReject, rtCacheFlags } from './flags.js';
import type { Ipv6RouteCursor } from './ipv6-route.js';
import type { Ipv4RouteCursor } from './proc-net-route.js';
import type { RtCacheCursor, RtCacheFormat } from './rt-cache.js';

/** Room one row can take: addresses, flags, five integers and a 15-byte interface name. */
const ROW_ROOM = 256;

/** Width of printf `%d` of an int. */
function intWidth(v: number): number {
  return v < 0 ? decimalWidth(-v) + 1 : decimalWidth(v);
}

/** printf `%d` of an int; returns the end. */
function putInt(b: Uint8Array, p: number, v: number): number {
  if (v < 0) {
    b[p++] = 45;
    return putDecimal(b, p, -v);
  }
  return putDecimal(b, p, v);
}

/** printf `%-Nd`: the number, then blanks up to `width` (the buffer is blank already). */
function putIntLeft(b: Uint8Array, p: number, v: number, width: number): number {
  const e = putInt(b, p, v);
  return e - p < width ? p + width : e;
}

/** printf `%Nd`: blanks up to `width`, then the number. */
function putIntRight(b: Uint8Array, p: number, v: number, width: number): number {
  const n = intWidth(v);
  return putInt(b, n < width ? p + width - n : p, v);
}

/** Copies `data[from, to)` to `b` at `p`. */
function putRange(b: Buffer, p: number, data: Buffer, from: number, to: number): number {
  for (let i = from; i < to; i++) b[p++] = data[i]!;
  return p;
}

/** A cache of flag texts by their bits. */
function flagCache(text: (bits: number) => string): (bits: number) => string {
  const seen = new Map<number, string>();
  return (bits) => {
    let s = seen.get(bits);
    if (s === undefined) {
      s = text(bits);
      seen.set(bits, s);
    }
    return s;
  };
}

/**
 * The writer of numeric IPv4 FIB rows, the bytes of {@link formatIpv4Route}: at ext 2
 * (`netstat -rn`: Destination, Gateway, Genmask, Flags, MSS, Window, irtt, Iface) or ext 1
 * (`netstat -rne`: Destination, Gateway, Genmask, Flags, Metric, Ref, Use, Iface).
 */
export function ipv4NumericRowWriter(ext: 1 | 2 = 2): (r: Ipv4RouteCursor, w: ByteWriter) => void {
  const flags = flagCache(ipv4RouteFlags);
  return (r, w) => {
    w.reserve(ROW_ROOM);
    const b = w.buf;
    const p0 = w.pos;
    putIPv4(b, p0, r.destination);
    const reject = isReject(r.flagBits);
    if (reject) b[p0 + 16] = 45;
    else putIPv4(b, p0 + 16, r.gateway);
    putIPv4(b, p0 + 32, r.mask);
    const f = flags(r.flagBits);
    let p = putText(b, p0 + 48, f);
    if (p < p0 + 53) p = p0 + 53;
    if (ext === 1) {
      // `%-6d %-2d %7d %s` (Metric, Ref, Use, Iface); a reject route: `%-6d -  %7d -`.
      p = putIntLeft(b, p + 1, r.metric, 6);
      if (reject) {
        b[p + 1] = 45;
        p = putIntRight(b, p + 4, r.use, 7);
        b[p + 1] = 45;
        b[p + 2] = 10;
        w.pos = p + 3;
        return;
      }
      p = putIntLeft(b, p + 1, r.refCnt, 2);
      p = putIntRight(b, p + 1, r.use, 7);
      p = putRange(b, p + 1, r.data, r.ifaceFrom, r.ifaceTo);
      b[p] = 10;
      w.pos = p + 1;
      return;
    }
    if (reject) {
      // `     - -          - -`
      b[p + 5] = 45;
      b[p + 7] = 45;
      b[p + 18] = 45;
      b[p + 20] = 45;
      b[p + 21] = 10;
      w.pos = p + 22;
      return;
    }
    p = putIntRight(b, p + 1, r.mtu, 5);
    p = putIntLeft(b, p + 1, r.window, 5);
    p = putIntRight(b, p + 1, r.irtt, 6);
    p = putRange(b, p + 1, r.data, r.ifaceFrom, r.ifaceTo);
    b[p] = 10;
    w.pos = p + 1;
  };
}

/**
 * The writer of numeric IPv6 route rows (`netstat -rn -A inet6`), the bytes of
 * {@link formatIpv6Route}: `%-30s %-26s %-4s %-3d %-1d %6d %s\n`. Returns false (nothing
 * written) for a row it does not handle: an IPv4-mapped address, whose text is cut.
 */
export function ipv6NumericRowWriter(): (r: Ipv6RouteCursor, w: ByteWriter) => boolean {
  const flags = flagCache(ipv6RouteFlags);
  return (r, w) => {
    if (isV4Mapped(r.destination) || isV4Mapped(r.nextHop)) return false;
    w.reserve(ROW_ROOM);
    const b = w.buf;
    const p0 = w.pos;
    let p = putIPv6(b, p0, r.destination);
    b[p++] = 47;
    p = putInt(b, p, r.prefixLength);
    p = p < p0 + 30 ? p0 + 31 : p + 1;
    const q = p;
    p = putIPv6(b, p, r.nextHop);
    p = p < q + 26 ? q + 27 : p + 1;
    const f = flags(r.flagBits);
    const q2 = p;
    p = putText(b, p, f);
    p = p < q2 + 4 ? q2 + 5 : p + 1;
    p = putIntLeft(b, p, r.metric, 3);
    p = putInt(b, p + 1, r.refCnt);
    p = putIntRight(b, p + 1, r.use, 6);
    p = putRange(b, p + 1, r.data, r.ifaceFrom, r.ifaceTo);
    b[p] = 10;
    w.pos = p + 1;
    return true;
  };
}

/**
 * The writer of numeric IPv4 route cache rows at ext 1 and 2 (`netstat -rnC`, `-rnCe`), the bytes
 * of {@link formatRtCacheRow}: Source, Destination, Gateway, Flags, then MSS, Window, irtt
 * (ext 2) or Metric, Ref, Use (ext 1), and Iface.
 */
export function rtCacheNumericRowWriter(
  ext: 1 | 2,
  format: RtCacheFormat,
): (r: RtCacheCursor, w: ByteWriter) => void {
  const flags = flagCache((bits) => rtCacheFlags(bits, format));
  return (r, w) => {
    w.reserve(ROW_ROOM);
    const b = w.buf;
    const p0 = w.pos;
    putIPv4(b, p0, r.source);
    putIPv4(b, p0 + 16, r.destination);
    putIPv4(b, p0 + 32, r.gateway);
    let p = putText(b, p0 + 48, flags(r.flagBits));
    if (p < p0 + 53) p = p0 + 53;
    if (ext === 2) {
      p = putIntRight(b, p + 1, r.mtu, 5);
      p = putIntLeft(b, p + 1, r.window, 5);
      p = putIntRight(b, p + 1, r.irtt, 6);
    } else {
      p = putIntLeft(b, p + 1, r.metric, 6);
      p = putIntLeft(b, p + 1, r.refCnt, 2);
      p = putIntRight(b, p + 1, r.use, 7);
    }
    p = putRange(b, p + 1, r.data, r.ifaceFrom, r.ifaceTo);
    b[p] = 10;
    w.pos = p + 1;
  };
}
