/**
 * @netstat-ts/masquerade: `netstat -M`, the Linux 2.2 /proc/net/ip_masquerade table as
 * net-tools 2.10 netstat shows it, and on later kernels the masqueraded connections of the
 * connection tracker (ctnetlink, /proc/net/nf_conntrack, saved `conntrack -L` listings). Library
 * API (parsers, ctnetlink codec, row builders, formatters) and the FamilyPlugin (default export).
 */

export {
  type ConntrackEntry,
  type ConntrackTuple,
  emptyTuple,
  IPS_DST_NAT,
  IPS_SRC_NAT,
  type NatKind,
  natKind,
} from './conntrack.js';
export { conntrackSections, sourceReport } from './conntrack-plugin.js';
export { CtRecord } from './conntrack-record.js';
export {
  type ConntrackRow,
  type ConntrackSourceName,
  conntrackRow,
  DNAT_TITLE,
  formatConntrackRow,
  listed,
} from './conntrack-render.js';
export {
  type ConntrackRead,
  type ConntrackSink,
  type CtnetlinkOpener,
  type CtnetlinkPlan,
  type CtnetlinkTransport,
  NF_CONNTRACK_MAX,
  openCtnetlink,
  PROC_NET_NF_CONNTRACK,
  readConntrack,
  readConntrackFrom,
  SAVED_LISTINGS,
  type SourceAttempt,
} from './conntrack-sources.js';
export {
  addressText,
  type ConntrackLine,
  ConntrackRecordScanner,
  ConntrackScanner,
  MAX_LINE,
  MAX_SKIPPED_KEPT,
  parseConntrackBytes,
  parseConntrackLine,
  parseConntrackText,
  recordEntry,
  type SkippedLine,
} from './conntrack-text.js';
export { recordNatKind, writeSnatRecord } from './conntrack-writer.js';
export {
  CT_GET,
  CT_NEW,
  CT_PROTOCOL_NAMES,
  CTA,
  type CtMessage,
  ctDumpRequest,
  decodeCtMessage,
  IPS,
  NETLINK_NETFILTER,
  splitNetlinkMessages,
} from './ctnetlink.js';
export { nativeCtnetlink } from './ctnetlink-native.js';
export {
  default,
  default as plugin,
  type MasqueradeDeps,
  type MasqueradeRow,
  masqueradeSections,
  PROC_NET_IP_MASQUERADE,
} from './plugin.js';
export {
  IpMasqueradeScanner,
  MASQ_ENTRY_MAX,
  MASQ_ERRORS,
  MASQ_PROTOCOLS,
  type MasqEntry,
  type MasqError,
  type MasqParse,
  parseIpMasquerade,
  scanIpMasquerade,
} from './proc-net-ip-masquerade.js';
export {
  expireText,
  formatMasqRow,
  MASQ_HEADER,
  MASQ_HEADER_EXTENDED,
  MASQ_TITLE,
  type MasqNaming,
  type MasqRow,
  masqPortText,
  masqRow,
} from './render.js';
export type { ScannedNumber } from './scanf.js';
