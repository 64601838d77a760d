/**
 * The `-L` fallback when the native layer is not available (or NETSTAT_NO_NATIVE=1): the kernel
 * state read from `/sys/class/net` and `/proc/net` through the Host every interval, and the
 * differences printed in the same records. What it cannot know: IPv4 labels (it shows the
 * device), the route protocol (`-`), tables other than main for IPv4 (`/proc/net/route`), link
 * kinds; and a change undone within one interval is not seen. Parsers are pure.
 */
import type { Host } from '@netstat-ts/core';
import {
  type AddrObject,
  addrKey,
  diffStates,
  emptyState,
  type KernelState,
  type LinkObject,
  type RouteObject,
  routeKey,
} from './model.js';
import type { WatchItem } from './rtnl-source.js';

const hex = (s: string | undefined): number => Number.parseInt(s ?? '', 16);

function v4FromLeHex(s: string): string {
  const n = hex(s) >>> 0;
  return `${n & 0xff}.${(n >>> 8) & 0xff}.${(n >>> 16) & 0xff}.${n >>> 24}`;
}

function v6FromHex(s: string): string {
  const b = Buffer.from(s, 'hex');
  const g: string[] = [];
  for (let i = 0; i < 16; i += 2) g.push(((b[i]! << 8) | b[i + 1]!).toString(16));
  // Compress the longest run of zero groups (RFC 5952).
  let best = -1;
  let len = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && g[j] === '0') j++;
    if (j - i > len) {
      best = i;
      len = j - i;
    }
    i = j > i ? j : i + 1;
  }
  if (best < 0) return g.join(':');
  return `${g.slice(0, best).join(':')}::${g.slice(best + len).join(':')}`;
}

const prefixOfMask = (mask: number): number => {
  let n = 0;
  for (let m = mask >>> 0; m & 0x80000000; m = (m << 1) >>> 0) n++;
  return n;
};

/** Links from `/sys/class/net/<name>/{ifindex,operstate,mtu,address,flags}`. */
export function readSysLinks(host: Host): LinkObject[] {
  const names = host.list('/sys/class/net');
  if (!Array.isArray(names)) return [];
  const out: LinkObject[] = [];
  for (const name of names) {
    const f = (x: string) => host.readText(`/sys/class/net/${name}/${x}`)?.trim() ?? null;
    const index = Number(f('ifindex'));
    if (!Number.isInteger(index) || index <= 0) continue;
    const mtu = Number(f('mtu'));
    out.push({
      index,
      name,
      operstate: f('operstate'),
      mtu: Number.isFinite(mtu) ? mtu : null,
      address: f('address') || null,
      flags: hex(f('flags') ?? '') || 0,
      kind: null,
    });
  }
  return out.sort((a, b) => a.index - b.index);
}

/** IPv6 addresses from `/proc/net/if_inet6`. */
export function parseIfInet6(text: string): AddrObject[] {
  const out: AddrObject[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 6 || !/^[0-9a-f]{32}$/i.test(f[0]!)) continue;
    out.push({
      family: 'inet6',
      index: hex(f[1]),
      device: f[5]!,
      address: v6FromHex(f[0]!),
      prefixlen: hex(f[2]),
      peer: null,
      broadcast: null,
      label: null,
      scope: hex(f[3]) === 0x20 ? 253 : hex(f[3]) === 0x10 ? 254 : 0,
    });
  }
  return out;
}

/** IPv4 routes of the main table from `/proc/net/route`. */
export function parseProcNetRoute(text: string, indexOf: (dev: string) => number | null): RouteObject[] {
  const out: RouteObject[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 8 || !/^[0-9A-F]{8}$/i.test(f[1]!)) continue;
    const flags = hex(f[3]);
    const mask = hex(f[7]) >>> 0;
    const swapped = ((mask & 0xff) << 24) | ((mask & 0xff00) << 8) | ((mask >>> 8) & 0xff00) | (mask >>> 24);
    out.push({
      family: 'inet',
      destination: v4FromLeHex(f[1]!),
      dstLen: prefixOfMask(swapped >>> 0),
      gateway: flags & 0x2 ? v4FromLeHex(f[2]!) : null,
      index: f[0] === '*' ? null : indexOf(f[0]!),
      device: f[0] === '*' ? null : f[0]!,
      table: 254,
      protocol: null,
      type: flags & 0x200 ? 7 : 1,
      scope: flags & 0x2 ? 0 : 253,
      priority: Number(f[6]) || null,
      prefsrc: null,
    });
  }
  return out;
}

/** IPv6 routes from `/proc/net/ipv6_route` (every table; local ones as type local, table 255). */
export function parseIpv6Route(text: string, indexOf: (dev: string) => number | null): RouteObject[] {
  const out: RouteObject[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10 || !/^[0-9a-f]{32}$/i.test(f[0]!)) continue;
    const flags = hex(f[8]) >>> 0;
    if (flags & 0x01000000) continue; // RTF_CACHE
    const gw = f[4]!;
    const local = (flags & 0x80000000) !== 0;
    const multicast = f[0]!.startsWith('ff');
    const dev = f[9]!;
    out.push({
      family: 'inet6',
      destination: v6FromHex(f[0]!),
      dstLen: hex(f[1]),
      gateway: /^0+$/.test(gw) ? null : v6FromHex(gw),
      index: indexOf(dev),
      device: dev,
      table: local || multicast ? 255 : 254,
      protocol: null,
      type: local ? 2 : multicast ? 5 : flags & 0x200 ? 7 : 1,
      scope: 0,
      priority: hex(f[5]) || null,
      prefsrc: null,
    });
  }
  return out;
}

/**
 * IPv4 addresses: the `/32 host LOCAL` leaves of `/proc/net/fib_trie`, each given the device and
 * prefix of the most specific link route (no gateway) of `/proc/net/route` that contains it.
 */
export function ipv4FromFibTrie(
  trie: string,
  routes: RouteObject[],
  indexOf: (dev: string) => number | null,
): AddrObject[] {
  const seen = new Set<string>();
  const out: AddrObject[] = [];
  const lines = trie.split('\n');
  const toN = (a: string) => a.split('.').reduce((x, y) => ((x << 8) | Number(y)) >>> 0, 0);
  for (let i = 0; i + 1 < lines.length; i++) {
    const m = /\|-- (\d+\.\d+\.\d+\.\d+)$/.exec(lines[i]!.trimEnd());
    if (!m || !/^\s*\/32 host LOCAL/.test(lines[i + 1]!) || seen.has(m[1]!)) continue;
    const addr = m[1]!;
    seen.add(addr);
    const a = toN(addr);
    let best: RouteObject | null = null;
    for (const r of routes) {
      if (r.family !== 'inet' || r.gateway !== null || r.device === null || r.dstLen === 0) continue;
      const mask = r.dstLen === 32 ? 0xffffffff : ~(0xffffffff >>> r.dstLen) >>> 0;
      if ((a & mask) >>> 0 === toN(r.destination) && (!best || r.dstLen > best.dstLen)) best = r;
    }
    const device = best?.device ?? (addr.startsWith('127.') ? 'lo' : null);
    out.push({
      family: 'inet',
      index: device ? (indexOf(device) ?? 0) : 0,
      device,
      address: addr,
      prefixlen: best?.dstLen ?? (addr.startsWith('127.') ? 8 : 32),
      peer: null,
      broadcast: null,
      label: device,
      scope: addr.startsWith('127.') ? 254 : 0,
    });
  }
  return out;
}

/**
 * Links of another network namespace from its `/proc/net` alone (`/sys/class/net` shows the
 * namespace sysfs was mounted in): the names of `dev`, each with the index that `if_inet6`,
 * `igmp`, `igmp6` or `dev_mcast` gives it. A link none of them names yet (no address, no
 * multicast group: typically one still down) is left out until one does. Flags, MTU, operstate
 * and address are not in `/proc/net`: 0 and null.
 */
export function readNetLinks(host: Host): LinkObject[] {
  const index = new Map<string, number>();
  const put = (name: string | undefined, idx: number) => {
    if (name && Number.isInteger(idx) && idx > 0 && !index.has(name)) index.set(name, idx);
  };
  for (const line of (host.readText('/proc/net/if_inet6') ?? '').split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length >= 6) put(f[5], hex(f[1]));
  }
  for (const file of ['/proc/net/igmp6', '/proc/net/dev_mcast']) {
    for (const line of (host.readText(file) ?? '').split('\n')) {
      const f = line.trim().split(/\s+/);
      if (f.length >= 3 && /^\d+$/.test(f[0]!)) put(f[1], Number(f[0]));
    }
  }
  for (const line of (host.readText('/proc/net/igmp') ?? '').split('\n')) {
    const m = /^(\d+)\t(\S+?)\s*:/.exec(line);
    if (m) put(m[2], Number(m[1]));
  }
  const out: LinkObject[] = [];
  for (const line of (host.readText('/proc/net/dev') ?? '').split('\n').slice(2)) {
    const name = /^\s*([^:\s]+):/.exec(line)?.[1];
    const idx = name ? index.get(name) : undefined;
    if (!name || idx === undefined) continue;
    out.push({ index: idx, name, operstate: null, mtu: null, address: null, flags: 0, kind: null });
  }
  return out.sort((a, b) => a.index - b.index);
}

/** Where {@link readProcState} finds links. */
export interface ProcStateOptions {
  /** Read links from `/sys/class/net` (default); false for another namespace: `/proc/net` only. */
  sysfs?: boolean;
}

/** The whole state as `/sys/class/net` (or, see the options, `/proc/net` alone) and `/proc/net` show it. */
export function readProcState(host: Host, opts: ProcStateOptions = {}): KernelState {
  const s = emptyState();
  const links = opts.sysfs === false ? readNetLinks(host) : readSysLinks(host);
  for (const l of links) s.links.set(l.index, l);
  const byName = new Map(links.map((l) => [l.name, l.index]));
  const indexOf = (d: string) => byName.get(d) ?? null;
  const v4routes = parseProcNetRoute(host.readText('/proc/net/route') ?? '', indexOf);
  const routes = [...v4routes, ...parseIpv6Route(host.readText('/proc/net/ipv6_route') ?? '', indexOf)];
  for (const r of routes) s.routes.set(routeKey(r), r);
  const addrs = [
    ...ipv4FromFibTrie(host.readText('/proc/net/fib_trie') ?? '', v4routes, indexOf),
    ...parseIfInet6(host.readText('/proc/net/if_inet6') ?? ''),
  ];
  for (const a of addrs) s.addrs.set(addrKey(a), a);
  return s;
}

/** Yields the differences between successive reads every `intervalMs` until `signal` aborts. */
export async function* watchProc(
  host: Host,
  signal: AbortSignal,
  sleep: (ms: number, signal: AbortSignal) => Promise<void>,
  intervalMs = 1000,
  opts: ProcStateOptions = {},
): AsyncGenerator<WatchItem> {
  let state = readProcState(host, opts);
  while (!signal.aborted) {
    await sleep(intervalMs, signal);
    if (signal.aborted) return;
    const fresh = readProcState(host, opts);
    for (const change of diffStates(state, fresh)) yield { kind: 'change', change, resync: false };
    state = fresh;
  }
}
