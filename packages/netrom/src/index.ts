/**
 * @netstat-ts/netrom: NET/ROM sockets (/proc/net/nr) and the NET/ROM routing table
 * (/proc/net/nr_nodes + nr_neigh) as net-tools 2.10 netstat shows them. Library API (parsers,
 * one-pass scanners of streamed files, row builders, formatters) and the FamilyPlugin (default
 * export).
 */

export {
  type NetromNeighbour,
  type NetromNodeRecord,
  PROC_NET_NR_NEIGH,
  PROC_NET_NR_NODES,
  parseNrNeigh,
  parseNrNodes,
  scanNrNeigh,
  scanNrNodes,
} from './nr-route.js';
export { default, default as plugin, netromRoutes, netromSockets } from './plugin.js';
export {
  type LineDiagnostic,
  type NetromParseResult,
  type NetromSocketRecord,
  NR_PROBLEM,
  PROC_NET_NR,
  parseProcNetNr,
  scanProcNetNr,
} from './proc-net-nr.js';
export {
  formatNetromRouteRow,
  formatNetromSocketRow,
  NETROM_NOT_CONFIGURED,
  NETROM_ROUTES_HEADER,
  NETROM_SOCKETS_HEADER,
  type NetromRouteRow,
  type NetromSocketRow,
  netromRouteRows,
  netromSocketRow,
  netromStateName,
} from './render.js';
