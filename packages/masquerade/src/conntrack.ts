/**
 * The connection tracker's entries, as every conntrack source (/proc/net/nf_conntrack, a saved
 * `conntrack -L` listing, ctnetlink) gives them, and the NAT classification of an entry.
 */

/** One direction of a connection (the kernel's `nf_conntrack_tuple` plus its counters). */
export interface ConntrackTuple {
  /** Source and destination addresses, canonical text (`10.0.0.1`, `fd77:1::2`). */
  src: string;
  dst: string;
  /** Ports (tcp, udp, udplite, dccp, sctp) or GRE keys; null when the protocol has none. */
  sport: number | null;
  dport: number | null;
  /** ICMP/ICMPv6 type and code (null for other protocols). */
  icmpType: number | null;
  icmpCode: number | null;
  /** ICMP/ICMPv6 echo identifier (the "port" NAT rewrites for ICMP). */
  icmpId: number | null;
  /** Packet and byte counters (with `nf_conntrack_acct=1`), null when not shown. */
  packets: number | null;
  bytes: number | null;
  /** Per-direction zone (`zone-orig=`/`zone-reply=`), null when not set. */
  zone: number | null;
}

/** Which way the connection was translated. */
export type NatKind = 'snat' | 'dnat' | 'both' | 'none';

/** A connection tracker entry. */
export interface ConntrackEntry {
  /** Network layer: `ipv4` / `ipv6` (other names as the kernel prints them). */
  l3: string;
  /** Protocol name as the kernel prints it (`tcp`, `udp`, `icmp`, `icmpv6`, `gre`, `sctp`, `unknown` …). */
  protocol: string;
  /** IP protocol number. */
  protonum: number;
  /** Seconds until the entry expires; null for offloaded flows (the kernel prints none). */
  timeout: number | null;
  /** Protocol state (`ESTABLISHED`, `TIME_WAIT`, …) where the protocol has one. */
  state: string | null;
  original: ConntrackTuple;
  reply: ConntrackTuple;
  /** Flags shown in brackets (`UNREPLIED`, `ASSURED`, `OFFLOAD`, `HW_OFFLOAD`). */
  flags: string[];
  mark: number | null;
  /** Zone of the entry (`zone=`), null when the kernel shows none. */
  zone: number | null;
  /** Security context (`secctx=`), null on kernels without it. */
  secctx: string | null;
  /** Seconds since the entry was created (`delta-time=`, with timestamps on). */
  deltaTime: number | null;
  /** Reference count (`use=`). */
  use: number | null;
  /** ctnetlink's status bits (CTA_STATUS), null for text sources. */
  status: number | null;
  /** ctnetlink's entry id (CTA_ID), null for text sources. */
  id: number | null;
}

/** IPS_SRC_NAT (`nf_conntrack_common.h`). */
export const IPS_SRC_NAT = 1 << 4;
/** IPS_DST_NAT. */
export const IPS_DST_NAT = 1 << 5;

/**
 * NAT kind of an entry: source-NAT'd (masqueraded) when the reply's destination is not the
 * original source (address or port), destination-NAT'd when the reply's source is not the
 * original destination. Ports count only where both tuples have them.
 */
export function natKind(e: ConntrackEntry): NatKind {
  const o = e.original;
  const r = e.reply;
  const snat =
    r.dst !== o.src ||
    (r.dport !== null && o.sport !== null && r.dport !== o.sport) ||
    (r.icmpId !== null && o.icmpId !== null && r.icmpId !== o.icmpId);
  const dnat = r.src !== o.dst || (r.sport !== null && o.dport !== null && r.sport !== o.dport);
  return snat ? (dnat ? 'both' : 'snat') : dnat ? 'dnat' : 'none';
}

/** An empty tuple (fields filled in by the parsers). */
export function emptyTuple(): ConntrackTuple {
  return {
    src: '',
    dst: '',
    sport: null,
    dport: null,
    icmpType: null,
    icmpCode: null,
    icmpId: null,
    packets: null,
    bytes: null,
    zone: null,
  };
}
