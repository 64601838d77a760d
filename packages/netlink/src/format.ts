/**
 * The text of `-L`: one tab-separated record per event, in the spirit of the 1996 netstat's
 * `NEWROUTE`/`DELROUTE`/`NEWDEVICE` records (see README.md for the exact fields):
 *
 *   NEWDEVICE  name  index  operstate  mtu  hwaddr
 *   NEWADDR    device  inet|inet6  address/prefixlen  label
 *   NEWROUTE   inet|inet6  destination/len|default  gateway  device  table  protocol  type
 *   OVERRUN    message           RESYNC  n changes since the last known state
 *
 * DEL* records have the same fields. An absent value is `-`. Without `-n`, addresses are shown
 * by their /etc/hosts names when they have one, tables and protocols by name.
 */
import type { Resolver } from '@netstat-ts/core';
import { RT_TABLE_NAMES, RTN_NAMES, RTPROT_NAMES } from '@netstat-ts/native/codec';
import type { AddrObject, Change, LinkObject, RouteObject } from './model.js';

/** How names are shown. */
export interface FormatOptions {
  /** `-n`: numeric addresses, table and protocol ids. */
  numeric: boolean;
  /** Host names (from /etc/hosts under the root; never DNS in the event stream). */
  resolver?: Pick<Resolver, 'hostName'>;
}

const dash = (v: string | number | null | undefined): string =>
  v === null || v === undefined || v === '' ? '-' : String(v);
// Tabs and newlines inside a name would break the record: show them as `?`.
const clean = (s: string): string => s.replace(/[\t\n\r]/g, '?');

function host(addr: string | null, family: 'inet' | 'inet6', o: FormatOptions): string {
  if (addr === null) return '-';
  if (o.numeric || !o.resolver) return addr;
  return clean(o.resolver.hostName(addr, family === 'inet' ? 4 : 6) ?? addr);
}

const device = (name: string | null, index: number | null) =>
  name !== null ? clean(name) : index !== null && index > 0 ? `#${index}` : '-';

function linkFields(l: LinkObject): string[] {
  return [clean(l.name), String(l.index), dash(l.operstate), dash(l.mtu), dash(l.address)];
}

function addrFields(a: AddrObject, o: FormatOptions): string[] {
  return [
    device(a.device, a.index),
    a.family,
    `${host(a.address, a.family, o)}/${a.prefixlen}`,
    dash(a.label && clean(a.label)),
  ];
}

function routeFields(r: RouteObject, o: FormatOptions): string[] {
  const dst = r.dstLen === 0 && !o.numeric ? 'default' : `${host(r.destination, r.family, o)}/${r.dstLen}`;
  const table = o.numeric ? String(r.table) : (RT_TABLE_NAMES[r.table] ?? String(r.table));
  const proto =
    r.protocol === null
      ? '-'
      : o.numeric
        ? String(r.protocol)
        : (RTPROT_NAMES[r.protocol] ?? String(r.protocol));
  const type = RTN_NAMES[r.type] ?? String(r.type);
  return [r.family, dst, host(r.gateway, r.family, o), device(r.device, r.index), table, proto, type];
}

/** The text record of one change (no newline). */
export function changeText(c: Change, o: FormatOptions): string {
  switch (c.type) {
    case 'NEWDEVICE':
    case 'DELDEVICE':
      return [c.type, ...linkFields(c.object)].join('\t');
    case 'NEWADDR':
    case 'DELADDR':
      return [c.type, ...addrFields(c.object, o)].join('\t');
    default:
      return [c.type, ...routeFields(c.object, o)].join('\t');
  }
}
