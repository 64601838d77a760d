import {
  type ByteWriter,
  type NetstatOptions,
  padRight,
  putDecimal,
  putText,
  type SocketOwner,
} from '@netstat-ts/core';
import type { UnixLineScan, UnixSocketRecord } from './proc-net-unix.js';
import { low32, signedText, toNumber, unsignedText } from './scan.js';

/** SO_ACCEPTCON: the socket listens. */
export const UNIX_ACC = 0x10000;
/** SO_WAITDATA (2.x kernels). */
export const UNIX_W = 0x20000;
/** SO_NOSPACE (2.x kernels). */
export const UNIX_N = 0x40000;

/** A UNIX socket row as shown: the parsed record plus the texts of its columns. */
export interface UnixSocketRow extends UnixSocketRecord {
  /** `unix` or `??`. */
  protocolName: string;
  /** `[ ]`, `[ ACC ]`, `[ ACC W N ]`, … */
  flagsText: string;
  /** `STREAM`, `DGRAM`, … or `UNKNOWN`. */
  typeName: string;
  /** `LISTENING`, `CONNECTED`, … (empty for an unconnected non-listening socket). */
  stateName: string;
  /** `pid/program` with `-p` (`-` when unknown). */
  program?: string;
  /** SELinux context with `-Z` (`-` when unknown). */
  context?: string;
}

/** Title line: `Active UNIX domain sockets (…)` per `-a`/`-l` (no newline). */
export function unixTitle(o: Pick<NetstatOptions, 'all' | 'listening'>): string {
  const which = o.all ? '(servers and established)' : o.listening ? '(only servers)' : '(w/o servers)';
  return `Active UNIX domain sockets ${which}`;
}

/** Column header line (no newline), with the `-p` and `-Z` columns when asked for. */
export function unixHeader(o: Pick<NetstatOptions, 'programs' | 'context'>): string {
  let h = 'Proto RefCnt Flags       Type       State         I-Node  ';
  if (o.programs || o.context) h += ' PID/Program name    ';
  if (o.context) h += padRight(' Security Context', 50);
  return `${h} Path`;
}

/** True for a listening socket: state 1 (unconnected) with the ACC flag. */
export function isListening(r: Pick<UnixSocketRecord, 'state' | 'flags'>): boolean {
  return r.state === 1 && (r.flags & UNIX_ACC) !== 0;
}

/** True when the socket is shown under `-a` / `-l` / neither. */
export function isShown(
  r: Pick<UnixSocketRecord, 'state' | 'flags'>,
  o: Pick<NetstatOptions, 'all' | 'listening'>,
): boolean {
  if (o.all) return true;
  return isListening(r) === o.listening;
}

/** The Flags column text. */
export function unixFlagsText(flags: number): string {
  let s = '[ ';
  if (flags & UNIX_ACC) s += 'ACC ';
  if (flags & UNIX_W) s += 'W ';
  if (flags & UNIX_N) s += 'N ';
  return `${s}]`;
}

const TYPES = ['UNKNOWN', 'STREAM', 'DGRAM', 'RAW', 'RDM', 'SEQPACKET'];

/** The Type column text. */
export function unixTypeName(type: number): string {
  return (type >= 1 && type <= 5 && TYPES[type]) || 'UNKNOWN';
}

/** The State column text. */
export function unixStateName(state: number, flags: number): string {
  switch (state) {
    case 0:
      return 'FREE';
    case 1:
      return flags & UNIX_ACC ? 'LISTENING' : '';
    case 2:
      return 'CONNECTING';
    case 3:
      return 'CONNECTED';
    case 4:
      return 'DISCONNECTING';
    default:
      return 'UNKNOWN';
  }
}

/** Builds the shown row of a record; `owners` is given for `-p`/`-Z` (null when the file has no inodes). */
export function unixRow(
  r: UnixSocketRecord,
  o: Pick<NetstatOptions, 'programs' | 'context'>,
  owners: Map<number, SocketOwner> | null,
): UnixSocketRow {
  let program: string | undefined;
  let context: string | undefined;
  if (o.programs || o.context) {
    const owner = owners?.get(r.inode);
    program = owner ? owner.text : '-';
    if (o.context) context = owner?.context ?? '-';
  }
  // One object literal with every property: a stable shape keeps 50k rows cheap.
  return {
    line: r.line,
    address: r.address,
    refCount: r.refCount,
    protocol: r.protocol,
    flags: r.flags,
    type: r.type,
    state: r.state,
    inode: r.inode,
    path: r.path,
    exact: r.exact,
    protocolName: r.protocol === 0 ? 'unix' : '??',
    flagsText: unixFlagsText(r.flags),
    typeName: unixTypeName(r.type),
    stateName: unixStateName(r.state, r.flags),
    program,
    context,
  };
}

const padCaches = new Map<number, Map<string, string>>();

/** `%-Ns ` of a column text from a small set (memoised per width). */
function padded(s: string, width: number): string {
  let cache = padCaches.get(width);
  if (cache === undefined) {
    cache = new Map();
    padCaches.set(width, cache);
  }
  let p = cache.get(s);
  if (p === undefined) {
    p = `${padRight(s, width)} `;
    if (cache.size < 64) cache.set(s, p);
  }
  return p;
}

/** One output line of a row (with `\n`), formatted as net-tools 2.10 prints it. */
export function formatUnixRow(row: UnixSocketRow, hasInodes: boolean): string {
  // protocolName, flagsText, typeName and stateName come from small fixed sets: cache their padding.
  let s =
    padded(row.protocolName, 5) +
    padRight(row.exact ? row.exact.refCount : String(row.refCount), 6) +
    ' ' +
    padded(row.flagsText, 11) +
    padded(row.typeName, 10) +
    padded(row.stateName, 13) +
    (hasInodes ? padRight(row.exact ? row.exact.inode : String(row.inode), 8) : '-       ');
  if (row.program !== undefined) s += ` ${padRight(row.program, 20)}`;
  if (row.context !== undefined) s += ` ${padRight(row.context, 50)}`;
  return `${s} ${row.path}\n`;
}

/**
 * A writer of the lines {@link formatUnixRow} formats, straight from a scanned line into an
 * output buffer (no record, row or string per socket). `shown` tells whether to list the line.
 */
export function unixRowWriter(
  o: Pick<NetstatOptions, 'all' | 'listening' | 'programs' | 'context'>,
  owners: Map<number, SocketOwner> | null,
  hasInodes: boolean,
): (s: UnixLineScan, data: Buffer, w: ByteWriter) => void {
  const owned = o.programs || o.context;
  /** The Flags, Type and State columns (padded, with their blanks) by flag bits, type and state. */
  const middle = new Map<number, string>();
  return (s, data, w) => {
    const flags = low32(s.flags);
    const state = low32(s.state) | 0;
    if (!isShown({ state, flags }, o)) return;
    const type = low32(s.type) | 0;
    const key = (flags & (UNIX_ACC | UNIX_W | UNIX_N)) * 64 + (type >>> 0) * 8 + state;
    const small = type >= 0 && type < 8 && state >= 0 && state < 8;
    let mid = small ? middle.get(key) : undefined;
    if (mid === undefined) {
      mid =
        padded(unixFlagsText(flags), 11) +
        padded(unixTypeName(type), 10) +
        padded(unixStateName(state, flags), 13);
      if (small) middle.set(key, mid);
    }
    const { refCount, inode } = s;
    const big = typeof refCount === 'bigint' || typeof inode === 'bigint';
    const inodeText = big ? unsignedText(inode) : null;
    let tail = '';
    if (owned) {
      const owner = owners?.get(toNumber(inode, false));
      tail += ` ${padRight(owner ? owner.text : '-', 20)}`;
      if (o.context) tail += ` ${padRight(owner?.context ?? '-', 50)}`;
    }
    const pathLen = hasInodes ? s.pathEnd - s.pathStart : 0;
    w.reserve(mid.length + tail.length + pathLen + 96);
    const b = w.buf;
    const start = w.pos;
    let p = putText(b, start, toNumber(s.protocol, false) === 0 ? 'unix  ' : '??    ');
    const rc = p;
    p = big ? putText(b, p, signedText(refCount)) : putDecimal(b, p, refCount as number);
    if (p < rc + 6) p = rc + 6; // padding: the writer's bytes are blanks already
    b[p++] = 32;
    p = putText(b, p, mid);
    const ino = p;
    if (!hasInodes) p = putText(b, p, '-       ');
    else {
      p = inodeText !== null ? putText(b, p, inodeText) : putDecimal(b, p, inode as number);
      if (p < ino + 8) p = ino + 8;
    }
    p = putText(b, p, tail);
    b[p++] = 32;
    if (!hasInodes) p = inodeText !== null ? putText(b, p, inodeText) : putDecimal(b, p, inode as number);
    else if (pathLen > 0) {
      if (pathLen < 32) for (let i = s.pathStart; i < s.pathEnd; i++) b[p++] = data[i]!;
      else p += data.copy(b, p, s.pathStart, s.pathEnd);
    }
    b[p++] = 10;
    w.pos = p;
  };
}
