/**
 * @netstat-ts/unix: UNIX domain sockets (/proc/net/unix) as net-tools 2.10 netstat shows them.
 * Library API (parser, row builder, formatters) and the FamilyPlugin (default export).
 */

export { default, default as plugin, PROC_NET_UNIX, unixSockets } from './plugin.js';
export {
  BOGUS_UNIX_LINE,
  joinedNameFeed,
  joinNameContinuations,
  type LineDiagnostic,
  parseProcNetUnix,
  scanProcNetUnix,
  type UnixLineScan,
  type UnixParseResult,
  type UnixSocketRecord,
  unixHasInodes,
  unixRecord,
} from './proc-net-unix.js';
export {
  formatUnixRow,
  isListening,
  isShown,
  UNIX_ACC,
  UNIX_N,
  UNIX_W,
  type UnixSocketRow,
  unixFlagsText,
  unixHeader,
  unixRow,
  unixRowWriter,
  unixStateName,
  unixTitle,
  unixTypeName,
} from './render.js';
