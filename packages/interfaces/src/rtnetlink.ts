/**
 * The rtnetlink adapter: RTM_GETADDR through the optional `netlink` package (N-API, prebuilt).
 * Everything about that package stays in this file; if it is missing or fails, the source says
 * why and the next source is tried.
 */
import { formatIPv4, type Host } from '@netstat-ts/core';
import {
  type AddressSource,
  firstWorkingSource,
  type Ipv4Address,
  ipCommandSource,
  ipv4Address,
  loadOptional,
  snapshotAddressSource,
} from './addresses.js';

interface NlAddressMessage {
  data?: { family?: number; prefixlen?: number; index?: number };
  attrs?: { local?: Uint8Array; address?: Uint8Array; broadcast?: Uint8Array; label?: string };
}

interface NlModule {
  createRtNetlink(): { getAddresses(data?: object): Promise<NlAddressMessage[]>; socket: { close(): void } };
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

/** RTM_GETADDR over rtnetlink via the optional `netlink` package. */
export function netlinkAddressSource(timeoutMs = 3000): AddressSource {
  const name = 'rtnetlink (optional package `netlink`)';
  return {
    name,
    async ipv4() {
      const loaded = loadOptional('netlink');
      if (!loaded.ok) return { ok: false, source: name, reason: loaded.reason };
      let sock: ReturnType<NlModule['createRtNetlink']> | undefined;
      let timer: NodeJS.Timeout | undefined;
      try {
        sock = (loaded.module as NlModule).createRtNetlink();
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
        });
        const msgs = await Promise.race([sock.getAddresses({ family: 2 }), timeout]);
        return { ok: true, source: name, addresses: fromNetlinkMessages(msgs) };
      } catch (err) {
        return { ok: false, source: name, reason: (err as Error).message.split('\n')[0] ?? 'failed' };
      } finally {
        if (timer) clearTimeout(timer);
        try {
          sock?.socket.close();
        } catch {
          /* already closed */
        }
      }
    },
  };
}

/** The default source for a host: rtnetlink, then `ip`, on the live system; a capture for a snapshot. */
export function defaultAddressSource(host: Host): AddressSource {
  if (host.isLive) return firstWorkingSource([netlinkAddressSource(), ipCommandSource()]);
  return snapshotAddressSource(host);
}
