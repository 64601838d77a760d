/**
 * @netstat-ts/ddp: the AppleTalk DDP routing table (/proc/net/atalk_route) as net-tools 2.10
 * netstat shows it (`-r -A ddp`). 2.10 has no DDP socket listing. Library API (parser, flag
 * decoder, formatter) and the FamilyPlugin (default export).
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
} from './atalk-route.js';
export { ddpRoutes, default, default as plugin } from './plugin.js';
export { DDP_NOT_CONFIGURED, DDP_ROUTES_HEADER, ddpOpenError, formatDdpRouteRow } from './render.js';
