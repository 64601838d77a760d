/**
 * Netlink and rtnetlink constants (values from the Linux UAPI headers `linux/netlink.h`,
 * `linux/rtnetlink.h`, `linux/if_link.h`, `linux/if_addr.h`; stable kernel ABI).
 */

/** Address families used in netlink payloads. */
export const AF_UNSPEC = 0;
/** IPv4. */
export const AF_INET = 2;
/** IPv6. */
export const AF_INET6 = 10;
/** Netlink. */
export const AF_NETLINK = 16;

/** Netlink protocols (the third argument of `socket(AF_NETLINK, …)`). */
export const NETLINK = {
  ROUTE: 0,
  UNUSED: 1,
  USERSOCK: 2,
  FIREWALL: 3,
  SOCK_DIAG: 4,
  NFLOG: 5,
  XFRM: 6,
  SELINUX: 7,
  ISCSI: 8,
  AUDIT: 9,
  FIB_LOOKUP: 10,
  CONNECTOR: 11,
  NETFILTER: 12,
  IP6_FW: 13,
  DNRTMSG: 14,
  KOBJECT_UEVENT: 15,
  GENERIC: 16,
  SCSITRANSPORT: 18,
  ECRYPTFS: 19,
  RDMA: 20,
  CRYPTO: 21,
  SMC: 22,
} as const;

/** Socket option level of netlink options (`SOL_NETLINK`). */
export const SOL_NETLINK = 270;
/** Netlink socket options. */
export const NETLINK_ADD_MEMBERSHIP = 1;
/** Leave a multicast group. */
export const NETLINK_DROP_MEMBERSHIP = 2;
/** Extended ACK reporting. */
export const NETLINK_EXT_ACK = 11;

/** Control message types. */
export const NLMSG_NOOP = 1;
/** An error or (error 0) an acknowledgement; payload: int error, then the request's header. */
export const NLMSG_ERROR = 2;
/** End of a multipart message (a dump). */
export const NLMSG_DONE = 3;
/** Data lost. */
export const NLMSG_OVERRUN = 4;
/** Size of `struct nlmsghdr`. */
export const NLMSG_HDRLEN = 16;

/** Flags of `nlmsghdr.nlmsg_flags`. */
export const NLM_F_REQUEST = 0x1;
/** Part of a multipart message, ended by NLMSG_DONE. */
export const NLM_F_MULTI = 0x2;
/** Ask for an acknowledgement. */
export const NLM_F_ACK = 0x4;
/** Echo this request. */
export const NLM_F_ECHO = 0x8;
/** The dump was interrupted by a change: its data may be inconsistent; dump again. */
export const NLM_F_DUMP_INTR = 0x10;
/** GET modifiers. */
export const NLM_F_ROOT = 0x100;
/** Return all matching. */
export const NLM_F_MATCH = 0x200;
/** A dump: NLM_F_ROOT | NLM_F_MATCH. */
export const NLM_F_DUMP = 0x300;
/** NEW modifiers. */
export const NLM_F_REPLACE = 0x100;
/** Do not touch if it exists. */
export const NLM_F_EXCL = 0x200;
/** Create if it does not exist. */
export const NLM_F_CREATE = 0x400;
/** Add to the end of the list. */
export const NLM_F_APPEND = 0x800;

/** Attribute type bits that are flags, not part of the type. */
export const NLA_F_NESTED = 0x8000;
/** The attribute's payload is in network byte order. */
export const NLA_F_NET_BYTEORDER = 0x4000;
/** Mask of the attribute type proper. */
export const NLA_TYPE_MASK = 0x3fff;

/** rtnetlink message types. */
export const RTM = {
  NEWLINK: 16,
  DELLINK: 17,
  GETLINK: 18,
  SETLINK: 19,
  NEWADDR: 20,
  DELADDR: 21,
  GETADDR: 22,
  NEWROUTE: 24,
  DELROUTE: 25,
  GETROUTE: 26,
  NEWNEIGH: 28,
  DELNEIGH: 29,
  GETNEIGH: 30,
  NEWRULE: 32,
  DELRULE: 33,
  GETRULE: 34,
} as const;

/** Legacy rtnetlink multicast group bits (for `sockaddr_nl.nl_groups`). */
export const RTMGRP = {
  LINK: 0x1,
  NOTIFY: 0x2,
  NEIGH: 0x4,
  TC: 0x8,
  IPV4_IFADDR: 0x10,
  IPV4_MROUTE: 0x20,
  IPV4_ROUTE: 0x40,
  IPV4_RULE: 0x80,
  IPV6_IFADDR: 0x100,
  IPV6_MROUTE: 0x200,
  IPV6_ROUTE: 0x400,
  IPV6_IFINFO: 0x800,
} as const;

/** `struct ifinfomsg` size (family, pad, type u16, index i32, flags u32, change u32). */
export const IFINFOMSG_LEN = 16;
/** `struct ifaddrmsg` size (family, prefixlen, flags, scope, index u32). */
export const IFADDRMSG_LEN = 8;
/** `struct rtmsg` size. */
export const RTMSG_LEN = 12;
/** `struct nfgenmsg` size (family, version, res_id big-endian u16). */
export const NFGENMSG_LEN = 4;

/** Link attributes (IFLA_*). */
export const IFLA = {
  ADDRESS: 1,
  BROADCAST: 2,
  IFNAME: 3,
  MTU: 4,
  LINK: 5,
  QDISC: 6,
  STATS: 7,
  MASTER: 10,
  TXQLEN: 13,
  MAP: 14,
  OPERSTATE: 16,
  LINKMODE: 17,
  LINKINFO: 18,
  IFALIAS: 20,
  STATS64: 23,
  GROUP: 27,
  CARRIER: 33,
} as const;

/** Nested attributes of IFLA_LINKINFO. */
export const IFLA_INFO = { KIND: 1, DATA: 2 } as const;

/** Address attributes (IFA_*). */
export const IFA = {
  ADDRESS: 1,
  LOCAL: 2,
  LABEL: 3,
  BROADCAST: 4,
  ANYCAST: 5,
  CACHEINFO: 6,
  MULTICAST: 7,
  FLAGS: 8,
} as const;

/** Route attributes (RTA_*). */
export const RTA = {
  DST: 1,
  SRC: 2,
  IIF: 3,
  OIF: 4,
  GATEWAY: 5,
  PRIORITY: 6,
  PREFSRC: 7,
  METRICS: 8,
  MULTIPATH: 9,
  FLOW: 11,
  TABLE: 15,
  PREF: 20,
  VIA: 18,
} as const;

/** Operational states (IFLA_OPERSTATE, RFC 2863), by value. */
export const OPERSTATES = [
  'unknown',
  'notpresent',
  'down',
  'lowerlayerdown',
  'testing',
  'dormant',
  'up',
] as const;

/** Route table ids with names (`/etc/iproute2/rt_tables` defaults). */
export const RT_TABLE_NAMES: Record<number, string> = {
  0: 'unspec',
  253: 'default',
  254: 'main',
  255: 'local',
};

/** Route protocols with names (`rtm_protocol`, iproute2's defaults). */
export const RTPROT_NAMES: Record<number, string> = {
  0: 'unspec',
  1: 'redirect',
  2: 'kernel',
  3: 'boot',
  4: 'static',
  8: 'gated',
  9: 'ra',
  10: 'mrt',
  11: 'zebra',
  12: 'bird',
  13: 'dnrouted',
  14: 'xorp',
  15: 'ntk',
  16: 'dhcp',
  17: 'mrouted',
  18: 'keepalived',
  42: 'babel',
  99: 'openr',
  186: 'bgp',
  187: 'isis',
  188: 'ospf',
  189: 'rip',
  192: 'eigrp',
};

/** Route types (`rtm_type`), by value. */
export const RTN_NAMES = [
  'unspec',
  'unicast',
  'local',
  'broadcast',
  'anycast',
  'multicast',
  'blackhole',
  'unreachable',
  'prohibit',
  'throw',
  'nat',
  'xresolve',
] as const;

/** Route scopes (`rtm_scope`, `ifa_scope`) with names. */
export const RT_SCOPE_NAMES: Record<number, string> = {
  0: 'global',
  200: 'site',
  253: 'link',
  254: 'host',
  255: 'nowhere',
};

/**
 * Short names of netlink protocols (index = protocol number): the kernel's `NETLINK_*` names in
 * lower case, except `rtnl` (NETLINK_ROUTE) and `nfnetlink` (NETLINK_NETFILTER), the names the
 * kernel's own subsystems use.
 */
export const NETLINK_PROTOCOL_NAMES: Record<number, string> = {
  0: 'rtnl',
  1: 'unused',
  2: 'usersock',
  3: 'firewall',
  4: 'sock_diag',
  5: 'nflog',
  6: 'xfrm',
  7: 'selinux',
  8: 'iscsi',
  9: 'audit',
  10: 'fib_lookup',
  11: 'connector',
  12: 'nfnetlink',
  13: 'ip6_fw',
  14: 'dnrtmsg',
  15: 'kobject_uevent',
  16: 'generic',
  18: 'scsitransport',
  19: 'ecryptfs',
  20: 'rdma',
  21: 'crypto',
  22: 'smc',
};
