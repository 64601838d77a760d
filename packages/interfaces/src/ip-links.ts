/**
 * Link facts (flags, MTU, hardware type and address, queue length) from iproute2 instead of
 * `/sys/class/net`: for another network namespace, whose devices the mounted sysfs does not show
 * (it shows the namespace it was mounted in), and for snapshots that kept only `ip -s -d link`.
 */
import { flagsFromNames } from './addresses.js';
import type { LinkInfo } from './sysfs.js';

/** ARPHRD_* numbers of iproute2's `link/<type>` names (ll_types.c names, kernel if_arp.h numbers). */
const LINK_TYPES: Record<string, number> = {
  netrom: 0,
  ether: 1,
  eether: 2,
  ax25: 3,
  pronet: 4,
  chaos: 5,
  ieee802: 6,
  arcnet: 7,
  atalk: 8,
  dlci: 15,
  atm: 19,
  metricom: 23,
  ieee1394: 24,
  infiniband: 32,
  slip: 256,
  cslip: 257,
  slip6: 258,
  cslip6: 259,
  rsrvd: 260,
  adapt: 264,
  rose: 270,
  x25: 271,
  hwx25: 272,
  can: 280,
  ppp: 512,
  cisco: 513,
  lapb: 516,
  ddcmp: 517,
  rawhdlc: 518,
  tunnel: 768,
  ipip: 768,
  tunnel6: 769,
  frad: 770,
  skip: 771,
  loopback: 772,
  localtlk: 773,
  fddi: 774,
  bif: 775,
  sit: 776,
  'ip/ddp': 777,
  gre: 778,
  pimreg: 779,
  hippi: 780,
  ash: 781,
  econet: 782,
  irda: 783,
  fcpp: 784,
  fcal: 785,
  fcpl: 786,
  fcfb: 787,
  tr: 800,
  'ieee802.11': 801,
  'ieee802.11/prism': 802,
  'ieee802.11/radiotap': 803,
  ieee802154: 804,
  phonet: 820,
  phonet_pipe: 821,
  caif: 822,
  gre6: 823,
  netlink: 824,
  '6lowpan': 825,
  void: 0xffff,
  none: 0xfffe,
};

/** The ARPHRD number of an iproute2 link type name (`ether`, `loopback`, `[65534]`), or null. */
export function arphrdOfLinkType(name: string): number | null {
  const m = /^\[(\d+)\]$/.exec(name);
  if (m) return Number(m[1]);
  return Object.hasOwn(LINK_TYPES, name) ? LINK_TYPES[name]! : null;
}

function hwBytes(text: string | undefined): Uint8Array {
  if (!text || !/^[0-9a-f]{2}(:[0-9a-f]{2})*$/i.test(text)) return new Uint8Array(0);
  return Uint8Array.from(text.split(':').map((h) => Number.parseInt(h, 16)));
}

/** RUNNING as the ioctl reports it: UP and no `NO-CARRIER` (iproute2 never prints RUNNING). */
function ioctlFlagsOf(names: string[]): number {
  let f = flagsFromNames(names.filter((n) => n !== 'RUNNING'));
  if (f & 0x1 && !names.includes('NO-CARRIER')) f |= 0x40;
  return f & 0xffff;
}

const latin1 = (s: string) => Buffer.from(s, 'utf8').toString('latin1');

/** Parses `ip -j [-d] link show` into device name -> link facts. */
export function parseIpJLinkInfo(text: string): Map<string, LinkInfo> {
  const out = new Map<string, LinkInfo>();
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return out;
  }
  if (!Array.isArray(data)) return out;
  for (const l of data as Record<string, unknown>[]) {
    if (typeof l?.ifname !== 'string' || !Array.isArray(l.flags)) continue;
    const names = l.flags.filter((x): x is string => typeof x === 'string');
    const flags = ioctlFlagsOf(names);
    const device = latin1(l.ifname);
    out.set(device, {
      device,
      flags,
      sysfsFlags: flags,
      operstate: typeof l.operstate === 'string' ? l.operstate.toLowerCase() : null,
      mtu: typeof l.mtu === 'number' ? l.mtu : 0,
      type: typeof l.link_type === 'string' ? arphrdOfLinkType(l.link_type) : null,
      hwaddr: hwBytes(typeof l.address === 'string' ? l.address : undefined),
      txqueuelen: typeof l.txqlen === 'number' ? l.txqlen : null,
    });
  }
  return out;
}

/**
 * Parses the text of `ip link`, `ip -s -d link` or `ip -d address` (sosreport keeps these) into
 * device name -> link facts. Header lines look like
 * `2: eth0@if5: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000`
 * followed by `    link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff ...`.
 */
export function parseIpLinkText(text: string): Map<string, LinkInfo> {
  const out = new Map<string, LinkInfo>();
  let cur: LinkInfo | null = null;
  for (const line of text.split('\n')) {
    const h = /^\d+:\s+([^:@\s]+)(?:@[^:\s]+)?:\s+<([^>]*)>(.*)$/.exec(line);
    if (h) {
      const names = h[2]!.split(',').filter(Boolean);
      const rest = h[3]!;
      const flags = ioctlFlagsOf(names);
      const num = (k: string) => {
        const m = new RegExp(`\\s${k}\\s+(\\d+)`).exec(rest);
        return m ? Number(m[1]) : null;
      };
      const state = /\sstate\s+(\S+)/.exec(rest)?.[1];
      cur = {
        device: h[1]!,
        flags,
        sysfsFlags: flags,
        operstate: state ? state.toLowerCase() : null,
        mtu: num('mtu') ?? 0,
        type: null,
        hwaddr: new Uint8Array(0),
        txqueuelen: num('qlen'),
      };
      out.set(cur.device, cur);
      continue;
    }
    const l = cur && /^\s+link\/(\S+)(?:\s+(\S+))?/.exec(line);
    if (cur && l && cur.type === null) {
      cur.type = arphrdOfLinkType(l[1]!);
      cur.hwaddr = hwBytes(l[2]);
    }
  }
  return out;
}
