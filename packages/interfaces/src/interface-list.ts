/**
 * Builds the interface list of one `-i` pass (spec §6.1, §6.2): the `/proc/net/dev` names and the
 * IPv4 address labels, merged in nstrcmp order, each with its link facts, addresses and counters.
 * Reading stops at the first interface whose device cannot be found, as in net-tools.
 */
import type { Diagnostic, Host } from '@netstat-ts/core';
import type { AddressResult, AddressSource, DeviceMap, Ipv4Address } from './addresses.js';
import { flagLetters, flagNames, IFF } from './flags.js';
import { hwType } from './hwtypes.js';
import { type Ipv6Address, parseIfInet6 } from './if-inet6.js';
import { insertSorted } from './nstrcmp.js';
import { parseProcNetDev, type RxCounters, type TxCounters } from './proc-net-dev.js';
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

function makeRow(e: Entry, link: LinkInfo, v4: Ipv4Address[], v6: Ipv6Address[]): InterfaceRow {
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
    ipv4: v4.filter((a) => a.label === e.name),
    ipv6: v6.filter((a) => a.device === e.name),
  };
}

/** Reads the interface list of one pass. */
export async function readInterfaceList(
  host: Host,
  source: AddressSource,
  q: ListQuery,
): Promise<InterfaceList> {
  const diagnostics: Diagnostic[] = [];
  const list: Entry[] = [];
  const dev = host.read('/proc/net/dev');
  if (dev.ok) {
    const parsed = parseProcNetDev(dev.data.toString('latin1'));
    diagnostics.push(...parsed.diagnostics);
    for (const e of parsed.entries) {
      const i = insertSorted(list, e.name, () => ({ name: e.name }));
      list[i]!.rx = e.rx;
      list[i]!.tx = e.tx;
    }
  } else {
    diagnostics.push({
      level: 'warning',
      message: `Warning: cannot open /proc/net/dev (${dev.message}). Limited output.`,
    });
  }
  const [addressResult, kernelFlags] = await Promise.all([source.ipv4(), source.linkFlags?.() ?? null]);
  const v4 = addressResult.ok ? addressResult.addresses : [];
  for (const a of v4) insertSorted(list, a.label, () => ({ name: a.label }));
  const inet6Text = host.readText('/proc/net/if_inet6');
  const inet6 = inet6Text === null ? { addresses: [], diagnostics: [] } : parseIfInet6(inet6Text);
  diagnostics.push(...inet6.diagnostics);

  const result: InterfaceList = { rows: [], devPresent: dev.ok, diagnostics, addressResult, mapsRead: false };
  const wanted = q.only === undefined ? list : list.filter((e) => e.name === q.only);
  if (q.only !== undefined && wanted.length === 0) result.unknown = q.only;
  const links = new Map<string, ReturnType<typeof readLinkInfo>>();
  for (const e of wanted) {
    const device = deviceOf(e.name);
    let r = links.get(device);
    if (!r) {
      r = readLinkInfo(host, e.name);
      const exact = kernelFlags?.get(device);
      if (r.ok && exact !== undefined) r.link.flags = exact & 0xffff;
      links.set(device, r);
    }
    if (!r.ok) {
      result.failure = { name: e.name, code: r.code, message: r.message };
      break;
    }
    if (!(r.link.flags & IFF.UP) && !q.all && q.only === undefined) continue;
    result.rows.push(makeRow(e, r.link, v4, inet6.addresses));
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
