/**
 * @netstat-ts/x25: X.25 sockets (2.4-era /proc/net/x25) and the X.25 routing table
 * (/proc/net/x25/route or /proc/net/x25_routes) as net-tools 2.10 netstat shows them.
 * Library API (parsers, one-pass scanners of streamed files, row types, formatters) and the
 * FamilyPlugin (default export).
 */

/** C `isspace` in the C locale (shared from @netstat-ts/core; re-exported under this package's name). */
export {
  default,
  default as plugin,
  PROC_NET_X25,
  X25_ROUTE_FILES,
  x25Routes,
  x25Sockets,
} from './plugin.js';
export {
  parseProcNetX25,
  scanProcNetX25,
  X25_STATES,
  type X25LineDiagnostic,
  type X25SocketParse,
  type X25SocketRecord,
  x25StateName,
} from './proc-net-x25.js';
export {
  formatX25RouteRow,
  formatX25SocketRow,
  isX25Shown,
  X25_ROUTES_HEADER,
  X25_ROUTES_MISSING,
  X25_ROUTES_TITLE,
  X25_SOCKETS_HEADER,
  X25_SOCKETS_TITLE,
  type X25RouteRow,
  type X25SocketRow,
} from './render.js';
export { parseX25Routes, scanX25Route, type X25RouteParse, type X25RouteRecord } from './x25-route.js';
