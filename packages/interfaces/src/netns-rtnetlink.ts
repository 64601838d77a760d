/**
 * Link facts and IPv4 addresses of another network namespace over rtnetlink, through the
 * `rtnetlink` capability the CLI attaches to `host.roots.netns` (a NETLINK_ROUTE socket made
 * inside the namespace by a synchronous setns of the main thread, see `@netstat-ts/native`).
 * Only the pure codec is imported here: RTM_GETLINK and RTM_GETADDR dumps, decoded.
 */
import {
  AF_INET,
  buildGetAddrDump,
  buildGetLinkDump,
  decodeAddr,
  decodeLink,
  NLMSG_HDRLEN,
} from '@netstat-ts/native/codec';
import { type AddressResult, type AddressSource, type Ipv4Address, ipv4Address } from './addresses.js';
import type { LinkInfo } from './sysfs.js';

const latin1 = (s: string) => Buffer.from(s, 'utf8').toString('latin1');

function hwBytes(text: string | null): Uint8Array {
  if (!text || !/^[0-9a-f]{2}(:[0-9a-f]{2})*$/i.test(text)) return new Uint8Array(0);
  return Uint8Array.from(text.split(':').map((h) => Number.parseInt(h, 16)));
}

/** RTM_NEWLINK answers -> device name -> link facts (`ifi_flags` are SIOCGIFFLAGS' flags). */
export function linksFromMessages(msgs: Buffer[]): Map<string, LinkInfo> {
  const out = new Map<string, LinkInfo>();
  for (const m of msgs) {
    const l = decodeLink(m.subarray(NLMSG_HDRLEN));
    if (!l?.name) continue;
    const device = latin1(l.name);
    out.set(device, {
      device,
      flags: l.flags & 0xffff,
      sysfsFlags: l.flags & 0xffff,
      operstate: l.operstate,
      mtu: l.mtu ?? 0,
      type: l.type,
      hwaddr: hwBytes(l.address),
      txqueuelen: l.txqlen,
    });
  }
  return out;
}

/** RTM_NEWADDR answers -> IPv4 addresses with their labels, in the kernel's order. */
export function addressesFromMessages(msgs: Buffer[]): Ipv4Address[] {
  const out: Ipv4Address[] = [];
  for (const m of msgs) {
    const a = decodeAddr(m.subarray(NLMSG_HDRLEN));
    if (!a || a.family !== AF_INET || !a.local || a.label === null) continue;
    out.push(
      ipv4Address({
        label: latin1(a.label),
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

/**
 * An authoritative source for another namespace, from its rtnetlink answers; `deviceMaps` (the
 * `-ie` device line) when given must ask inside that namespace too.
 */
export function rtnetlinkNetnsSource(
  rtnetlink: (requests: Buffer[]) => Buffer[][],
  nsFile: string,
  deviceMaps?: AddressSource['deviceMaps'],
): AddressSource {
  const name = `rtnetlink inside ${nsFile} (setns)`;
  let answer: { links: Map<string, LinkInfo>; addresses: Ipv4Address[] } | { error: string } | undefined;
  const dump = () => {
    if (!answer) {
      try {
        const [links, addrs] = rtnetlink([buildGetLinkDump(1), buildGetAddrDump(2, AF_INET)]);
        answer = { links: linksFromMessages(links ?? []), addresses: addressesFromMessages(addrs ?? []) };
      } catch (e) {
        answer = { error: (e as Error).message.split('\n')[0] ?? 'failed' };
      }
    }
    return answer;
  };
  return {
    name,
    authoritative: true,
    linksFrom: name,
    async ipv4(): Promise<AddressResult> {
      const a = dump();
      return 'error' in a
        ? { ok: false, source: name, reason: a.error }
        : { ok: true, source: name, addresses: a.addresses };
    },
    async links() {
      const a = dump();
      return 'error' in a ? null : a.links;
    },
    ...(deviceMaps ? { deviceMaps } : {}),
  };
}
