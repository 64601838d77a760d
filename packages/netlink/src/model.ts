/**
 * The objects `-L` reports (the `object` of each JSON event) and the kernel state they make up,
 * with the diff that turns two states into the events between them (used after an overrun and
 * by the polling fallback).
 */

/** A network device (RTM_NEWLINK/DELLINK). */
export interface LinkObject {
  index: number;
  name: string;
  /** IFLA_OPERSTATE (`up`, `down`, `lowerlayerdown`, `unknown`, …), or null when not known. */
  operstate: string | null;
  mtu: number | null;
  /** Hardware address (`aa:bb:…`), or null. */
  address: string | null;
  /** IFF_* flags (`ifi_flags`; from sysfs in the fallback). */
  flags: number;
  /** Link kind (`veth`, `bridge`, …), or null when not known. */
  kind: string | null;
}

/** An IPv4 or IPv6 address (RTM_NEWADDR/DELADDR). */
export interface AddrObject {
  family: 'inet' | 'inet6';
  index: number;
  /** Device name from the name cache (null when the index is unknown). */
  device: string | null;
  /** The interface's own address (IFA_LOCAL, else IFA_ADDRESS). */
  address: string;
  prefixlen: number;
  /** The peer (IFA_ADDRESS) of a point-to-point address when it differs, else null. */
  peer: string | null;
  broadcast: string | null;
  /** IPv4 label (`eth0`, `eth0:1`), null for IPv6 or when not known. */
  label: string | null;
  /** Scope number (0 global, 253 link, 254 host). */
  scope: number;
}

/** A route (RTM_NEWROUTE/DELROUTE). */
export interface RouteObject {
  family: 'inet' | 'inet6';
  /** Destination network address (`0.0.0.0`/`::` for the default route). */
  destination: string;
  dstLen: number;
  gateway: string | null;
  /** Output device index, or null. */
  index: number | null;
  device: string | null;
  /** Table id (254 main, 255 local, …). */
  table: number;
  /** Route protocol id (2 kernel, 3 boot, 4 static, …); null when not known (the fallback). */
  protocol: number | null;
  /** RTN_* type (1 unicast, 2 local, 3 broadcast, 5 multicast, …). */
  type: number;
  scope: number;
  priority: number | null;
  prefsrc: string | null;
}

/** What the kernel state is, as far as `-L` follows it. */
export interface KernelState {
  links: Map<number, LinkObject>;
  addrs: Map<string, AddrObject>;
  routes: Map<string, RouteObject>;
}

/** An empty state. */
export const emptyState = (): KernelState => ({ links: new Map(), addrs: new Map(), routes: new Map() });

/** The identity of an address (what a DELADDR names). */
export const addrKey = (a: AddrObject): string =>
  `${a.family}|${a.index}|${a.address}/${a.prefixlen}|${a.peer ?? ''}`;

/** The identity of a route (table, destination, tos-free key fields, device, gateway, metric). */
export const routeKey = (r: RouteObject): string =>
  `${r.family}|${r.table}|${r.type}|${r.destination}/${r.dstLen}|${r.index ?? ''}|${r.gateway ?? ''}|${r.priority ?? ''}`;

/** One change between two states. */
export type Change =
  | { type: 'NEWDEVICE' | 'DELDEVICE'; object: LinkObject }
  | { type: 'NEWADDR' | 'DELADDR'; object: AddrObject }
  | { type: 'NEWROUTE' | 'DELROUTE'; object: RouteObject };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The changes from `before` to `after`, in the kernel's order of dependence: deleted routes,
 * deleted addresses, deleted devices, then new or changed devices, new addresses, new routes.
 */
export function diffStates(before: KernelState, after: KernelState): Change[] {
  const out: Change[] = [];
  for (const [k, r] of before.routes) if (!after.routes.has(k)) out.push({ type: 'DELROUTE', object: r });
  for (const [k, a] of before.addrs) if (!after.addrs.has(k)) out.push({ type: 'DELADDR', object: a });
  for (const [i, l] of before.links) if (!after.links.has(i)) out.push({ type: 'DELDEVICE', object: l });
  for (const [i, l] of after.links) {
    const old = before.links.get(i);
    if (!old || !same(old, l)) out.push({ type: 'NEWDEVICE', object: l });
  }
  for (const [k, a] of after.addrs) {
    const old = before.addrs.get(k);
    if (!old || !same(old, a)) out.push({ type: 'NEWADDR', object: a });
  }
  for (const [k, r] of after.routes) {
    const old = before.routes.get(k);
    if (!old || !same(old, r)) out.push({ type: 'NEWROUTE', object: r });
  }
  return out;
}

/** Applies one change to a state (in place). */
export function applyChange(s: KernelState, c: Change): void {
  switch (c.type) {
    case 'NEWDEVICE':
      s.links.set(c.object.index, c.object);
      return;
    case 'DELDEVICE':
      s.links.delete(c.object.index);
      for (const [k, a] of s.addrs) if (a.index === c.object.index) s.addrs.delete(k);
      for (const [k, r] of s.routes) if (r.index === c.object.index) s.routes.delete(k);
      return;
    case 'NEWADDR':
      s.addrs.set(addrKey(c.object), c.object);
      return;
    case 'DELADDR':
      s.addrs.delete(addrKey(c.object));
      return;
    case 'NEWROUTE':
      s.routes.set(routeKey(c.object), c.object);
      return;
    case 'DELROUTE':
      s.routes.delete(routeKey(c.object));
  }
}
