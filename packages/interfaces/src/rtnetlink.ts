/**
 * The live kernel source of `-i`: IPv4 addresses and labels (RTM_GETADDR) and exact link flags
 * (RTM_GETLINK `ifi_flags`, = SIOCGIFFLAGS) over rtnetlink, and the SIOCGIFMAP device map, all
 * through `@netstat-ts/native`. When the native layer cannot load (or NETSTAT_NO_NATIVE=1) the
 * source says why and the next one (`ip`) is tried.
 */
import type { Host } from '@netstat-ts/core';
import { loadNative, type Native, type NativeUnavailable } from '@netstat-ts/native';
import {
  type AddrInfo,
  AF_INET,
  buildGetAddrDump,
  buildGetLinkDump,
  decodeAddr,
  decodeLink,
  type LinkInfo,
  NETLINK,
  parseMessages,
} from '@netstat-ts/native/codec';
import {
  type AddressSource,
  type DeviceMap,
  firstWorkingSource,
  type Ipv4Address,
  ipCommandSource,
  ipv4Address,
  netnsIpSource,
  snapshotAddressSource,
} from './addresses.js';
import { siocgifmap } from './ioctls.js';
import { rtnetlinkNetnsSource } from './netns-rtnetlink.js';

/** Converts decoded RTM_NEWADDR messages to IPv4 addresses (kernel order; no label = skipped). */
export function ipv4FromRtnl(addrs: readonly (AddrInfo | null)[]): Ipv4Address[] {
  const out: Ipv4Address[] = [];
  for (const a of addrs) {
    if (!a || a.family !== AF_INET || a.local === null || a.label === null) continue;
    out.push(
      ipv4Address({
        label: a.label,
        ifindex: a.index,
        local: a.local,
        address: a.address ?? a.local,
        broadcast: a.broadcast,
        prefixlen: a.prefixlen,
      }),
    );
  }
  return out;
}

/** Converts decoded RTM_NEWLINK messages to device name -> flags (`ifi_flags`, as SIOCGIFFLAGS). */
export function linkFlagsFromRtnl(links: readonly (LinkInfo | null)[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of links) if (l?.name != null) out.set(l.name, l.flags);
  return out;
}

/** Loads the native layer (or says why it is not available). */
export type NativeLoader = () => Promise<Native | NativeUnavailable>;

/** Runs one synchronous job on a fresh rtnetlink socket; always closes it. */
async function withRtnl<T>(
  load: NativeLoader,
  f: (n: Native, dump: (req: Buffer) => Buffer[]) => T,
): Promise<T> {
  const n = await load();
  if (!n.ok) throw new Error(n.reason);
  const s = n.netlinkSocket(NETLINK.ROUTE);
  try {
    return f(n, (req) => s.request(req));
  } finally {
    s.close();
  }
}

const payloads = (msgs: Buffer[]) => msgs.map((m) => parseMessages(m)[0]?.payload ?? Buffer.alloc(0));

/** RTM_GETADDR/RTM_GETLINK over rtnetlink and SIOCGIFMAP, through the native layer. */
export function nativeAddressSource(load: NativeLoader): AddressSource {
  const name = 'rtnetlink (native layer)';
  return {
    name,
    async ipv4() {
      try {
        const addrs = await withRtnl(load, (_n, dump) =>
          payloads(dump(buildGetAddrDump(0, AF_INET))).map(decodeAddr),
        );
        return { ok: true, source: name, addresses: ipv4FromRtnl(addrs) };
      } catch (err) {
        return { ok: false, source: name, reason: (err as Error).message.split('\n')[0] ?? 'failed' };
      }
    },
    async linkFlags() {
      try {
        return await withRtnl(load, (_n, dump) =>
          linkFlagsFromRtnl(payloads(dump(buildGetLinkDump(0))).map(decodeLink)),
        );
      } catch {
        return null;
      }
    },
    async deviceMaps(devices) {
      const n = await load();
      if (!n.ok) return null;
      let fd = -1;
      try {
        fd = n.inetSocket();
        const out = new Map<string, DeviceMap>();
        for (const d of devices) {
          const m = siocgifmap(n, fd, d);
          if (m) out.set(d, m);
        }
        return out;
      } catch {
        return null;
      } finally {
        if (fd >= 0) n.closeFd(fd);
      }
    },
  };
}

/**
 * SIOCGIFMAP of devices of another namespace, on an AF_INET socket `inetSocket` makes inside it
 * (the ioctl names the device, and a socket asks the namespace it was made in).
 */
export function netnsDeviceMaps(
  load: NativeLoader,
  inetSocket: () => number,
): (devices: string[]) => Promise<Map<string, DeviceMap> | null> {
  return async (devices) => {
    const n = await load();
    if (!n.ok) return null;
    let fd = -1;
    try {
      fd = inetSocket();
      const out = new Map<string, DeviceMap>();
      for (const d of devices) {
        const m = siocgifmap(n, fd, d);
        if (m) out.set(d, m);
      }
      return out;
    } catch {
      return null;
    } finally {
      if (fd >= 0) n.closeFd(fd);
    }
  };
}

/** Options of {@link defaultAddressSource}. */
export interface DefaultSourceOptions {
  /** Do not use the native layer (NETSTAT_NO_NATIVE=1): only `ip` on the live system. */
  nativeDisabled?: boolean;
}

/** The default source: native rtnetlink, then `ip`, on the live system; a capture for a snapshot. */
export function defaultAddressSource(host: Host, opts: DefaultSourceOptions = {}): AddressSource {
  if (!host.isLive) return snapshotAddressSource(host);
  // Another network namespace: sockets made here and the sysfs mounted here belong to the
  // namespace we run in, so ask inside that one (setns through the CLI's native layer, else `ip`
  // through nsenter).
  const ns = host.roots.netns;
  if (ns?.rtnetlink && !opts.nativeDisabled) {
    const made = ns.inetSocket;
    const maps = made
      ? netnsDeviceMaps(() => loadNative({ disabled: opts.nativeDisabled }), made)
      : undefined;
    return rtnetlinkNetnsSource(ns.rtnetlink, ns.file, maps);
  }
  if (ns) return netnsIpSource(ns.file);
  const native = nativeAddressSource(() => loadNative({ disabled: opts.nativeDisabled }));
  return firstWorkingSource([native, ipCommandSource()]);
}
