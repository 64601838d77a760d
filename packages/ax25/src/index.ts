/**
 * @netstat-ts/ax25: AX.25 sockets (/proc/net/ax25) and the AX.25 routing table
 * (/proc/net/ax25_route) as net-tools 2.10 netstat shows them. Library API (parsers, row
 * builders, formatters) and the FamilyPlugin (default export).
 */

export { type Ax25RouteRecord, PROC_NET_AX25_ROUTE, parseAx25Route, scanAx25Route } from './ax25-route.js';
export { ax25Routes, ax25Sockets, default, default as plugin } from './plugin.js';
export {
  type Ax25ParseResult,
  type Ax25SocketRecord,
  ax25Problem,
  type LineDiagnostic,
  PROC_NET_AX25,
  parseProcNetAx25,
  scanProcNetAx25,
} from './proc-net-ax25.js';
export {
  AX25_NOT_CONFIGURED,
  AX25_ROUTES_HEADER,
  AX25_SOCKETS_HEADER,
  type Ax25RouteRow,
  type Ax25SocketRow,
  ax25SocketRow,
  ax25StateName,
  formatAx25RouteRow,
  formatAx25SocketRow,
} from './render.js';
