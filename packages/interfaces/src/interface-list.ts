/**
 * Builds the interface list of one `-i` pass (spec §6.1, §6.2): the `/proc/net/dev` names and the
 * IPv4 address labels, merged in nstrcmp order, each with its link facts, addresses and counters.
 * Reading stops at the first interface whose device cannot be found, as in net-tools.
 */
import { type Diagnostic, type Host, type HostError, openTableFeed, streamPieces } from '@netstat-ts/core';
import type { AddressResult, AddressSource, DeviceMap, Ipv4Address } from './addresses.js';
import { flagLetters, flagNames, IFF } from './flags.js';
import { hwType } from './hwtypes.js';
import { type Ipv6Address, ifInet6Malformed, scanIfInet6 } from './if-inet6.js';
import { insertSorted } from './nstrcmp.js';
import { type RxCounters, scanProcNetDev, type TxCounters } from './proc-net-dev.js';
import { deviceOf, type LinkError, type LinkInfo, readLinkInfo } from './sysfs.js';

/** One row of the interface table (the JSON schema of `-i`). */
export interface InterfaceRow {
  /** Interface or alias label name (`eth0`, `eth0:1`). */
  name: string;
  /** The device the name belongs to (`eth0` for `eth0:1`). */
  device: string;
  mtu: number;
  /** The `Flg` column letters (`BMRU`). */
  flags: string;
  /** Flags as SIOCGIFFLAGS reports them. */
  flagBits: number;
  /** Flag names of the `-e` layout (`UP`, `BROADCAST`, …). */
  flagNames: string[];
  operstate: string | null;
  /** ARPHRD_* number, or null when unknown. */
  arphrd: number | null;
  /** net-tools' hardware type name (`ether`, `loop`, `unspec`, …) and title. */
  hwtype: string;
  hwtitle: string;
  /** Hardware address bytes as colon-separated hex (empty when none). */
  hwaddr: string;
  txqueuelen: number | null;
  /** Counters from /proc/net/dev; absent for alias labels ("no statistics available"). */
  rx?: RxCounters;
  tx?: TxCounters;
  /** IPv4 addresses labelled with this name, kernel order (the first is the one printed). */
  ipv4: Ipv4Address[];
  /** IPv6 addresses of this device name (`/proc/net/if_inet6`, file order). */
  ipv6: Ipv6Address[];
  /** SIOCGIFMAP of the device (only with `-e`, and only when the native layer is available). */
  map?: DeviceMap;
}

/** Why reading stopped: an interface whose device could not be queried. */
export interface InterfaceFailure extends LinkError {
  name: string;
}

/** Everything one pass read. */
export interface InterfaceList {
  /** The rows to print, in order. */
  rows: InterfaceRow[];
  /** Set when reading stopped at an interface (net-tools exits 1 after the rows before it). */
  failure?: InterfaceFailure;
  /** Set by a single-interface filter naming no interface. */
  unknown?: string;
  /** False when /proc/net/dev could not be read. */
  devPresent: boolean;
  /** Messages net-tools prints (e.g. the /proc/net/dev warning) and silent parse notes. */
  diagnostics: Diagnostic[];
  addressResult: AddressResult;
  /** Whether device maps were asked for and the source could give them. */
  mapsRead: boolean;
  /** Where the link facts came from (`/sys/class/net`, or an rtnetlink/`ip` source). */
  linkSource: string;
}

/** What to read: `all` = `-a`; `only` = the single-interface filter. */
export interface ListQuery {
  all: boolean;
  only?: string;
  /** Read each device's SIOCGIFMAP map (the `-ie` device line). */
  maps?: boolean;
}

interface Entry {
  name: string;
  rx?: RxCounters;
  tx?: TxCounters;
}

function hexAddr(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(':');
}

/** Appends `item` to the group `key` of `m`. */
function addTo<T>(m: Map<string, T[]>, key: string, item: T): void {
  const g = m.get(key);
  if (g) g.push(item);
  else m.set(key, [item]);
}

/** Items grouped by a key, each group in input order. */
function groupBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) addTo(m, key(it), it);
  return m;
}

/** At most this many malformed `if_inet6` lines are reported one by one; then their count. */
const MALFORMED_REPORTED = 20;

/**
 * The IPv6 addresses of the listed names from `/proc/net/if_inet6`, by device name in file
 * order: streamed (constant memory apart from the addresses kept), addresses of other devices
 * dropped as they are read. A missing or unreadable file has none.
 */
function readInet6(host: Host, names: Set<string>, diagnostics: Diagnostic[]): Map<string, Ipv6Address[]> {
  const byDevice = new Map<string, Ipv6Address[]>();
  const f = openTableFeed(host, '/proc/net/if_inet6');
  if (!f.ok) return byDevice;
  let malformed = 0;
  scanIfInet6(
    f.feed,
    (a) => {
      if (names.has(a.device)) addTo(byDevice, a.device, a);
    },
    (line) => {
      if (++malformed <= MALFORMED_REPORTED) diagnostics.push(ifInet6Malformed(line));
    },
  );
  if (malformed > MALFORMED_REPORTED)
    diagnostics.push({
      level: 'info',
      message: `/proc/net/if_inet6: ${malformed - MALFORMED_REPORTED} more malformed lines (ignored)`,
    });
  return byDevice;
}

function makeRow(
  e: Entry,
  link: LinkInfo,
  v4: Map<string, Ipv4Address[]>,
  v6: Map<string, Ipv6Address[]>,
): InterfaceRow {
  const t = link.type === null ? null : hwType(link.type);
  return {
    name: e.name,
    device: link.device,
    mtu: link.mtu,
    flags: flagLetters(link.flags),
    flagBits: link.flags,
    flagNames: flagNames(link.flags),
    operstate: link.operstate,
    arphrd: link.type,
    hwtype: t?.name ?? 'unspec',
    hwtitle: t?.title ?? 'UNSPEC',
    hwaddr: hexAddr(link.hwaddr),
    txqueuelen: link.txqueuelen,
    ...(e.rx ? { rx: e.rx, tx: e.tx } : {}),
    ipv4: v4.get(e.name) ?? [],
    ipv6: v6.get(e.name) ?? [],
  };
}

/**
 * A device's link facts: from `captured` alone when it is authoritative (another namespace),
 * else from sysfs with what sysfs lacks filled in from `captured` (a sosreport keeps only
 * `/sys/class/net/<dev>/flags` and `statistics/`, and `ip -s -d link` as a command output).
 */
function linkFacts(
  host: Host,
  name: string,
  device: string,
  captured: Map<string, LinkInfo> | null,
  authoritative: boolean,
): ReturnType<typeof readLinkInfo> {
  const cap = captured?.get(device);
  if (authoritative) {
    return cap ? { ok: true, link: { ...cap } } : { ok: false, code: 'ENODEV', message: 'Device not found' };
  }
  const r = readLinkInfo(host, name);
  if (!cap) return r;
  if (!r.ok) return r.code === 'ENODEV' ? { ok: true, link: { ...cap } } : r;
  const l = r.link;
  if (l.operstate === null) l.flags = (l.flags & ~IFF.RUNNING) | (cap.flags & IFF.RUNNING);
  if (l.mtu === 0) l.mtu = cap.mtu;
  if (l.type === null) l.type = cap.type;
  if (l.hwaddr.length === 0) l.hwaddr = cap.hwaddr;
  if (l.txqueuelen === null) l.txqueuelen = cap.txqueuelen;
  return r;
}

/** Reads the interface list of one pass. */
export async function readInterfaceList(
  host: Host,
  source: AddressSource,
  q: ListQuery,
): Promise<InterfaceList> {
  const diagnostics: Diagnostic[] = [];
  const list: Entry[] = [];
  // Streamed, never read whole: the entries are merged into the list as the lines are read.
  const devError = host.probe('/proc/net/dev');
  const devFailed = (e: HostError) =>
    diagnostics.push({
      level: 'warning',
      message: `Warning: cannot open /proc/net/dev (${e.message}). Limited output.`,
    });
  if (devError === null) {
    let late: HostError | null = null;
    scanProcNetDev(
      (max, each) => {
        late = streamPieces(host, '/proc/net/dev', max, each);
      },
      (e) => {
        const i = insertSorted(list, e.name, () => ({ name: e.name }));
        list[i]!.rx = e.rx;
        list[i]!.tx = e.tx;
      },
      (d) => diagnostics.push(d),
    );
    // A read that fails midway keeps the lines before it, with the warning of a failed open.
    if (late !== null) devFailed(late);
  } else devFailed(devError);
  const [addressResult, kernelFlags, captured] = await Promise.all([
    source.ipv4(),
    source.linkFlags?.() ?? null,
    source.links?.() ?? null,
  ]);
  const v4 = addressResult.ok ? addressResult.addresses : [];
  for (const a of v4) insertSorted(list, a.label, () => ({ name: a.label }));
  const inet6 = readInet6(host, new Set(list.map((e) => e.name)), diagnostics);
  const v4ByLabel = groupBy(v4, (a) => a.label);

  const linkSource = source.authoritative
    ? (source.linksFrom ?? source.name)
    : captured
      ? `/sys/class/net (what it lacks from ${source.linksFrom ?? 'a captured ip link listing'})`
      : '/sys/class/net';
  const result: InterfaceList = {
    rows: [],
    devPresent: devError === null,
    diagnostics,
    addressResult,
    mapsRead: false,
    linkSource,
  };
  const wanted = q.only === undefined ? list : list.filter((e) => e.name === q.only);
  if (q.only !== undefined && wanted.length === 0) result.unknown = q.only;
  const links = new Map<string, ReturnType<typeof readLinkInfo>>();
  for (const e of wanted) {
    const device = deviceOf(e.name);
    let r = links.get(device);
    if (!r) {
      r = linkFacts(host, e.name, device, captured, source.authoritative === true);
      const exact = kernelFlags?.get(device);
      if (r.ok && exact !== undefined) r.link.flags = exact & 0xffff;
      links.set(device, r);
    }
    if (!r.ok) {
      result.failure = { name: e.name, code: r.code, message: r.message };
      break;
    }
    if (!(r.link.flags & IFF.UP) && !q.all && q.only === undefined) continue;
    result.rows.push(makeRow(e, r.link, v4ByLabel, inet6));
  }
  if (q.maps && source.deviceMaps && result.rows.length > 0) {
    const maps = await source.deviceMaps([...new Set(result.rows.map((r) => r.device))]);
    if (maps) {
      result.mapsRead = true;
      for (const row of result.rows) {
        const m = maps.get(row.device);
        if (m) row.map = m;
      }
    }
  }
  return result;
}
