import { formatIPv4, ipv4Name, padLeft, padRight, padRightTrunc, type Resolver } from '@netstat-ts/core';
import { ipv4RouteFlags, isReject, rtCacheFlags } from './flags.js';
import type { Ipv4RouteRecord } from './proc-net-route.js';
import type { RtCacheFormat, RtCacheRecord } from './rt-cache.js';

/** An IPv4 FIB row: raw values (dotted quads, numbers) and the names shown, side by side. */
export interface Ipv4RouteRow {
  destination: string;
  gateway: string;
  genmask: string;
  flags: string;
  flagBits: number;
  metric: number;
  ref: number;
  use: number;
  iface: string;
  mss: number;
  window: number;
  irtt: number;
  /** Destination as shown (`default`, network or host name, or the dotted quad), uncut. */
  destinationName: string;
  /** Gateway as shown (host name or dotted quad), uncut. */
  gatewayName: string;
}

/** An IPv4 route cache row (2.2 or 2.0 layout). */
export interface RtCacheRow {
  source: string;
  destination: string;
  gateway: string;
  flags: string;
  flagBits: number;
  metric: number;
  ref: number;
  use: number;
  iface: string;
  mss: number;
  window: number;
  irtt: number;
  tos?: number;
  hhRef?: number;
  hhUptodate?: number;
  specDst?: string;
  hh?: number;
  arp?: number;
  sourceName: string;
  destinationName: string;
  gatewayName: string;
  specDstName?: string;
}

/** IPv4 route text of the FIB's Destination column (spec §5.2), before the cut to 15 bytes. */
export function fibDestinationName(r: Ipv4RouteRecord, resolver: Resolver, numeric: boolean): string {
  const dotted = formatIPv4(r.destination);
  if (numeric) return dotted;
  if (r.destination === 0) return r.mask === 0 ? 'default' : dotted;
  if (isHostRoute(r)) return resolver.hostName(dotted, 4) ?? dotted;
  return resolver.networkName(r.destination) ?? dotted;
}

/** True when the FIB looks the destination up as a host (flag H or host bits outside the mask). */
export function isHostRoute(r: Pick<Ipv4RouteRecord, 'destination' | 'mask' | 'flagBits'>): boolean {
  return (r.flagBits & 0x0004) !== 0 || (r.destination & ~r.mask) !== 0;
}

/** Gateway text: dotted quad when numeric or 0.0.0.0, else a host lookup. */
export function fibGatewayName(gw: number, resolver: Resolver, numeric: boolean): string {
  const dotted = formatIPv4(gw);
  if (numeric || gw === 0) return dotted;
  return resolver.hostName(dotted, 4) ?? dotted;
}

/** Builds the shown FIB row of a record. */
export function ipv4RouteRow(r: Ipv4RouteRecord, resolver: Resolver, numeric: boolean): Ipv4RouteRow {
  return {
    destination: formatIPv4(r.destination),
    gateway: formatIPv4(r.gateway),
    genmask: formatIPv4(r.mask),
    flags: ipv4RouteFlags(r.flagBits),
    flagBits: r.flagBits,
    metric: r.metric,
    ref: r.refCnt,
    use: r.use,
    iface: r.iface,
    mss: r.mtu,
    window: r.window,
    irtt: r.irtt,
    destinationName: fibDestinationName(r, resolver, numeric),
    gatewayName: fibGatewayName(r.gateway, resolver, numeric),
  };
}

/** FIB column header for an ext level (spec §5.2), or null for ext 0. */
export function ipv4FibHeader(ext: number): string | null {
  const base = 'Destination     Gateway         Genmask         Flags';
  if (ext === 2) return `${base}   MSS Window  irtt Iface`;
  if (ext === 1) return `${base} Metric Ref    Use Iface`;
  if (ext === 3) return `${base} Metric Ref    Use Iface    MSS   Window irtt`;
  return null;
}

const cut15 = (s: string) => (s.length > 15 ? s.slice(0, 15) : s);

/** One FIB output line (with `\n`) for ext 1, 2 or 3. */
export function formatIpv4Route(row: Ipv4RouteRow, ext: number): string {
  const dest = padRight(cut15(row.destinationName), 15);
  const mask = padRight(row.genmask, 15);
  const flags = padRight(row.flags, 5);
  if (isReject(row.flagBits)) {
    const head = `${dest} -               ${mask} ${flags}`;
    if (ext === 2) return `${head}     - -          - -\n`;
    if (ext === 1) return `${head} ${padRight(String(row.metric), 6)} -  ${padLeft(String(row.use), 7)} -\n`;
    return `${head} ${padRight(String(row.metric), 6)} -  ${padLeft(String(row.use), 7)} -        -     -      -\n`;
  }
  const head = `${dest} ${padRight(cut15(row.gatewayName), 15)} ${mask} ${flags}`;
  if (ext === 2)
    return `${head} ${padLeft(String(row.mss), 5)} ${padRight(String(row.window), 5)} ${padLeft(String(row.irtt), 6)} ${row.iface}\n`;
  const mid = `${head} ${padRight(String(row.metric), 6)} `;
  if (ext === 1) return `${mid}${padRight(String(row.ref), 2)} ${padLeft(String(row.use), 7)} ${row.iface}\n`;
  return (
    `${mid}${padRight(String(row.ref), 3)} ${padLeft(String(row.use), 6)} ${padRightTrunc(row.iface, 6, 6)}   ` +
    `${padRight(String(row.mss), 5)} ${padRight(String(row.window), 6)} ${row.irtt}\n`
  );
}

/** Builds the shown route cache row of a record (socket-style names, spec §2.4.1). */
export function rtCacheRow(
  r: RtCacheRecord,
  format: RtCacheFormat,
  resolver: Resolver,
  numeric: boolean,
): RtCacheRow {
  const row: RtCacheRow = {
    source: formatIPv4(r.source),
    destination: formatIPv4(r.destination),
    gateway: formatIPv4(r.gateway),
    flags: rtCacheFlags(r.flagBits, format),
    flagBits: r.flagBits,
    metric: r.metric,
    ref: r.refCnt,
    use: r.use,
    iface: r.iface,
    mss: r.mtu,
    window: r.window,
    irtt: r.irtt,
    sourceName: ipv4Name(r.source, resolver, numeric),
    destinationName: ipv4Name(r.destination, resolver, numeric),
    gatewayName: ipv4Name(r.gateway, resolver, numeric),
  };
  if (format === '2.2') {
    row.tos = r.tos;
    row.hhRef = r.hhRef;
    row.hhUptodate = r.hhUptodate;
    row.specDst = formatIPv4(r.specDst ?? 0);
    row.specDstName = ipv4Name(r.specDst ?? 0, resolver, numeric);
  } else {
    row.hh = r.hh;
    row.arp = r.arp;
  }
  return row;
}

/** Route cache column header for an ext level and format (null for ext 0). */
export function rtCacheHeader(ext: number, format: RtCacheFormat | null): string | null {
  const base = 'Source          Destination     Gateway         Flags';
  if (ext === 1) return `${base} Metric Ref    Use Iface`;
  if (ext === 2) return `${base}   MSS Window  irtt Iface`;
  if (ext !== 3 || format === null) return null;
  const e3 = `${base} Metric Ref    Use Iface    MSS   Window irtt`;
  return format === '2.2' ? `${e3}  TOS HHRef HHUptod     SpecDst` : `${e3}  HH  Arp`;
}

/** One route cache output line (with `\n`) for ext 1, 2 or 3. */
export function formatRtCacheRow(row: RtCacheRow, ext: number, format: RtCacheFormat): string {
  const head = `${padRight(row.sourceName, 15)} ${padRight(row.destinationName, 15)} ${padRight(row.gatewayName, 15)} ${padRight(row.flags, 5)}`;
  if (ext === 1)
    return `${head} ${padRight(String(row.metric), 6)} ${padRight(String(row.ref), 2)} ${padLeft(String(row.use), 7)} ${row.iface}\n`;
  if (ext === 2)
    return `${head} ${padLeft(String(row.mss), 5)} ${padRight(String(row.window), 5)} ${padLeft(String(row.irtt), 6)} ${row.iface}\n`;
  const mid =
    `${head} ${padRight(String(row.metric), 6)} ${padRight(String(row.ref), 3)} ${padLeft(String(row.use), 6)} ` +
    `${padRightTrunc(row.iface, 6, 6)}   ${padRight(String(row.mss), 5)} ${padRight(String(row.window), 6)} ${padRight(String(row.irtt), 5)} `;
  if (format === '2.2')
    return `${mid}${padRight(String(row.tos), 3)} ${padRight(String(row.hhRef), 3)}   ${padRight(String(row.hhUptodate), 3)} ${padLeft(row.specDstName ?? '', 15)}\n`;
  return `${mid}${padRight(String(row.hh), 3)} ${row.arp}\n`;
}
