import { formatIPv6, parseIPv6 } from '@netstat-ts/core';
import { asBuffer, type Conversion, forEachFgets, scanf } from './scan.js';

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
 * Parses /proc/net/ipv6_route (spec §5.4). There is no header and no conversion-count check:
 * whatever a short or bad line does not convert keeps the previous line's value, so such a line
 * repeats (part of) the previous route, exactly as net-tools prints it.
 */
export function parseIpv6Route(input: Uint8Array | string): Ipv6RouteRecord[] {
  const data = asBuffer(input);
  const records: Ipv6RouteRecord[] = [];
  const v: (string | number)[] = [
    ...Array(8).fill(''),
    0,
    ...Array(8).fill(''),
    0,
    ...Array(8).fill(''),
    0,
    0,
    0,
    0,
    '',
  ];
  const zero: Uint8Array = new Uint8Array(16);
  let dst = zero;
  let src = zero;
  let via = zero;
  forEachFgets(data, 1024, (start, end) => {
    scanf(data, start, end, FORMAT, v);
    dst = groupsToAddress(v, 0) ?? dst;
    src = groupsToAddress(v, 9) ?? src;
    via = groupsToAddress(v, 18) ?? via;
    records.push({
      destination: dst,
      destinationText: formatIPv6(dst),
      prefixLength: (v[8] as number) | 0, // %02x into an int, printed with %d (2.10: `-9`)
      source: src,
      sourceText: formatIPv6(src),
      sourcePrefixLength: (v[17] as number) | 0,
      nextHop: via,
      nextHopText: formatIPv6(via),
      metric: (v[26] as number) | 0,
      refCnt: (v[27] as number) | 0,
      use: (v[28] as number) | 0,
      flagBits: v[29] as number,
      iface: v[30] as string,
    });
  });
  return records;
}
