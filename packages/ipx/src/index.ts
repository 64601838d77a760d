/**
 * @netstat-ts/ipx: IPX sockets (/proc/net/ipx/socket) and the IPX routing table
 * (/proc/net/ipx/route, /proc/net/ipx_route) as net-tools 2.10 netstat shows them, with the
 * port byte order and the stale uid corrected (see README). Library API (one-pass scanners over
 * bytes or a streamed file, parsers, row builders, formatters) and the FamilyPlugin (default export).
 */

/** C `isspace` in the C locale (shared from @netstat-ts/core; re-exported under this package's name). */
export {
  type IpxAddress,
  type IpxNode,
  ipxNetworkText,
  ipxNodeHex,
  isZeroNode,
  parseIpxAddress,
  parseIpxNode,
} from './address.js';
export type { CLine } from './cscan.js';
export {
  IPX_ROUTE_LINE_READ,
  type IpxRouteParse,
  type IpxRouteRow,
  parseIpxRoutes,
  scanIpxRoutes,
} from './ipx-route.js';
export {
  default,
  default as plugin,
  IPX_ROUTE_FILES,
  ipxRoutes,
  ipxSockets,
  PROC_NET_IPX,
  PROC_NET_IPX_SOCKET,
} from './plugin.js';
export {
  IPX_DESTINATION_PORT_ERROR,
  IPX_SOCKET_LINE_READ,
  IPX_SOURCE_PORT_ERROR,
  type IpxEndpoint,
  type IpxSocketParse,
  type IpxSocketRecord,
  type LineDiagnostic,
  parseIpxSockets,
  scanIpxSockets,
} from './proc-net-ipx.js';
export {
  formatIpxRouteRow,
  formatIpxSocketRow,
  IPX_ROUTES_HEADER,
  IPX_ROUTES_MISSING,
  IPX_ROUTES_TITLE,
  IPX_SOCKETS_TITLE,
  type IpxSocketRow,
  ipxSocketRow,
  ipxSocketsHeader,
  ipxStateName,
} from './render.js';
