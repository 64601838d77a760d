/**
 * `-L` from the kernel: an rtnetlink socket subscribed to RTMGRP_LINK, IPV4/IPV6_IFADDR and
 * IPV4/IPV6_ROUTE, waited on with the native layer's thread-pool poll (the event loop never
 * blocks), plus a second socket for dumps. NETLINK_NO_ENOBUFS is never set: when the kernel
 * drops messages (ENOBUFS) everything is dumped again and the differences are reported.
 */
import { isErrno, type Native, type NetlinkSocket } from '@netstat-ts/native';
import {
  type AddrInfo,
  AF_INET,
  AF_INET6,
  buildGetAddrDump,
  buildGetLinkDump,
  buildGetRouteDump,
  decodeRtnl,
  type LinkInfo,
  NETLINK,
  parseMessages,
  type RouteInfo,
  RTMGRP,
} from '@netstat-ts/native/codec';
import {
  type AddrObject,
  applyChange,
  type Change,
  diffStates,
  emptyState,
  type KernelState,
  type LinkObject,
  type RouteObject,
} from './model.js';

/** What the event stream yields: a change, or a note about the stream itself. */
export type WatchItem =
  | { kind: 'change'; change: Change; resync: boolean }
  | { kind: 'overrun'; message: string }
  | { kind: 'resync'; changes: number };

/** Multicast groups of `-L`. */
export const WATCH_GROUPS =
  RTMGRP.LINK | RTMGRP.IPV4_IFADDR | RTMGRP.IPV6_IFADDR | RTMGRP.IPV4_ROUTE | RTMGRP.IPV6_ROUTE;

const fam = (f: number): 'inet' | 'inet6' | null =>
  f === AF_INET ? 'inet' : f === AF_INET6 ? 'inet6' : null;

/** Device index -> name, kept across deletions so late messages still find a name. */
export type NameCache = Map<number, string>;

/** A decoded link as a {@link LinkObject}. */
export function linkObject(l: LinkInfo): LinkObject {
  return {
    index: l.index,
    name: l.name ?? `#${l.index}`,
    operstate: l.operstate,
    mtu: l.mtu,
    address: l.address,
    flags: l.flags,
    kind: l.kind,
  };
}

/** A decoded address as an {@link AddrObject} (null for other families or no address). */
export function addrObject(a: AddrInfo, names: NameCache): AddrObject | null {
  const family = fam(a.family);
  if (!family || a.local === null) return null;
  return {
    family,
    index: a.index,
    device: names.get(a.index) ?? null,
    address: a.local,
    prefixlen: a.prefixlen,
    peer: a.address !== null && a.address !== a.local ? a.address : null,
    broadcast: a.broadcast,
    label: a.label,
    scope: a.scope,
  };
}

/** A decoded route as a {@link RouteObject} (null for other families). */
export function routeObject(r: RouteInfo, names: NameCache): RouteObject | null {
  const family = fam(r.family);
  if (!family) return null;
  return {
    family,
    destination: r.dst ?? (family === 'inet' ? '0.0.0.0' : '::'),
    dstLen: r.dstLen,
    gateway: r.gateway,
    index: r.oif,
    device: r.oif !== null ? (names.get(r.oif) ?? null) : null,
    table: r.table,
    protocol: r.protocol,
    type: r.type,
    scope: r.scope,
    priority: r.priority,
    prefsrc: r.prefsrc,
  };
}

/** Turns one rtnetlink message into a change, updating the name cache. */
export function messageChange(m: { type: number; payload: Buffer }, names: NameCache): Change | null {
  const e = decodeRtnl(m);
  if (!e) return null;
  if (e.kind === 'link') {
    const o = linkObject(e.link);
    if (e.link.name !== null) names.set(o.index, e.link.name);
    return { type: e.op === 'new' ? 'NEWDEVICE' : 'DELDEVICE', object: o };
  }
  if (e.kind === 'addr') {
    const o = addrObject(e.addr, names);
    return o && { type: e.op === 'new' ? 'NEWADDR' : 'DELADDR', object: o };
  }
  const o = routeObject(e.route, names);
  return o && { type: e.op === 'new' ? 'NEWROUTE' : 'DELROUTE', object: o };
}

/** Dumps links, then addresses, then routes into a fresh state (and the name cache). */
export function dumpState(req: NetlinkSocket, names: NameCache): KernelState {
  const s = emptyState();
  for (const build of [buildGetLinkDump, buildGetAddrDump, buildGetRouteDump]) {
    for (const msg of req.request(build(0))) {
      for (const m of parseMessages(msg)) {
        const c = messageChange(m, names);
        if (c) applyChange(s, c);
      }
    }
  }
  return s;
}

/** Reads and discards everything queued on `s` (and further ENOBUFS) until it is empty. */
function drain(s: NetlinkSocket): void {
  for (;;) {
    try {
      if (s.recv() === null) return;
    } catch (err) {
      if (!isErrno(err, 'ENOBUFS')) throw err;
    }
  }
}

/** Options of {@link watchRtnl}. */
export interface RtnlWatchOptions {
  /** SO_RCVBUF of the event socket (default: the kernel's). Tiny values provoke overruns. */
  rcvbuf?: number;
  /**
   * Makes the sockets inside another network namespace: `enter(fn)` runs `fn` there (a
   * synchronous setns of the calling thread, always switched back, e.g. `Native.withNetns`). A
   * socket stays bound to the namespace it was made in, so it is then read and polled from here.
   */
  enter?: <T>(fn: () => T) => T;
}

/**
 * Yields every link, address and route change until `signal` aborts. The consumer may stop
 * early (`break`, an exception): both sockets are closed then too.
 */
export async function* watchRtnl(
  n: Native,
  signal: AbortSignal,
  opts: RtnlWatchOptions = {},
): AsyncGenerator<WatchItem> {
  const enter = opts.enter ?? (<T>(fn: () => T): T => fn());
  const ev = enter(() =>
    n.netlinkSocket(NETLINK.ROUTE, {
      groups: WATCH_GROUPS,
      ...(opts.rcvbuf ? { rcvbuf: opts.rcvbuf } : {}),
    }),
  );
  let req: NetlinkSocket | null = null;
  try {
    req = enter(() => n.netlinkSocket(NETLINK.ROUTE));
    const names: NameCache = new Map();
    // Subscribed first, dumped second: nothing falls between the two.
    let state = dumpState(req, names);
    while (!signal.aborted) {
      await ev.readable(signal);
      for (;;) {
        if (signal.aborted) return;
        let d: Buffer | null;
        try {
          d = ev.recv();
        } catch (err) {
          if (!isErrno(err, 'ENOBUFS')) throw err;
          yield {
            kind: 'overrun',
            message: 'the kernel dropped events (ENOBUFS): reading links, addresses and routes again',
          };
          // The kernel drops every event while the socket is marked congested, without a new
          // ENOBUFS, until a read finds the queue empty: drain it first (the dump covers what
          // is queued), so that anything after the dump is either queued or reported again.
          drain(ev);
          const fresh = dumpState(req, names);
          const changes = diffStates(state, fresh);
          state = fresh;
          for (const change of changes) yield { kind: 'change', change, resync: true };
          yield { kind: 'resync', changes: changes.length };
          continue;
        }
        if (d === null) break;
        for (const m of parseMessages(d)) {
          const change = messageChange(m, names);
          if (!change) continue;
          applyChange(state, change);
          yield { kind: 'change', change, resync: false };
        }
      }
    }
  } finally {
    ev.close();
    req?.close();
  }
}
