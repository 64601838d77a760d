import { ipv6Name, padLeft, padRight, type Resolver } from '@netstat-ts/core';
import { ipv6RouteFlags, ndiscFlags, ndiscState } from './flags.js';
import type { Ipv6RouteRecord } from './ipv6-route.js';
import type { NdiscRecord } from './ndisc.js';

/** An IPv6 route row: numeric texts and the names shown, side by side. */
export interface Ipv6RouteRow {
  /** Numeric destination (inet_ntop) and prefix length. */
  destination: string;
  prefixLength: number;
  source: string;
  sourcePrefixLength: number;
  nextHop: string;
  flags: string;
  flagBits: number;
  metric: number;
  ref: number;
  use: number;
  iface: string;
  /** Destination as shown, with `/prefix`. */
  destinationName: string;
  /** Next hop as shown (`[::]`, a host name or the address). */
  nextHopName: string;
}

/** An IPv6 neighbour cache row (2.2-era /proc/net/ndisc). */
export interface NdiscRow {
  address: string;
  prefixLength: number;
  addressName: string;
  mac: string;
  iface: string;
  flags: string;
  ndFlags: number;
  ref: number;
  state: string;
  stateBits: number;
  /** Seconds until stale / until deletion, as net-tools computes them. */
  staleSeconds: number;
  deleteSeconds: number;
}

/** The IPv6 table column header (the same at every ext level). */
export const IPV6_ROUTE_HEADER =
  'Destination                    Next Hop                   Flag Met Ref  Use If';

/** Builds the shown IPv6 route row of a record (spec §2.4.2 names unless numeric). */
export function ipv6RouteRow(r: Ipv6RouteRecord, resolver: Resolver, numeric: boolean): Ipv6RouteRow {
  return {
    destination: r.destinationText,
    prefixLength: r.prefixLength,
    source: r.sourceText,
    sourcePrefixLength: r.sourcePrefixLength,
    nextHop: r.nextHopText,
    flags: ipv6RouteFlags(r.flagBits),
    flagBits: r.flagBits,
    metric: r.metric,
    ref: r.refCnt,
    use: r.use,
    iface: r.iface,
    destinationName: `${ipv6Name(r.destination, resolver, numeric)}/${r.prefixLength}`,
    nextHopName: ipv6Name(r.nextHop, resolver, numeric),
  };
}

/** One IPv6 route output line: `%-30s %-26s %-4s %-3d %-1d %6d %s\n`. */
export function formatIpv6Route(row: Ipv6RouteRow): string {
  return (
    `${padRight(row.destinationName, 30)} ${padRight(row.nextHopName, 26)} ${padRight(row.flags, 4)} ` +
    `${padRight(String(row.metric), 3)} ${row.ref} ${padLeft(String(row.use), 6)} ${row.iface}\n`
  );
}

/** Neighbour cache column header: the short one for ext 2, the long one otherwise. */
export function ndiscHeader(ext: number): string {
  const h = 'Neighbour                                   HW Address        Iface    Flags Ref State';
  return ext === 2 ? h : `${h}            Stale(sec) Delete(sec)`;
}

/** Builds the shown neighbour row of a record. */
export function ndiscRow(r: NdiscRecord, resolver: Resolver, numeric: boolean): NdiscRow {
  const stale = r.state === 0x02 && r.reachable > r.tstamp ? r.reachable - r.tstamp : 0;
  const del = r.gc > r.tstamp ? r.gc - r.tstamp : 0;
  return {
    address: r.addressText,
    prefixLength: r.prefixLength,
    addressName: `${ipv6Name(r.address, resolver, numeric)}/${r.prefixLength}`,
    mac: r.mac,
    iface: r.iface,
    flags: ndiscFlags(r.ndFlags),
    ndFlags: r.ndFlags,
    ref: r.refCnt,
    state: ndiscState(r.state),
    stateBits: r.state,
    staleSeconds: Math.floor(stale / 100),
    deleteSeconds: Math.floor(del / 100),
  };
}

/** One neighbour output line (with `\n`). */
export function formatNdiscRow(row: NdiscRow, ext: number): string {
  let s =
    `${padRight(row.addressName, 43)} ${padRight(row.mac, 17)} ${padRight(row.iface, 8)} ` +
    `${padRight(row.flags, 5)} ${padRight(String(row.ref), 3)} ${padRight(row.state, 16)}`;
  if (ext !== 2) {
    s += ` ${padRight(String(row.staleSeconds), 9)} `;
    s += row.ref !== 0 ? ' * ' : ` ${padRight(String(row.deleteSeconds), 7)} `;
  }
  return `${s}\n`;
}
