import { digitValue, formatIPv6, parseIPv6 } from '@netstat-ts/core';
import {
  type Conversion,
  forEachFgets,
  type RouteInput,
  scanKernelIpv6RouteLine,
  scanRanges,
} from './scan.js';

/**
 * The fgets size net-tools 2.10 reads ipv6_route with: 1023, so a line is cut after 1022 bytes
 * (checked against the real binary on lines of 1022 to 1200 bytes; fixtures/ipv6-route-long).
 */
export const IPV6_ROUTE_LINE_BUFFER = 1023;

/** RTF_CACHE: cache entries are hidden from the FIB listing and are the whole cache listing. */
export const RTF_CACHE = 0x01000000;

/** One line of /proc/net/ipv6_route as net-tools 2.10 reads it. */
export interface Ipv6RouteRecord {
  /** Destination as 16 bytes and as inet_ntop text. */
  destination: Uint8Array;
  destinationText: string;
  prefixLength: number;
  source: Uint8Array;
  sourceText: string;
  sourcePrefixLength: number;
  nextHop: Uint8Array;
  nextHopText: string;
  /** Metric, refcnt and use: the kernel's hex words shown as signed ints (0xffffffff = -1). */
  metric: number;
  refCnt: number;
  use: number;
  /** RTF_* bits. */
  flagBits: number;
  iface: string;
}

const G: Conversion = { kind: 's', width: 4 };
const P: Conversion = { kind: 'x', width: 2 };
const W: Conversion = { kind: 'x', width: 8 };
/** 8×%4s %02x 8×%4s %02x 8×%4s 4×%08x %15s */
const FORMAT: Conversion[] = [
  ...Array<Conversion>(8).fill(G),
  P,
  ...Array<Conversion>(8).fill(G),
  P,
  ...Array<Conversion>(8).fill(G),
  W,
  W,
  W,
  W,
  { kind: 's', width: 15 },
];

/**
 * inet_pton of the 8 groups joined with `:`; null when glibc would refuse the text (net-tools
 * then keeps the previous address).
 */
export function groupsToAddress(groups: readonly (string | number)[], from: number): Uint8Array | null {
  const text = groups.slice(from, from + 8).join(':');
  if (text.includes('%')) return null;
  return parseIPv6(text);
}

/**
 * A route as {@link scanIpv6Route} hands it over: one object reused for every line, the
 * addresses as reused 16-byte arrays and the interface name as a byte range of the file.
 */
export interface Ipv6RouteCursor {
  data: Buffer;
  destination: Uint8Array;
  prefixLength: number;
  source: Uint8Array;
  sourcePrefixLength: number;
  nextHop: Uint8Array;
  metric: number;
  refCnt: number;
  use: number;
  flagBits: number;
  /** The interface name is `data[ifaceFrom, ifaceTo)`. */
  ifaceFrom: number;
  ifaceTo: number;
}

/**
 * Sets `out` to the address of the 8 groups at conversions `first..first+7` (inet_pton of them
 * joined with `:`); false when glibc would refuse the text (net-tools then keeps the old one).
 */
function groupsInto(data: Buffer, from: Int32Array, to: Int32Array, first: number, out: Uint8Array): boolean {
  // Each group exactly 4 hex digits (the kernel's layout): the bytes are the digits.
  let plain = true;
  for (let g = 0; g < 8 && plain; g++) {
    const a = from[first + g]!;
    if (to[first + g]! - a !== 4) plain = false;
    else
      for (let k = 0; k < 4; k++)
        if (digitValue(data[a + k]!, 16) < 0) {
          plain = false;
          break;
        }
  }
  if (plain) {
    for (let g = 0; g < 8; g++) {
      const a = from[first + g]!;
      out[2 * g] = digitValue(data[a]!, 16) * 16 + digitValue(data[a + 1]!, 16);
      out[2 * g + 1] = digitValue(data[a + 2]!, 16) * 16 + digitValue(data[a + 3]!, 16);
    }
    return true;
  }
  const groups: string[] = [];
  for (let g = 0; g < 8; g++) groups.push(data.toString('latin1', from[first + g]!, to[first + g]!));
  const addr = groupsToAddress(groups, 0);
  if (addr === null) return false;
  out.set(addr);
  return true;
}

/**
 * Streams /proc/net/ipv6_route (spec §5.4), calling `each` for every line with the same reused
 * {@link Ipv6RouteCursor}. There is no header and no conversion-count check: whatever a short
 * or bad line does not convert keeps the previous line's value, so such a line repeats (part
 * of) the previous route, exactly as net-tools prints it.
 */
export function scanIpv6Route(input: RouteInput, each: (r: Ipv6RouteCursor) => void): void {
  const n = FORMAT.length;
  const num = new Float64Array(n);
  const from = new Int32Array(n);
  const to = new Int32Array(n);
  // The text of every string conversion as the last line that assigned it left it (C's char
  // arrays): a line that does not convert a field keeps the text of an earlier line, which may lie
  // in a piece of the stream that is gone. Slot i holds at most 15 bytes at 16 * i.
  const kept = Buffer.alloc(16 * n);
  const kFrom = new Int32Array(n);
  const kTo = new Int32Array(n);
  for (let i = 0; i < n; i++) kFrom[i] = kTo[i] = 16 * i;
  const r: Ipv6RouteCursor = {
    data: kept,
    destination: new Uint8Array(16),
    prefixLength: 0,
    source: new Uint8Array(16),
    sourcePrefixLength: 0,
    nextHop: new Uint8Array(16),
    metric: 0,
    refCnt: 0,
    use: 0,
    flagBits: 0,
    ifaceFrom: 16 * 30,
    ifaceTo: 16 * 30,
  };
  // After a kernel-layout line the group texts are not copied: they are the hex digits of the
  // addresses just decoded, written into the slots only if a later line needs them.
  let groupsFromAddresses = false;
  const HEX = '0123456789abcdef';
  const materialize = (slot0: number, a: Uint8Array) => {
    for (let g = 0; g < 8; g++) {
      const o = 16 * (slot0 + g);
      kept[o] = HEX.charCodeAt(a[2 * g]! >> 4);
      kept[o + 1] = HEX.charCodeAt(a[2 * g]! & 15);
      kept[o + 2] = HEX.charCodeAt(a[2 * g + 1]! >> 4);
      kept[o + 3] = HEX.charCodeAt(a[2 * g + 1]! & 15);
      kTo[slot0 + g] = o + 4;
    }
  };
  const addresses = new Uint8Array(48);
  forEachFgets(input, IPV6_ROUTE_LINE_BUFFER, (data, start, end) => {
    if (scanKernelIpv6RouteLine(data, start, end, num, from, to, addresses)) {
      for (let i = 0; i < 16; i++) {
        r.destination[i] = addresses[i]!;
        r.source[i] = addresses[16 + i]!;
        r.nextHop[i] = addresses[32 + i]!;
      }
      groupsFromAddresses = true;
      const f = from[30]!;
      const len = to[30]! - f;
      for (let k = 0; k < len; k++) kept[480 + k] = data[f + k]!;
      kTo[30] = 480 + len;
    } else {
      if (groupsFromAddresses) {
        materialize(0, r.destination);
        materialize(9, r.source);
        materialize(18, r.nextHop);
        groupsFromAddresses = false;
      }
      // No field is skipped in this format: the first `got` conversions were assigned.
      const got = scanRanges(data, start, end, FORMAT, num, from, to);
      for (let i = 0; i < got; i++) {
        if (FORMAT[i]!.kind !== 's') continue;
        const f = from[i]!;
        const len = to[i]! - f;
        for (let k = 0; k < len; k++) kept[16 * i + k] = data[f + k]!;
        kTo[i] = 16 * i + len;
      }
      groupsInto(kept, kFrom, kTo, 0, r.destination);
      groupsInto(kept, kFrom, kTo, 9, r.source);
      groupsInto(kept, kFrom, kTo, 18, r.nextHop);
    }
    r.prefixLength = num[8]! | 0; // %02x into an int, printed with %d (2.10: `-9`)
    r.sourcePrefixLength = num[17]! | 0;
    r.metric = num[26]! | 0;
    r.refCnt = num[27]! | 0;
    r.use = num[28]! | 0;
    r.flagBits = num[29]!;
    r.ifaceTo = kTo[30]!;
    each(r);
  });
}

/** A standalone record of the cursor's current route. */
export function ipv6RouteRecord(r: Ipv6RouteCursor): Ipv6RouteRecord {
  const destination = r.destination.slice();
  const source = r.source.slice();
  const nextHop = r.nextHop.slice();
  return {
    destination,
    destinationText: formatIPv6(destination),
    prefixLength: r.prefixLength,
    source,
    sourceText: formatIPv6(source),
    sourcePrefixLength: r.sourcePrefixLength,
    nextHop,
    nextHopText: formatIPv6(nextHop),
    metric: r.metric,
    refCnt: r.refCnt,
    use: r.use,
    flagBits: r.flagBits,
    iface: r.data.toString('latin1', r.ifaceFrom, r.ifaceTo),
  };
}

/** Parses /proc/net/ipv6_route (spec §5.4) into records: {@link scanIpv6Route}, collected. */
export function parseIpv6Route(input: Uint8Array | string): Ipv6RouteRecord[] {
  const records: Ipv6RouteRecord[] = [];
  scanIpv6Route(input, (r) => records.push(ipv6RouteRecord(r)));
  return records;
}
