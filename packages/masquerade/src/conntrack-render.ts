import { ipv4Name, ipv6Name, padLeft, padRight, parseIPv4, parseIPv6, type Resolver } from '@netstat-ts/core';
import type { ConntrackEntry, ConntrackTuple, NatKind } from './conntrack.js';
import { expireText, type MasqNaming, masqPortText } from './render.js';

/** Title of the block of destination-NAT'd entries (`-M -a`). */
export const DNAT_TITLE = 'IP port forwarding (DNAT) entries';

/** Where a conntrack row came from: `ctnetlink`, or the path of the file read. */
export type ConntrackSourceName = string;

/** A conntrack entry as a `-M` row: the entry, its NAT kind, source, and the texts shown. */
export interface ConntrackRow extends ConntrackEntry {
  /** The source the row was read from (`ctnetlink`, `/proc/net/nf_conntrack`, a listing path). */
  source: ConntrackSourceName;
  nat: NatKind;
  /** The masquerade address and port (the reply's destination), for SNAT'd rows. */
  masqAddress: string | null;
  masqPort: number | null;
  /** Where a DNAT'd connection really goes (the reply's source), for DNAT'd rows. */
  forwardAddress: string | null;
  forwardPort: number | null;
  /** Texts shown: protocol column, expire (`m:ss.hh`), hosts and ports. */
  protocolText: string;
  expire: string;
  sourceHost: string;
  destinationHost: string;
  sourceService: string;
  destinationService: string;
  /** The parenthesised part of the ports column: masquerade port, or `host:port` forwarded to. */
  masqService: string;
}

function hostText(addr: string, resolver: Resolver, numeric: boolean): string {
  const v6 = addr.indexOf(':') >= 0;
  // Numeric: the canonical text the parsers made (IPv4-mapped IPv6 as the dotted quad, as 2.10).
  if (numeric && (!v6 || addr.indexOf('.') < 0)) return addr;
  if (!v6) {
    const a = parseIPv4(addr);
    return a === null ? addr : ipv4Name(a, resolver, numeric);
  }
  const b = parseIPv6(addr);
  return b === null ? addr : ipv6Name(b, resolver, numeric);
}

/** Source and destination "ports" of a tuple as -M shows them (ICMP: the echo id as the source). */
function ports(t: ConntrackTuple, icmp: boolean): [number, number] {
  if (icmp) return [t.icmpId ?? 0, 0];
  return [t.sport ?? 0, t.dport ?? 0];
}

/** True for the entries `-M` lists: masqueraded ones, and DNAT'd ones too with `all`. */
export function listed(kind: NatKind, all: boolean): boolean {
  return kind === 'snat' || kind === 'both' || (all && kind === 'dnat');
}

/** Makes an entry its row, adding the shown texts (names unless numeric). Returns the same object. */
export function conntrackRow(
  e: ConntrackEntry,
  nat: NatKind,
  source: ConntrackSourceName,
  resolver: Resolver,
  o: MasqNaming,
): ConntrackRow {
  const icmp = e.protocol === 'icmp' || e.protocol === 'icmpv6';
  const proto = e.protocol === 'unknown' ? String(e.protonum) : e.protocol;
  const [osport, odport] = ports(e.original, icmp);
  const [rsport, rdport] = ports(e.reply, icmp);
  const snat = nat === 'snat' || nat === 'both';
  const port = (p: number) => masqPortText(p, proto, resolver, o.numericPorts);
  let masqService: string;
  if (snat) masqService = port(icmp ? rsport : rdport);
  else {
    const h = hostText(e.reply.src, resolver, o.numericHosts);
    masqService = `${h.indexOf(':') >= 0 ? `[${h}]` : h}:${port(rsport)}`;
  }
  // The entry becomes the row (same object: a large table is not copied). Fields are added in
  // one fixed order so that every row shares one shape.
  const r = e as ConntrackRow;
  r.source = source;
  r.nat = nat;
  r.masqAddress = snat ? e.reply.dst : null;
  r.masqPort = snat ? (icmp ? e.reply.icmpId : e.reply.dport) : null;
  r.forwardAddress = nat === 'dnat' || nat === 'both' ? e.reply.src : null;
  r.forwardPort = nat === 'dnat' || nat === 'both' ? (icmp ? null : e.reply.sport) : null;
  r.protocolText = proto;
  // conntrack counts seconds; 2.10's column shows 1/100 s.
  r.expire = e.timeout === null ? padLeft('-', 9) : expireText(e.timeout * 100);
  r.sourceHost = hostText(e.original.src, resolver, o.numericHosts);
  r.destinationHost = hostText(e.original.dst, resolver, o.numericHosts);
  r.sourceService = port(osport);
  r.destinationService = port(odport);
  r.masqService = masqService;
  return r;
}

/**
 * One output line in 2.10's `-M` layout: `%-4s` protocol, expire, with `-e` the initseq, delta
 * and prevd columns (conntrack has no such values: `-` in each), `%-20s %-20s ` hosts, then
 * `<sport> -> <dport> (<mport>)`.
 */
export function formatConntrackRow(r: ConntrackRow, extended: boolean): string {
  let s = `${padRight(r.protocolText, 4)}${r.expire} `;
  if (extended) s += `${padLeft('-', 10)} ${padLeft('-', 5)} ${padLeft('-', 5)} `;
  return `${s}${padRight(r.sourceHost, 20)} ${padRight(r.destinationHost, 20)} ${r.sourceService} -> ${r.destinationService} (${r.masqService})\n`;
}
