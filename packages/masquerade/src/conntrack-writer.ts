/**
 * `-M -n` rows of the byte parser's records written straight into the output buffer (no row
 * object or string per entry): the bytes {@link formatConntrackRow} makes of the same entry
 * with numeric hosts and ports.
 */
import { type ByteWriter, putDecimal, putIPv4, putIPv6 } from '@netstat-ts/core';
import type { NatKind } from './conntrack.js';
import { CtRecord } from './conntrack-record.js';

const ORIG = 0;
const REPLY = CtRecord.TUPLE_FIELDS;

/** NAT kind of a record (the rule of {@link natKind}, on the record's numbers). */
export function recordNatKind(r: CtRecord): NatKind {
  const n = r.nums;
  const differ = (a: number, b: number) => n[a]! >= 0 && n[b]! >= 0 && n[a] !== n[b];
  const snat =
    !r.same(3, 0) ||
    differ(REPLY + CtRecord.DPORT, ORIG + CtRecord.SPORT) ||
    differ(REPLY + CtRecord.ICMP_ID, ORIG + CtRecord.ICMP_ID);
  const dnat = !r.same(2, 1) || differ(REPLY + CtRecord.SPORT, ORIG + CtRecord.DPORT);
  return snat ? (dnat ? 'both' : 'snat') : dnat ? 'dnat' : 'none';
}

/** True when slot `i` is an IPv6 address whose text may end in a dotted quad (`::ffff:1.2.3.4`). */
function dotted(r: CtRecord, i: number): boolean {
  if (r.family[i] !== 6) return false;
  const v = r.v6;
  const o = i * 16;
  for (let k = 0; k < 10; k++) if (v[o + k] !== 0) return false;
  return (v[o + 10] === 0 && v[o + 11] === 0) || (v[o + 10] === 255 && v[o + 11] === 255);
}

function putAddress(b: Buffer, p: number, r: CtRecord, i: number): number {
  return r.family[i] === 4 ? putIPv4(b, p, r.v4[i]!) : putIPv6(b, p, r.v6.subarray(i * 16, i * 16 + 16));
}

/** A port as -M -n shows it: `*` for 0 (or none), else decimal. */
function putPort(b: Buffer, p: number, v: number): number {
  if (v <= 0) {
    b[p] = 42;
    return p + 1;
  }
  return putDecimal(b, p, v);
}

function putAscii(b: Buffer, p: number, s: string): number {
  for (let i = 0; i < s.length; i++) b[p + i] = s.charCodeAt(i);
  return p + s.length;
}

/**
 * Writes the `-M -n` row of a masqueraded record (`nat` snat or both) to `w`. Returns false,
 * writing nothing, for a row this writer does not handle (an IPv4-mapped IPv6 host, which the
 * string formatter shows as 2.10 does).
 */
export function writeSnatRecord(r: CtRecord, w: ByteWriter, extended: boolean): boolean {
  if (dotted(r, 0) || dotted(r, 1)) return false;
  const proto = r.protocol === 'unknown' ? String(r.protonum) : r.protocol;
  w.reserve(proto.length + 200);
  const b = w.buf;
  let p = putAscii(b, w.pos, proto);
  if (proto.length < 4) p += 4 - proto.length;
  const t = r.timeout;
  if (t < 0) {
    b[p + 8] = 45;
    p += 9;
  } else {
    // conntrack counts seconds; 2.10's `%3lu:%02lu.%02lu` shows minutes, seconds, 1/100 s.
    const sec = t % 60;
    p = putDecimal(b, p, (t - sec) / 60, 3);
    b[p] = 58;
    b[p + 1] = 48 + ((sec / 10) | 0);
    b[p + 2] = 48 + (sec % 10);
    b[p + 3] = 46;
    b[p + 4] = 48;
    b[p + 5] = 48;
    p += 6;
  }
  p++;
  if (extended) {
    b[p + 9] = 45;
    b[p + 15] = 45;
    b[p + 21] = 45;
    p += 23;
  }
  let h = p;
  p = putAddress(b, p, r, 0);
  p = (p - h < 20 ? h + 20 : p) + 1;
  h = p;
  p = putAddress(b, p, r, 1);
  p = (p - h < 20 ? h + 20 : p) + 1;
  const n = r.nums;
  const icmp = r.protocol === 'icmp' || r.protocol === 'icmpv6';
  p = putPort(b, p, icmp ? n[ORIG + CtRecord.ICMP_ID]! : n[ORIG + CtRecord.SPORT]!);
  b[p + 1] = 45;
  b[p + 2] = 62;
  p = putPort(b, p + 4, icmp ? 0 : n[ORIG + CtRecord.DPORT]!);
  b[p + 1] = 40;
  p = putPort(b, p + 2, icmp ? n[REPLY + CtRecord.ICMP_ID]! : n[REPLY + CtRecord.DPORT]!);
  b[p] = 41;
  b[p + 1] = 10;
  w.pos = p + 2;
  return true;
}
