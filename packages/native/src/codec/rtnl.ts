/**
 * rtnetlink payloads: `ifinfomsg` (links), `ifaddrmsg` (addresses), `rtmsg` (routes) decoded with
 * their attributes into plain typed objects, and the dump requests RTM_GETLINK/GETADDR/GETROUTE.
 */
import { formatAddress, formatHwAddress } from './address.js';
import { attrMap, attrString, attrUint, parseAttrs, parseNested } from './attrs.js';
import {
  AF_UNSPEC,
  IFA,
  IFADDRMSG_LEN,
  IFINFOMSG_LEN,
  IFLA,
  IFLA_INFO,
  NLM_F_DUMP,
  NLM_F_REQUEST,
  OPERSTATES,
  RTA,
  RTM,
  RTMSG_LEN,
} from './constants.js';
import { encodeMessage, type NlMessage } from './nlmsg.js';

/** A link (RTM_NEWLINK/DELLINK). */
export interface LinkInfo {
  family: number;
  /** ARPHRD_* device type. */
  type: number;
  index: number;
  /** IFF_* flags (`ifi_flags`, as SIOCGIFFLAGS gives them, plus IFF_LOWER_UP/DORMANT/ECHO). */
  flags: number;
  change: number;
  name: string | null;
  mtu: number | null;
  /** IFLA_OPERSTATE by name (`up`, `down`, `unknown`, …), or null when absent. */
  operstate: string | null;
  /** Hardware address (`aa:bb:…`), or null. */
  address: string | null;
  broadcast: string | null;
  txqlen: number | null;
  /** Index of the master device (bridge, bond), or null. */
  master: number | null;
  /** Index of the lower/peer device (IFLA_LINK), or null. */
  link: number | null;
  /** IFLA_LINKINFO/IFLA_INFO_KIND (`veth`, `bridge`, …), or null. */
  kind: string | null;
  /** IFLA_MAP: the SIOCGIFMAP data, or null. */
  map: IfMap | null;
}

/** `struct rtnl_link_ifmap` (IFLA_MAP): what SIOCGIFMAP returns. */
export interface IfMap {
  memStart: bigint;
  memEnd: bigint;
  baseAddr: bigint;
  irq: number;
  dma: number;
  port: number;
}

/** An address (RTM_NEWADDR/DELADDR). */
export interface AddrInfo {
  family: number;
  prefixlen: number;
  /** IFA_F_* flags (IFA_FLAGS when present, else `ifa_flags`). */
  flags: number;
  scope: number;
  index: number;
  /** IFA_LOCAL, else IFA_ADDRESS: the interface's own address. */
  local: string | null;
  /** IFA_ADDRESS: the peer on point-to-point links, else the same as `local`. */
  address: string | null;
  broadcast: string | null;
  /** IFA_LABEL (IPv4 only: `eth0`, `eth0:1`). */
  label: string | null;
}

/** A route (RTM_NEWROUTE/DELROUTE). */
export interface RouteInfo {
  family: number;
  dstLen: number;
  srcLen: number;
  tos: number;
  /** Table id (RTA_TABLE when present: it holds ids above 255). */
  table: number;
  protocol: number;
  scope: number;
  /** RTN_* route type. */
  type: number;
  flags: number;
  /** Destination prefix, or null for the default route. */
  dst: string | null;
  src: string | null;
  gateway: string | null;
  prefsrc: string | null;
  /** Output device index, or null. */
  oif: number | null;
  iif: number | null;
  priority: number | null;
}

const addr = (family: number, b: Buffer | undefined): string | null => (b ? formatAddress(family, b) : null);

/** Decodes a link message payload (null when shorter than `ifinfomsg`). */
export function decodeLink(payload: Buffer): LinkInfo | null {
  if (payload.length < IFINFOMSG_LEN) return null;
  const a = attrMap(parseAttrs(payload, IFINFOMSG_LEN));
  const op = attrUint(a.get(IFLA.OPERSTATE));
  let kind: string | null = null;
  const li = a.get(IFLA.LINKINFO);
  if (li) kind = attrString(attrMap(parseNested(li)).get(IFLA_INFO.KIND));
  const hw = a.get(IFLA.ADDRESS);
  const brd = a.get(IFLA.BROADCAST);
  return {
    family: payload[0]!,
    type: payload.readUInt16LE(2),
    index: payload.readInt32LE(4),
    flags: payload.readUInt32LE(8),
    change: payload.readUInt32LE(12),
    name: attrString(a.get(IFLA.IFNAME)),
    mtu: attrUint(a.get(IFLA.MTU)),
    operstate: op === null ? null : (OPERSTATES[op] ?? String(op)),
    address: hw ? formatHwAddress(hw) : null,
    broadcast: brd ? formatHwAddress(brd) : null,
    txqlen: attrUint(a.get(IFLA.TXQLEN)),
    master: attrUint(a.get(IFLA.MASTER)),
    link: attrUint(a.get(IFLA.LINK)),
    kind,
    map: decodeIfMap(a.get(IFLA.MAP)),
  };
}

/** Decodes `struct rtnl_link_ifmap` (3 × u64, u16 irq, u8 dma, u8 port, padded to 32 bytes). */
export function decodeIfMap(b: Buffer | undefined): IfMap | null {
  if (!b || b.length < 28) return null;
  return {
    memStart: b.readBigUInt64LE(0),
    memEnd: b.readBigUInt64LE(8),
    baseAddr: b.readBigUInt64LE(16),
    irq: b.readUInt16LE(24),
    dma: b[26]!,
    port: b[27]!,
  };
}

/** Decodes an address message payload (null when shorter than `ifaddrmsg`). */
export function decodeAddr(payload: Buffer): AddrInfo | null {
  if (payload.length < IFADDRMSG_LEN) return null;
  const family = payload[0]!;
  const a = attrMap(parseAttrs(payload, IFADDRMSG_LEN));
  const address = addr(family, a.get(IFA.ADDRESS));
  return {
    family,
    prefixlen: payload[1]!,
    flags: attrUint(a.get(IFA.FLAGS)) ?? payload[2]!,
    scope: payload[3]!,
    index: payload.readUInt32LE(4),
    local: addr(family, a.get(IFA.LOCAL)) ?? address,
    address,
    broadcast: addr(family, a.get(IFA.BROADCAST)),
    label: attrString(a.get(IFA.LABEL)),
  };
}

/** Decodes a route message payload (null when shorter than `rtmsg`). */
export function decodeRoute(payload: Buffer): RouteInfo | null {
  if (payload.length < RTMSG_LEN) return null;
  const family = payload[0]!;
  const a = attrMap(parseAttrs(payload, RTMSG_LEN));
  return {
    family,
    dstLen: payload[1]!,
    srcLen: payload[2]!,
    tos: payload[3]!,
    table: attrUint(a.get(RTA.TABLE)) ?? payload[4]!,
    protocol: payload[5]!,
    scope: payload[6]!,
    type: payload[7]!,
    flags: payload.readUInt32LE(8),
    dst: addr(family, a.get(RTA.DST)),
    src: addr(family, a.get(RTA.SRC)),
    gateway: addr(family, a.get(RTA.GATEWAY)),
    prefsrc: addr(family, a.get(RTA.PREFSRC)),
    oif: attrUint(a.get(RTA.OIF)),
    iif: attrUint(a.get(RTA.IIF)),
    priority: attrUint(a.get(RTA.PRIORITY)),
  };
}

/** A decoded rtnetlink message: what it is and the object it carries. */
export type RtnlEvent =
  | { kind: 'link'; op: 'new' | 'del'; link: LinkInfo }
  | { kind: 'addr'; op: 'new' | 'del'; addr: AddrInfo }
  | { kind: 'route'; op: 'new' | 'del'; route: RouteInfo };

/** Decodes a link, address or route message; null for other types or a short payload. */
export function decodeRtnl(m: Pick<NlMessage, 'type' | 'payload'>): RtnlEvent | null {
  switch (m.type) {
    case RTM.NEWLINK:
    case RTM.DELLINK: {
      const link = decodeLink(m.payload);
      return link && { kind: 'link', op: m.type === RTM.NEWLINK ? 'new' : 'del', link };
    }
    case RTM.NEWADDR:
    case RTM.DELADDR: {
      const a = decodeAddr(m.payload);
      return a && { kind: 'addr', op: m.type === RTM.NEWADDR ? 'new' : 'del', addr: a };
    }
    case RTM.NEWROUTE:
    case RTM.DELROUTE: {
      const route = decodeRoute(m.payload);
      return route && { kind: 'route', op: m.type === RTM.NEWROUTE ? 'new' : 'del', route };
    }
    default:
      return null;
  }
}

/** RTM_GETLINK dump request (all links). */
export function buildGetLinkDump(seq: number): Buffer {
  return encodeMessage(
    { type: RTM.GETLINK, flags: NLM_F_REQUEST | NLM_F_DUMP, seq },
    Buffer.alloc(IFINFOMSG_LEN),
  );
}

/** RTM_GETADDR dump request for one family (AF_UNSPEC = all). */
export function buildGetAddrDump(seq: number, family = AF_UNSPEC): Buffer {
  const p = Buffer.alloc(IFADDRMSG_LEN);
  p[0] = family;
  return encodeMessage({ type: RTM.GETADDR, flags: NLM_F_REQUEST | NLM_F_DUMP, seq }, p);
}

/** RTM_GETROUTE dump request for one family (AF_UNSPEC = all; every table). */
export function buildGetRouteDump(seq: number, family = AF_UNSPEC): Buffer {
  const p = Buffer.alloc(RTMSG_LEN);
  p[0] = family;
  return encodeMessage({ type: RTM.GETROUTE, flags: NLM_F_REQUEST | NLM_F_DUMP, seq }, p);
}
