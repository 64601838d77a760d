import { type Diagnostic, isSpace } from '@netstat-ts/core';
import { low32, scanned, scanUnsigned, signedText, skipSpace, toNumber, unsignedText } from './scan.js';

/** One socket line of /proc/net/unix, as net-tools 2.10 reads it (spec §3). */
export interface UnixSocketRecord {
  /** 0-based line number in the file (the header is line 0). */
  line: number;
  /** The kernel's (hashed) socket address, as text. */
  address: string;
  /** Reference count (`%ld` reading of the hex field). */
  refCount: number;
  /** Protocol (0 = `unix`). */
  protocol: number;
  /** Flag bits (low 32 bits): 0x10000 ACC, 0x20000 W, 0x40000 N. */
  flags: number;
  /** Socket type: 1 STREAM, 2 DGRAM, 3 RAW, 4 RDM, 5 SEQPACKET. */
  type: number;
  /** Socket state: 0 FREE, 1 UNCONNECTED/LISTENING, 2 CONNECTING, 3 CONNECTED, 4 DISCONNECTING. */
  state: number;
  /** Inode number (0 for embryonic sockets). */
  inode: number;
  /** Path up to the first blank, `@…` for abstract names, empty when unbound. */
  path: string;
  /** Exact decimal texts when refCount or inode exceed 2^53 (rare, hostile input). */
  exact?: { refCount: string; inode: string };
}

/** A diagnostic tied to the line that produced it. */
export interface LineDiagnostic extends Diagnostic {
  line: number;
}

/** What {@link parseProcNetUnix} returns. */
export interface UnixParseResult {
  /** True when the header line mentions `Inode` (every kernel since 2.2). */
  hasInodes: boolean;
  records: UnixSocketRecord[];
  /** `warning, got bogus unix line.` per malformed line, in file order. */
  diagnostics: LineDiagnostic[];
}

/** The message net-tools prints for a malformed line. */
export const BOGUS_UNIX_LINE = 'warning, got bogus unix line.';

/** net-tools reads lines with fgets into 8192 bytes: longer lines arrive in pieces. */
const FGETS_MAX = 8191;

const INODE = [73, 110, 111, 100, 101]; // "Inode"

function containsInode(data: Uint8Array, start: number, end: number): boolean {
  outer: for (let i = start; i + 5 <= end; i++) {
    for (let k = 0; k < 5; k++) if (data[i + k] !== INODE[k]) continue outer;
    return true;
  }
  return false;
}

/**
 * Parses /proc/net/unix bytes (or a byte string). Emulates `fgets` (8 KiB pieces) and
 * `sscanf("%p: %lX %lX %lX %X %X %lu %s")`: a line with fewer than 6 conversions is a bogus line;
 * with exactly 6 the inode of the previous line is kept; the path stops at the first blank or NUL.
 */
export function parseProcNetUnix(input: Uint8Array | string): UnixParseResult {
  const data =
    typeof input === 'string'
      ? Buffer.from(input, 'latin1')
      : Buffer.isBuffer(input)
        ? input
        : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const n = data.length;
  const records: UnixSocketRecord[] = [];
  const diagnostics: LineDiagnostic[] = [];
  let hasInodes = false;
  const state: ScanState = { inode: 0 };
  let nul = data.indexOf(0);
  let pos = 0;
  let line = 0;
  while (pos < n) {
    let nl = data.indexOf(10, pos);
    if (nl < 0) nl = n;
    let end: number;
    let next: number;
    if (nl - pos >= FGETS_MAX) {
      end = pos + FGETS_MAX;
      next = end;
    } else {
      end = nl;
      next = nl + 1;
    }
    if (nul >= 0 && nul < pos) nul = data.indexOf(0, pos);
    const strEnd = nul >= 0 && nul < end ? nul : end;
    if (line === 0) hasInodes = containsInode(data, pos, strEnd);
    else {
      const r = scanLine(data, pos, strEnd, line, state);
      if (r === null) diagnostics.push({ level: 'warning', message: BOGUS_UNIX_LINE, line });
      else {
        if (!hasInodes) r.path = r.exact ? r.exact.inode : String(r.inode);
        records.push(r);
      }
    }
    line++;
    pos = next;
  }
  return { hasInodes, records, diagnostics };
}

/** What survives from one line to the next (C stack variables reused by the loop). */
interface ScanState {
  inode: number | bigint;
}

function scanLine(
  data: Buffer,
  start: number,
  end: number,
  line: number,
  carry: ScanState,
): UnixSocketRecord | null {
  const a0 = skipSpace(data, start, end);
  if (!scanUnsigned(data, a0, end, 16)) return null;
  const address = data.toString('latin1', a0, scanned.pos);
  let p = scanned.pos;
  if (data[p] !== 58 || p >= end) return null; // ':'
  p++;
  const vals: (number | bigint)[] = [];
  for (let i = 0; i < 5; i++) {
    if (!scanUnsigned(data, p, end, 16)) return null;
    vals.push(scanned.value);
    p = scanned.pos;
  }
  let inode = carry.inode;
  let path = '';
  if (scanUnsigned(data, p, end, 10)) {
    inode = scanned.value;
    p = skipSpace(data, scanned.pos, end);
    let q = p;
    while (q < end && !isSpace(data[q]!)) q++;
    path = data.toString('latin1', p, q);
  }
  carry.inode = inode;
  const [refCount, protocol, flags, type, state] = vals as (number | bigint)[] as [
    number | bigint,
    number | bigint,
    number | bigint,
    number | bigint,
    number | bigint,
  ];
  const rec: UnixSocketRecord = {
    line,
    address,
    refCount: toNumber(refCount, true),
    protocol: toNumber(protocol, false),
    flags: low32(flags),
    type: low32(type) | 0,
    state: low32(state) | 0,
    inode: toNumber(inode, false),
    path,
  };
  if (typeof refCount === 'bigint' || typeof inode === 'bigint') {
    rec.exact = { refCount: signedText(refCount), inode: unsignedText(inode) };
  }
  return rec;
}
