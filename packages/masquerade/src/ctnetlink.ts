import { formatIPv4, formatIPv6 } from '@netstat-ts/core';
import { type ConntrackEntry, type ConntrackTuple, emptyTuple } from './conntrack.js';

/**
 * ctnetlink (NETLINK_NETFILTER, subsystem CTNETLINK) as pure code: the dump request and the
 * decoder of the kernel's IPCTNL_MSG_CT_NEW answers into {@link ConntrackEntry}. Layout from
 * the kernel's uapi headers `linux/netlink.h`, `linux/netfilter/nfnetlink.h` and
 * `linux/netfilter/nfnetlink_conntrack.h`; attribute values are big-endian (network order).
 * No socket here: the transport is the native layer's.
 */

/** NETLINK_NETFILTER, the protocol of the socket. */
export const NETLINK_NETFILTER = 12;
/** NFNL_SUBSYS_CTNETLINK << 8 | IPCTNL_MSG_CT_GET: the dump request's type. */
export const CT_GET = (1 << 8) | 1;
/** NFNL_SUBSYS_CTNETLINK << 8 | IPCTNL_MSG_CT_NEW: the type of every entry of the answer. */
export const CT_NEW = (1 << 8) | 0;
const NLM_F_REQUEST = 0x1;
const NLM_F_DUMP = 0x300;
const NLMSG_HDRLEN = 16;
const NFGENMSG_LEN = 4;
const NLA_TYPE_MASK = 0x3fff;

/** CTA_* attribute numbers of an entry. */
export const CTA = {
  TUPLE_ORIG: 1,
  TUPLE_REPLY: 2,
  STATUS: 3,
  PROTOINFO: 4,
  TIMEOUT: 7,
  MARK: 8,
  COUNTERS_ORIG: 9,
  COUNTERS_REPLY: 10,
  USE: 11,
  ID: 12,
  ZONE: 18,
  SECCTX: 19,
  TIMESTAMP: 20,
} as const;

/** ip_conntrack_status bits used here (`nf_conntrack_common.h`). */
export const IPS = {
  SEEN_REPLY: 1 << 1,
  ASSURED: 1 << 2,
  SRC_NAT: 1 << 4,
  DST_NAT: 1 << 5,
  OFFLOAD: 1 << 14,
  HW_OFFLOAD: 1 << 15,
} as const;

const TCP_STATES = [
  'NONE',
  'SYN_SENT',
  'SYN_RECV',
  'ESTABLISHED',
  'FIN_WAIT',
  'CLOSE_WAIT',
  'LAST_ACK',
  'TIME_WAIT',
  'CLOSE',
  'SYN_SENT2',
];
const SCTP_STATES = [
  'NONE',
  'CLOSED',
  'COOKIE_WAIT',
  'COOKIE_ECHOED',
  'ESTABLISHED',
  'SHUTDOWN_SENT',
  'SHUTDOWN_RECD',
  'SHUTDOWN_ACK_SENT',
  'HEARTBEAT_SENT',
  'HEARTBEAT_ACKED',
];
const DCCP_STATES = [
  'NONE',
  'REQUEST',
  'RESPOND',
  'PARTOPEN',
  'OPEN',
  'CLOSEREQ',
  'CLOSING',
  'TIMEWAIT',
  'IGNORE',
  'INVALID',
];

/** The kernel's protocol names (`l4proto->name` as /proc/net/nf_conntrack prints them). */
export const CT_PROTOCOL_NAMES: Readonly<Record<number, string>> = {
  1: 'icmp',
  6: 'tcp',
  17: 'udp',
  33: 'dccp',
  47: 'gre',
  58: 'icmpv6',
  132: 'sctp',
  136: 'udplite',
};

/**
 * The dump request: nlmsghdr (REQUEST|DUMP) + nfgenmsg. `family` 0 (AF_UNSPEC) dumps IPv4 and
 * IPv6, 2 or 10 only one of them.
 */
export function ctDumpRequest(seq = 1, family = 0): Buffer {
  const b = Buffer.alloc(NLMSG_HDRLEN + NFGENMSG_LEN);
  b.writeUInt32LE(b.length, 0);
  b.writeUInt16LE(CT_GET, 4);
  b.writeUInt16LE(NLM_F_REQUEST | NLM_F_DUMP, 6);
  b.writeUInt32LE(seq >>> 0, 8);
  b.writeUInt32LE(0, 12);
  b[16] = family;
  b[17] = 0; // NFNETLINK_V0
  b.writeUInt16BE(0, 18); // res_id
  return b;
}

/** Calls `each(type, start, end)` for every attribute in `b[start, end)`; false when malformed. */
function attrs(
  b: Buffer,
  start: number,
  end: number,
  each: (type: number, s: number, e: number) => void,
): boolean {
  let p = start;
  while (p + 4 <= end) {
    const len = b.readUInt16LE(p);
    if (len < 4 || p + len > end) return false;
    each(b.readUInt16LE(p + 2) & NLA_TYPE_MASK, p + 4, p + len);
    p += (len + 3) & ~3;
  }
  return true;
}

function u8(b: Buffer, s: number, e: number): number | null {
  return e - s >= 1 ? b[s]! : null;
}
function be16(b: Buffer, s: number, e: number): number | null {
  return e - s >= 2 ? b.readUInt16BE(s) : null;
}
function be32(b: Buffer, s: number, e: number): number | null {
  return e - s >= 4 ? b.readUInt32BE(s) : null;
}
function be64(b: Buffer, s: number, e: number): number | null {
  if (e - s >= 8) return Number(b.readBigUInt64BE(s));
  return be32(b, s, e);
}

function decodeTuple(b: Buffer, s: number, e: number, t: ConntrackTuple, ctx: { protonum: number }): boolean {
  return attrs(b, s, e, (type, as, ae) => {
    if (type === 1)
      // CTA_TUPLE_IP
      attrs(b, as, ae, (it, is, ie) => {
        const v4 = ie - is >= 4 ? formatIPv4(b.readUInt32BE(is)) : '';
        const v6 = ie - is >= 16 ? formatIPv6(new Uint8Array(b.subarray(is, is + 16))) : '';
        if (it === 1) t.src = v4;
        else if (it === 2) t.dst = v4;
        else if (it === 3) t.src = v6;
        else if (it === 4) t.dst = v6;
      });
    else if (type === 2)
      // CTA_TUPLE_PROTO
      attrs(b, as, ae, (pt, ps, pe) => {
        if (pt === 1) ctx.protonum = u8(b, ps, pe) ?? ctx.protonum;
        else if (pt === 2) t.sport = be16(b, ps, pe);
        else if (pt === 3) t.dport = be16(b, ps, pe);
        else if (pt === 4 || pt === 7) t.icmpId = be16(b, ps, pe);
        else if (pt === 5 || pt === 8) t.icmpType = u8(b, ps, pe);
        else if (pt === 6 || pt === 9) t.icmpCode = u8(b, ps, pe);
      });
    else if (type === 3) t.zone = be16(b, as, ae); // CTA_TUPLE_ZONE
  });
}

function decodeCounters(b: Buffer, s: number, e: number, t: ConntrackTuple): void {
  attrs(b, s, e, (type, as, ae) => {
    if (type === 1 || type === 3) t.packets = be64(b, as, ae);
    else if (type === 2 || type === 4) t.bytes = be64(b, as, ae);
  });
}

/** The result of decoding one netlink message. */
export type CtMessage =
  | { kind: 'entry'; entry: ConntrackEntry }
  | { kind: 'done' }
  | { kind: 'error'; errno: number }
  | { kind: 'skip'; reason: string };

/**
 * Decodes one netlink message (header included) of a ctnetlink dump: an entry, the end of the
 * dump, a kernel error (positive errno), or a message that is not an entry. Never throws.
 */
export function decodeCtMessage(msg: Buffer): CtMessage {
  if (msg.length < NLMSG_HDRLEN) return { kind: 'skip', reason: 'short message' };
  const len = Math.min(msg.readUInt32LE(0), msg.length);
  const type = msg.readUInt16LE(4);
  if (type === 3) return { kind: 'done' }; // NLMSG_DONE
  if (type === 2) {
    // NLMSG_ERROR: int error (negative errno), then the request.
    const err = len >= 20 ? msg.readInt32LE(16) : -5;
    return err === 0 ? { kind: 'done' } : { kind: 'error', errno: -err };
  }
  if (type !== CT_NEW) return { kind: 'skip', reason: `message type ${type}` };
  if (len < NLMSG_HDRLEN + NFGENMSG_LEN) return { kind: 'skip', reason: 'short entry' };
  const family = msg[16]!;
  const ctx = { protonum: -1 };
  const e: ConntrackEntry = {
    l3: family === 2 ? 'ipv4' : family === 10 ? 'ipv6' : String(family),
    protocol: '',
    protonum: 0,
    timeout: null,
    state: null,
    original: emptyTuple(),
    reply: emptyTuple(),
    flags: [],
    mark: null,
    zone: null,
    secctx: null,
    deltaTime: null,
    use: null,
    status: null,
    id: null,
  };
  let protoState: number | null = null;
  let protoInfo = 0;
  const ok = attrs(msg, NLMSG_HDRLEN + NFGENMSG_LEN, len, (t, s, end) => {
    switch (t) {
      case CTA.TUPLE_ORIG:
        decodeTuple(msg, s, end, e.original, ctx);
        break;
      case CTA.TUPLE_REPLY:
        decodeTuple(msg, s, end, e.reply, ctx);
        break;
      case CTA.STATUS:
        e.status = be32(msg, s, end);
        break;
      case CTA.PROTOINFO:
        attrs(msg, s, end, (pt, ps, pe) => {
          protoInfo = pt;
          attrs(msg, ps, pe, (st, ss, se) => {
            if (st === 1) protoState = u8(msg, ss, se);
          });
        });
        break;
      case CTA.TIMEOUT:
        e.timeout = be32(msg, s, end);
        break;
      case CTA.MARK:
        e.mark = be32(msg, s, end);
        break;
      case CTA.COUNTERS_ORIG:
        decodeCounters(msg, s, end, e.original);
        break;
      case CTA.COUNTERS_REPLY:
        decodeCounters(msg, s, end, e.reply);
        break;
      case CTA.USE:
        e.use = be32(msg, s, end);
        break;
      case CTA.ID:
        e.id = be32(msg, s, end);
        break;
      case CTA.ZONE:
        e.zone = be16(msg, s, end);
        break;
      case CTA.SECCTX:
        attrs(msg, s, end, (ct, cs, ce) => {
          if (ct === 1) e.secctx = msg.toString('latin1', cs, ce).replace(/\0.*$/s, '');
        });
        break;
    }
  });
  if (!ok) return { kind: 'skip', reason: 'malformed attributes' };
  if (!e.original.src || !e.original.dst || !e.reply.src || !e.reply.dst)
    return { kind: 'skip', reason: 'entry without both tuples' };
  e.protonum = Math.max(0, ctx.protonum);
  e.protocol = CT_PROTOCOL_NAMES[e.protonum] ?? 'unknown';
  const names =
    protoInfo === 1 ? TCP_STATES : protoInfo === 2 ? DCCP_STATES : protoInfo === 3 ? SCTP_STATES : null;
  if (names && protoState !== null) e.state = names[protoState] ?? String(protoState);
  if (e.status !== null) {
    if (e.status & IPS.HW_OFFLOAD) e.flags.push('HW_OFFLOAD');
    else if (e.status & IPS.OFFLOAD) e.flags.push('OFFLOAD');
    else if (e.status & IPS.ASSURED) e.flags.push('ASSURED');
    if (!(e.status & IPS.SEEN_REPLY)) e.flags.unshift('UNREPLIED');
  }
  return { kind: 'entry', entry: e };
}

/**
 * Splits received datagrams (each holding one or more netlink messages, 4-byte aligned) into
 * messages. Used for byte fixtures saved as concatenated datagrams.
 */
export function splitNetlinkMessages(data: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let p = 0;
  while (p + NLMSG_HDRLEN <= data.length) {
    const len = data.readUInt32LE(p);
    if (len < NLMSG_HDRLEN || p + len > data.length) break;
    out.push(data.subarray(p, p + len));
    p += (len + 3) & ~3;
  }
  return out;
}
