/**
 * `@netstat-ts/statistics`: protocol statistics (`netstat -s`) from /proc/net/snmp, netstat,
 * snmp6 and sctp/snmp, byte-identical to net-tools 2.10. The parsers, tables and printer are
 * exported for library use.
 */
export {
  default,
  default as plugin,
  partSections,
  statistics,
  statisticsFamily,
  statisticsFlags,
  streamedSections,
} from './plugin.js';
export {
  CounterPrinter,
  type Emission,
  type EmissionSink,
  emission,
  emitError,
  type IndentState,
  type OpenTable,
  type OutputLine,
  type StatisticsRow,
} from './render.js';
export {
  ipv4Run,
  ipv4Steps,
  ipv6Run,
  ipv6Steps,
  type StatisticsFlags,
  type StatisticsPart,
  type StatisticsStep,
  StepStarts,
  stepStarts,
} from './run.js';
export { jsonValue } from './scan.js';
export { parseSctpSnmp, scanSctpLine, scanSctpSnmp } from './sctp-snmp.js';
export {
  type Counter,
  PAIR_LINE_MAX,
  type PairParse,
  type PairScanOptions,
  type PairSection,
  pairCounters,
  parsePairs,
  scanPairs,
} from './snmp.js';
export { parseSnmp6, type Snmp6Group, scanSnmp6, snmp6Title } from './snmp6.js';
export {
  type CounterEntry,
  type CounterKind,
  type CounterTable,
  findCounter,
  type TableFlag,
} from './tables.js';
export {
  ICMP_TABLE,
  IP_TABLE,
  IPV4_TABLES,
  SCTP_TABLE,
  TCP_TABLE,
  TCPEXT_TABLE,
  UDP_TABLE,
} from './tables-ipv4.js';
export { ICMP6_TABLE, IP6_TABLE, IPV6_TABLES, UDP6_TABLE } from './tables-ipv6.js';
