/**
 * @netstat-ts/inet: Internet sockets (tcp, udp, udplite, raw, sctp; IPv4 and IPv6) and multicast
 * group memberships, as a library (parsers, row types, renderers) and as a netstat-ts plugin.
 */
export {
  ownerOf,
  rowTail,
  sctpStateName,
  type TailSettings,
  TCP_STATES,
  tcpStateName,
  timerText,
  udpStateName,
  userText,
} from './columns.js';
export { GROUPS_HEADER, type GroupRow, groupHost, groupRow, inetGroups, renderGroup } from './groups.js';
export { internetHeader } from './header.js';
export {
  copyGroupState,
  GROUP_PIECE,
  type GroupParse,
  type GroupReaderState,
  type GroupRecord,
  newGroupState,
  parseGroups,
  scanGroups,
} from './igmp.js';
export { dnsCandidates, endpointText, InetNamer } from './names.js';
export { default, default as plugin } from './plugin.js';
export {
  copyIpRecord,
  type IpProto,
  type IpSocketRecord,
  type IpTableParse,
  type LineDiagnostic,
  parseIpTable,
  scanIpTable,
} from './proc-net-ip.js';
export {
  hostOf,
  type IpRowSettings,
  ipRowWriter,
  isShown,
  protoLabel,
  putTail,
  renderIpRow,
  type Selection,
  serviceProto,
} from './render-ip.js';
export {
  renderSctpAssoc,
  renderSctpEndpoint,
  type SctpAddressJson,
  type SctpAssocRow,
  type SctpEndpointRow,
  sctpAssocRow,
  sctpEndpointRow,
  sctpHost,
  sctpPort,
} from './render-sctp.js';
export { type EndpointJson, type InetSocketRow, ipRow, type JsonU64, type OwnerJson } from './rows.js';
export type { U64 } from './scan.js';
export {
  inetAton,
  parseSctpAssocs,
  parseSctpEps,
  SCTP_PIECE,
  type SctpAddress,
  type SctpAssocRecord,
  type SctpEndpointRecord,
  type SctpParse,
  scanSctpAssocs,
  scanSctpEps,
  sctpAddress,
} from './sctp.js';
export {
  type FileSection,
  fileSection,
  parsedSource,
  type RecordSource,
  type SectionHead,
} from './section.js';
export { type InetRow, inetSockets, isSctpRow, protocolActive } from './sockets.js';
