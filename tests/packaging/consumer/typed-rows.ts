// Compiled and run by consumer.test.ts in a fresh project where the packed tarballs are
// installed: every family package's rows are used through their exported row types, with no
// cast. `Equal` fails to compile when a section's rows are not exactly the documented type.
// Prints, per table, how many rows it has (compared with the in-repo CLI's --json).

import ax25, { type Ax25RouteRow, type Ax25SocketRow } from '@netstat-ts/ax25';
import { createContext, type NetstatOptions, type Section } from '@netstat-ts/core';
import ddp, { type DdpRouteRow, type DdpSocketRow } from '@netstat-ts/ddp';
import inet, { type InetRow, type InetSocketRow, isSctpRow } from '@netstat-ts/inet';
import interfaces, { type InterfaceRow } from '@netstat-ts/interfaces';
import ipx, { type IpxRouteRow, type IpxSocketRow } from '@netstat-ts/ipx';
import masquerade, { type MasqRow, type MasqueradeRow } from '@netstat-ts/masquerade';
import netlink, { type NetlinkSocketRow } from '@netstat-ts/netlink';
import netrom, { type NetromRouteRow, type NetromSocketRow } from '@netstat-ts/netrom';
import rose, { type RoseRouteRow, type RoseSocketRow } from '@netstat-ts/rose';
import routing, { type Inet6RouteRow, type InetRouteRow, type RtCacheRow } from '@netstat-ts/routing';
import statistics, { type StatisticsRow } from '@netstat-ts/statistics';
import unix, { type UnixSocketRow } from '@netstat-ts/unix';
import x25, { type X25RouteRow, type X25SocketRow } from '@netstat-ts/x25';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Compiles only when its type argument is `true`. */
const same = <T extends true>(): T | undefined => undefined;

const root = process.argv[2] ?? '/';
const ctx = (options: Partial<NetstatOptions> = {}) =>
  createContext({
    root,
    nativeDisabled: true,
    options: { all: true, numericHosts: true, numericPorts: true, ...options },
  });
const counts: Record<string, number> = {};
function rows<R extends object>(sections: Section<R>[]): R[] {
  const out: R[] = [];
  for (const s of sections) {
    if (!s.table) continue;
    const key = `${s.table.kind}/${s.table.family}/${s.table.name}`;
    counts[key] = (counts[key] ?? 0) + s.table.rows.length;
    out.push(...s.table.rows);
  }
  return out;
}
const texts: string[] = [];

const i = rows(await inet.sockets(ctx()));
same<Equal<typeof i, InetRow[]>>();
for (const r of i) if (!isSctpRow(r)) texts.push(((s: InetSocketRow) => s.local.service)(r), r.state);

const u = rows(await unix.sockets(ctx()));
same<Equal<typeof u, UnixSocketRow[]>>();
for (const r of u) texts.push(r.stateName, r.path);

const r4 = rows(await routing.routes(ctx({ cache: true, fib: true }), 'inet'));
same<Equal<typeof r4, InetRouteRow[]>>();
for (const r of r4) texts.push(r.iface, 'sourceName' in r ? ((c: RtCacheRow) => c.sourceName)(r) : r.genmask);
const r6 = rows(await routing.routes(ctx(), 'inet6'));
same<Equal<typeof r6, Inet6RouteRow[]>>();
for (const r of r6) texts.push('mac' in r ? r.mac : r.nextHop);

const st = rows(await statistics.statistics(ctx({ familyList: ['inet'] })));
same<Equal<typeof st, StatisticsRow[]>>();
for (const r of st) texts.push(r.section, r.name, String(r.value));

const ifs = rows(await interfaces.interfaces(ctx()));
same<Equal<typeof ifs, InterfaceRow[]>>();
for (const r of ifs) texts.push(r.name, String(r.mtu));

const xs = rows(await ipx.sockets(ctx()));
same<Equal<typeof xs, IpxSocketRow[]>>();
const xr = rows(await ipx.routes(ctx(), 'ipx'));
same<Equal<typeof xr, IpxRouteRow[]>>();
for (const r of xs) texts.push(r.local.text, r.remoteText);
for (const r of xr) texts.push(r.destinationText, r.routerNodeText);

const as = rows(await ax25.sockets(ctx()));
same<Equal<typeof as, Ax25SocketRow[]>>();
const ar = rows(await ax25.routes(ctx(), 'ax25'));
same<Equal<typeof ar, Ax25RouteRow[]>>();
for (const r of as) texts.push(r.dest, r.vrVs);
for (const r of ar) texts.push(r.callsign, r.iface);

const ns = rows(await netrom.sockets(ctx()));
same<Equal<typeof ns, NetromSocketRow[]>>();
const nr = rows(await netrom.routes(ctx(), 'netrom'));
same<Equal<typeof nr, NetromRouteRow[]>>();
for (const r of ns) texts.push(r.user, r.stateName);
for (const r of nr) texts.push(r.mnemonic, r.neighbour?.callsign ?? '-');

const rs = rows(await rose.sockets(ctx()));
same<Equal<typeof rs, RoseSocketRow[]>>();
const rr = rows(await rose.routes(ctx(), 'rose'));
same<Equal<typeof rr, RoseRouteRow[]>>();
for (const r of rs) texts.push(r.destCall, r.stateName);
for (const r of rr) texts.push(r.address, String(r.neighbours.length));

const zs = rows(await x25.sockets(ctx()));
same<Equal<typeof zs, X25SocketRow[]>>();
const zr = rows(await x25.routes(ctx(), 'x25'));
same<Equal<typeof zr, X25RouteRow[]>>();
for (const r of zs) texts.push(r.shown.dest, r.stateName);
for (const r of zr) texts.push(r.destination, r.device);

const ds = rows(await ddp.sockets(ctx()));
same<Equal<typeof ds, DdpSocketRow[]>>();
const dr = rows(await ddp.routes(ctx(), 'ddp'));
same<Equal<typeof dr, DdpRouteRow[]>>();
for (const r of ds) texts.push(r.local.text, r.typeName);
for (const r of dr) texts.push(r.target, r.flagsText);

const m = rows(await masquerade.masquerade(ctx()));
same<Equal<typeof m, MasqueradeRow[]>>();
for (const r of m) texts.push('nat' in r ? r.nat : ((x: MasqRow) => x.sourceAddress)(r));

const nl = rows(await netlink.sockets(ctx()));
same<Equal<typeof nl, NetlinkSocketRow[]>>();
for (const r of nl) texts.push(r.protocol, String(r.portId));

if (texts.some((t) => typeof t !== 'string'))
  throw new Error('a row field is not the type its row type says');
console.log(JSON.stringify(counts));
