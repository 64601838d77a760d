/**
 * The rtnetlink adapter: RTM_GETADDR through the optional `netlink` package (N-API, prebuilt).
 * Everything about that package stays in this file; if it is missing or fails, the source says
 * why and the next source is tried.
 */
import { formatIPv4, type Host } from '@netstat-ts/core';
import {
  type AddressSource,
  firstWorkingSource,
  flagsFromNames,
  type Ipv4Address,
  ipCommandSource,
  ipv4Address,
  loadOptional,
  netnsIpSource,
  snapshotAddressSource,
} from './addresses.js';
import { rtnetlinkNetnsSource } from './netns-rtnetlink.js';

interface NlAddressMessage {
  data?: { family?: number; prefixlen?: number; index?: number };
  attrs?: { local?: Uint8Array; address?: Uint8Array; broadcast?: Uint8Array; label?: string };
}

interface NlLinkMessage {
  data?: { flags?: Record<string, unknown> };
  attrs?: { ifname?: string };
}

interface NlSocket {
  getAddresses(data?: object): Promise<NlAddressMessage[]>;
  getLinks(): Promise<NlLinkMessage[]>;
  socket: { close(): void };
}

interface NlModule {
  createRtNetlink(): NlSocket;
}

const dotted = (b: Uint8Array | undefined): string | null =>
  b && b.length === 4 ? formatIPv4(((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0) : null;

/** Converts RTM_NEWADDR messages (as the `netlink` package decodes them) to IPv4 addresses. */
export function fromNetlinkMessages(msgs: NlAddressMessage[]): Ipv4Address[] {
  const out: Ipv4Address[] = [];
  for (const m of msgs) {
    if (m.data?.family !== 2) continue;
    const local = dotted(m.attrs?.local) ?? dotted(m.attrs?.address);
    if (local === null || typeof m.attrs?.label !== 'string') continue;
    out.push(
      ipv4Address({
        label: Buffer.from(m.attrs.label, 'utf8').toString('latin1'),
        ifindex: m.data.index ?? 0,
        local,
        address: dotted(m.attrs.address) ?? local,
        broadcast: dotted(m.attrs.broadcast),
        prefixlen: m.data.prefixlen ?? 32,
      }),
    );
  }
  return out;
}

/** Converts RTM_NEWLINK messages to device name -> flags (`ifi_flags`, as SIOCGIFFLAGS). */
export function linkFlagsFromNetlink(msgs: NlLinkMessage[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of msgs) {
    if (typeof m.attrs?.ifname !== 'string' || !m.data?.flags) continue;
    const names = Object.keys(m.data.flags).filter((k) => m.data?.flags?.[k] === true);
    out.set(Buffer.from(m.attrs.ifname, 'utf8').toString('latin1'), flagsFromNames(names));
  }
  return out;
}

/** Runs one request on a fresh rtnetlink socket with a deadline; always closes the socket. */
async function withSocket<T>(timeoutMs: number, f: (s: NlSocket) => Promise<T>): Promise<T> {
  const loaded = loadOptional('netlink');
  if (!loaded.ok) throw new Error(loaded.reason);
  let sock: NlSocket | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    sock = (loaded.module as NlModule).createRtNetlink();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
    });
    return await Promise.race([f(sock), timeout]);
  } finally {
    if (timer) clearTimeout(timer);
    try {
      sock?.socket.close();
    } catch {
      /* already closed */
    }
  }
}

/** RTM_GETADDR and RTM_GETLINK over rtnetlink via the optional `netlink` package. */
export function netlinkAddressSource(timeoutMs = 3000): AddressSource {
  const name = 'rtnetlink (optional package `netlink`)';
  return {
    name,
    async ipv4() {
      try {
        const msgs = await withSocket(timeoutMs, (s) => s.getAddresses({ family: 2 }));
        return { ok: true, source: name, addresses: fromNetlinkMessages(msgs) };
      } catch (err) {
        return { ok: false, source: name, reason: (err as Error).message.split('\n')[0] ?? 'failed' };
      }
    },
    async linkFlags() {
      try {
        return linkFlagsFromNetlink(await withSocket(timeoutMs, (s) => s.getLinks()));
      } catch {
        return null;
      }
    },
  };
}

/** The default source for a host: rtnetlink, then `ip`, on the live system; a capture for a snapshot. */
export function defaultAddressSource(host: Host): AddressSource {
  // Another network namespace: this process's netlink sockets and the sysfs mounted here belong
  // to the namespace we run in, so ask `ip` inside that one.
  const ns = host.roots.netns;
  if (host.isLive && ns?.rtnetlink) return rtnetlinkNetnsSource(ns.rtnetlink, ns.file);
  if (host.isLive && ns) return netnsIpSource(ns.file);
  if (host.isLive) return firstWorkingSource([netlinkAddressSource(), ipCommandSource()]);
  return snapshotAddressSource(host);
}
