/**
 * @netstat-ts/ddp: the AppleTalk DDP routing table (/proc/net/atalk_route) as net-tools 2.10
 * netstat shows it (`-r -A ddp`), and the DDP sockets of /proc/net/appletalk (`--ddp`, an
 * addition: 2.10 has no DDP socket listing). Library API (one-pass scanners over bytes or a
 * streamed file, parsers, flag decoder, formatters) and the FamilyPlugin (default export).
 */

export {
  ATALK_FLAG_LETTERS,
  type AtalkRouteParse,
  type AtalkToken,
  atalkFlagsText,
  atalkTokens,
  type DdpRouteRow,
  PROC_NET_ATALK_ROUTE,
  parseAtalkRoutes,
  scanAtalkRoutes,
} from './atalk-route.js';
export { ddpRoutes, ddpSockets, default, default as plugin } from './plugin.js';
export {
  type AtalkAddress,
  BOGUS_DDP_LINE,
  type DdpSocketParse,
  type DdpSocketRecord,
  PROC_NET_APPLETALK,
  parseProcNetAppletalk,
  scanProcNetAppletalk,
} from './proc-net-appletalk.js';
export {
  DDP_NOT_CONFIGURED,
  DDP_ROUTES_HEADER,
  DDP_SOCKETS_TITLE,
  type DdpSocketRow,
  ddpOpenError,
  ddpSocketRow,
  ddpSocketsHeader,
  ddpStateName,
  ddpTypeName,
  formatDdpRouteRow,
  formatDdpSocketRow,
} from './render.js';
