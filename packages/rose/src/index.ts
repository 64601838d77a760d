/**
 * @netstat-ts/rose: ROSE sockets (/proc/net/rose) and the ROSE routing table
 * (/proc/net/rose_nodes + rose_neigh) as net-tools 2.10 netstat shows them. Library API
 * (parsers, one-pass scanners of streamed files, row builders, formatters) and the FamilyPlugin
 * (default export).
 */

export { default, default as plugin, roseRoutes, roseSockets } from './plugin.js';
export {
  type LineDiagnostic,
  PROC_NET_ROSE,
  parseProcNetRose,
  ROSE_PROBLEM,
  type RoseParseResult,
  type RoseSocketRecord,
  scanProcNetRose,
} from './proc-net-rose.js';
export {
  formatRoseRouteRow,
  formatRoseSocketRow,
  ROSE_NOT_CONFIGURED,
  ROSE_ROUTES_HEADER,
  ROSE_SOCKETS_HEADER,
  type RoseRouteRow,
  type RoseSocketRow,
  roseRouteRows,
  roseSocketRow,
  roseStateName,
} from './render.js';
export {
  PROC_NET_ROSE_NEIGH,
  PROC_NET_ROSE_NODES,
  parseRoseNeigh,
  parseRoseNodes,
  type RoseNeighbour,
  type RoseNodeRecord,
  scanRoseNeigh,
  scanRoseNodes,
} from './rose-route.js';
