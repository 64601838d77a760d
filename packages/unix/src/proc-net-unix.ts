import {
  type Diagnostic,
  forEachPiece,
  isSpace,
  type PieceFeed,
  type PieceHandler,
  PieceSplitter,
} from '@netstat-ts/core';
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

/** The largest fgets piece of /proc/net/unix (8191 bytes). */
export const UNIX_PIECE = FGETS_MAX;

const INODE = [73, 110, 111, 100, 101]; // "Inode"

function containsInode(data: Uint8Array, start: number, end: number): boolean {
  outer: for (let i = start; i + 5 <= end; i++) {
    for (let k = 0; k < 5; k++) if (data[i + k] !== INODE[k]) continue outer;
    return true;
  }
  return false;
}

/** A line of /proc/net/unix as scanned, before any string is made (reused from line to line). */
export interface UnixLineScan {
  /** 0-based line number in the file (the header is line 0). */
  line: number;
  /** Where the socket address text lies in the data. */
  addressStart: number;
  addressEnd: number;
  /** The `%lX`/`%X` fields as strtoul returned them (bigint beyond 2^53). */
  refCount: number | bigint;
  protocol: number | bigint;
  flags: number | bigint;
  type: number | bigint;
  state: number | bigint;
  /** The inode (the previous line's when this line has none, as in C). */
  inode: number | bigint;
  /** Where the path lies in the data (empty when unbound). */
  pathStart: number;
  pathEnd: number;
}

/** A fresh {@link UnixLineScan}, all fields zero (the scanners reuse one per file). */
function newLineScan(): UnixLineScan {
  return {
    line: 0,
    addressStart: 0,
    addressEnd: 0,
    refCount: 0,
    protocol: 0,
    flags: 0,
    type: 0,
    state: 0,
    inode: 0,
    pathStart: 0,
    pathEnd: 0,
  };
}

function asBuffer(input: Uint8Array | string): Buffer {
  return typeof input === 'string'
    ? Buffer.from(input, 'latin1')
    : Buffer.isBuffer(input)
      ? input
      : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
}

/** True when the header line (the first fgets piece) mentions `Inode` (every kernel since 2.2). */
export function unixHasInodes(input: Uint8Array | string): boolean {
  const data = asBuffer(input);
  let end = data.indexOf(10);
  if (end < 0) end = data.length;
  if (end > FGETS_MAX) end = FGETS_MAX;
  const nul = data.indexOf(0);
  if (nul >= 0 && nul < end) end = nul;
  return containsInode(data, 0, end);
}

/**
 * Streams the socket lines of /proc/net/unix bytes (the header line is skipped) the way
 * net-tools reads them (see {@link parseProcNetUnix}): `each` gets one reused {@link UnixLineScan}
 * and the data it points into, `bogus` the line number of each malformed line.
 */
export function scanProcNetUnix(
  input: Uint8Array | string,
  each: (s: UnixLineScan, data: Buffer) => void,
  bogus: (line: number) => void,
): void {
  forEachPiece(asBuffer(input), FGETS_MAX, unixScanner(each, bogus));
}

/**
 * {@link scanProcNetUnix} as a handler of the file's fgets pieces (at most {@link UNIX_PIECE}
 * bytes each, in file order, e.g. from `streamPieces`): the file is scanned as it is read, with
 * constant memory. One handler per pass (it counts lines from the header on).
 */
export function unixScanner(
  each: (s: UnixLineScan, data: Buffer) => void,
  bogus: (line: number) => void,
): PieceHandler {
  const s = newLineScan();
  let line = 0;
  return (data, start, end, nul) => {
    const strEnd = nul >= 0 ? nul : end > start && data[end - 1] === 10 ? end - 1 : end;
    if (line > 0) {
      s.line = line;
      if (scanLine(data, start, strEnd, s)) each(s, data);
      else bogus(line);
    }
    line++;
  };
}

/** The record of a scanned line (strings and numbers made from {@link UnixLineScan}). */
export function unixRecord(s: UnixLineScan, data: Buffer, hasInodes: boolean): UnixSocketRecord {
  const { refCount, inode } = s;
  const rec: UnixSocketRecord = {
    line: s.line,
    address: data.toString('latin1', s.addressStart, s.addressEnd),
    refCount: toNumber(refCount, true),
    protocol: toNumber(s.protocol, false),
    flags: low32(s.flags),
    type: low32(s.type) | 0,
    state: low32(s.state) | 0,
    inode: toNumber(inode, false),
    path: data.toString('latin1', s.pathStart, s.pathEnd),
  };
  if (typeof refCount === 'bigint' || typeof inode === 'bigint') {
    rec.exact = { refCount: signedText(refCount), inode: unsignedText(inode) };
  }
  if (!hasInodes) rec.path = rec.exact ? rec.exact.inode : String(rec.inode);
  return rec;
}

/**
 * Parses /proc/net/unix bytes (or a byte string). Emulates `fgets` (8 KiB pieces) and
 * `sscanf("%p: %lX %lX %lX %X %X %lu %s")`: a line with fewer than 6 conversions is a bogus line;
 * with exactly 6 the inode of the previous line is kept; the path stops at the first blank or NUL.
 */
export function parseProcNetUnix(input: Uint8Array | string): UnixParseResult {
  const data = asBuffer(input);
  const records: UnixSocketRecord[] = [];
  const diagnostics: LineDiagnostic[] = [];
  const hasInodes = data.length > 0 && unixHasInodes(data);
  scanProcNetUnix(
    data,
    (s) => records.push(unixRecord(s, data, hasInodes)),
    (line) => diagnostics.push({ level: 'warning', message: BOGUS_UNIX_LINE, line }),
  );
  return { hasInodes, records, diagnostics };
}

/** Hex digit values, -1 for other bytes (the fixed-layout fast path). */
const HEX_DIGIT: Int8Array = (() => {
  const t = new Int8Array(256).fill(-1);
  for (let i = 0; i < 10; i++) t[48 + i] = i;
  for (let i = 0; i < 6; i++) t[65 + i] = t[97 + i] = 10 + i;
  return t;
})();

/** The value of the `n` (≤ 8) hex digits at `p`, or -1 when one of them is not a hex digit. */
function fixedHex(data: Buffer, p: number, n: number): number {
  let v = 0;
  for (let i = p; i < p + n; i++) {
    const d = HEX_DIGIT[data[i]!]!;
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

/**
 * The first six fields of a line laid out exactly as the kernel prints them
 * (`%pK: %08X %08X %08X %04X %02X`, the address 16 or 8 hex digits): read at fixed offsets into
 * `s`, returning the position just after the state, or -1 (nothing stored) when any byte is not
 * where that layout puts it. The general scanner reads every line this accepts the same way:
 * single blanks between fields, hex digits of fixed count each ended by a byte that is no hex
 * digit, no sign and no `0x`.
 */
function scanKernelHead(data: Buffer, start: number, end: number, s: UnixLineScan): number {
  let a = start;
  while (a < end && data[a] === 32) a++;
  const c = a + 16 < end && data[a + 16] === 58 ? a + 16 : a + 8 < end && data[a + 8] === 58 ? a + 8 : -1;
  if (c < 0 || c + 36 >= end) return -1;
  for (let i = a; i < c; i++) if (HEX_DIGIT[data[i]!]! < 0) return -1;
  if (
    data[c + 1] !== 32 ||
    data[c + 10] !== 32 ||
    data[c + 19] !== 32 ||
    data[c + 28] !== 32 ||
    data[c + 33] !== 32 ||
    HEX_DIGIT[data[c + 36]!]! >= 0
  )
    return -1;
  const refCount = fixedHex(data, c + 2, 8);
  const protocol = fixedHex(data, c + 11, 8);
  const flags = fixedHex(data, c + 20, 8);
  const type = fixedHex(data, c + 29, 4);
  const state = fixedHex(data, c + 34, 2);
  if (refCount < 0 || protocol < 0 || flags < 0 || (type | state) < 0) return -1;
  s.state = state;
  s.type = type;
  s.flags = flags;
  s.protocol = protocol;
  s.refCount = refCount;
  s.addressStart = a;
  s.addressEnd = c;
  return c + 36;
}

/** Scans one socket line into `s`; false for a bogus line (fewer than 6 conversions). */
function scanLine(data: Buffer, start: number, end: number, s: UnixLineScan): boolean {
  let p = scanKernelHead(data, start, end, s);
  if (p < 0) {
    const a0 = skipSpace(data, start, end);
    if (!scanUnsigned(data, a0, end, 16, false)) return false; // the address is kept as text
    const addressEnd = scanned.pos;
    p = scanned.pos;
    if (data[p] !== 58 || p >= end) return false; // ':'
    p++;
    if (!scanUnsigned(data, p, end, 16)) return false;
    const refCount = scanned.value;
    if (!scanUnsigned(data, scanned.pos, end, 16)) return false;
    const protocol = scanned.value;
    if (!scanUnsigned(data, scanned.pos, end, 16)) return false;
    const flags = scanned.value;
    if (!scanUnsigned(data, scanned.pos, end, 16)) return false;
    const type = scanned.value;
    if (!scanUnsigned(data, scanned.pos, end, 16)) return false;
    s.state = scanned.value;
    s.type = type;
    s.flags = flags;
    s.protocol = protocol;
    s.refCount = refCount;
    s.addressStart = a0;
    s.addressEnd = addressEnd;
    p = scanned.pos;
  }
  s.pathStart = s.pathEnd = p;
  if (scanUnsigned(data, p, end, 10)) {
    s.inode = scanned.value;
    p = skipSpace(data, scanned.pos, end);
    let q = p;
    while (q < end && !isSpace(data[q]!)) q++;
    s.pathStart = p;
    s.pathEnd = q;
  }
  return true;
}

const BACKSLASH_N = Buffer.from('\\n', 'latin1');
const NEWLINE = Buffer.from('\n', 'latin1');

/**
 * Calls `each` for every fgets piece of a file (at most {@link UNIX_PIECE} bytes) with the line it
 * belongs to (0 = header), whether it is the line's first piece, the piece without its newline,
 * and whether the line ends there.
 */
function forEachLinePiece(
  feed: PieceFeed,
  each: (line: number, first: boolean, data: Buffer, start: number, end: number, ended: boolean) => void,
): void {
  let line = 0;
  let first = true;
  feed(FGETS_MAX, (b, s, e) => {
    const ended = e > s && b[e - 1] === 10;
    each(line, first, b, s, ended ? e - 1 : e, ended);
    first = ended;
    if (ended) line++;
  });
}

/**
 * What a line whose first piece is `data[start, end)` is: -1 not a socket line the kernel could
 * have written (too long, or no socket line at all), else bit 0 = named, bit 1 = all-zero address.
 */
function lineKind(data: Buffer, start: number, end: number, ended: boolean, s: UnixLineScan): number {
  if ((!ended && end - start >= FGETS_MAX) || !scanLine(data, start, end, s)) return -1;
  let zero = s.addressEnd > s.addressStart;
  for (let k = s.addressStart; k < s.addressEnd && zero; k++) zero = data[k] === 48;
  return (s.pathEnd > s.pathStart ? 1 : 0) | (zero ? 2 : 0);
}

/** True when most socket lines of the file show all-zero addresses (the file's address form). */
function zeroAddressForm(feed: PieceFeed): boolean {
  const s = newLineScan();
  let zeros = 0;
  let hashed = 0;
  forEachLinePiece(feed, (line, first, b, start, end, ended) => {
    if (!first || line === 0) return;
    const k = lineKind(b, start, end, ended, s);
    if (k < 0) return;
    if (k & 2) zeros++;
    else hashed++;
  });
  return zeros >= hashed;
}

/**
 * Emits the file's bytes with every newline that lies inside a name replaced by the two
 * characters `\n` (see {@link joinNameContinuations}); returns how many were replaced.
 */
function joinPass(feed: PieceFeed, zeroForm: boolean, emit: (chunk: Buffer) => void): number {
  const s = newLineScan();
  let named = false;
  let joins = 0;
  let pending = false; // the newline of the line before, not yet emitted
  forEachLinePiece(feed, (line, first, b, start, end, ended) => {
    if (first && line > 0) {
      const k = lineKind(b, start, end, ended, s);
      const foreign = k < 0 || ((k & 2) !== 0) !== zeroForm;
      if (named && foreign) {
        emit(BACKSLASH_N); // still inside the same name
        joins++;
      } else {
        emit(NEWLINE);
        named = k >= 0 && (k & 1) !== 0;
      }
      pending = false;
    }
    if (end > start) emit(b.subarray(start, end));
    pending = ended;
  });
  if (pending) emit(NEWLINE);
  return joins;
}

/**
 * For a terminal (README, "Security"): the kernel writes a socket name as raw bytes, so a name
 * with a newline continues on the next line of /proc/net/unix, and a name such as
 * `x\n0000000000000000: 00000002 00000000 00010000 0001 01 99 /run/fake.sock` forges a row for
 * 2.10 (and for our pipes, which keep 2.10's bytes). This joins a line to the named row above it,
 * with the two characters `\n` in place of the newline, when the line cannot be a row the kernel
 * wrote: it is empty, is no socket line at all, or its address column is of the other form than
 * the file's other rows (the kernel prints every `%pK` address of one read the same way: all
 * zeros when addresses are hidden, hashed values otherwise). A forged line whose address has the
 * file's form cannot be told from a real row in this text; it is shown as a row. Returns `data`
 * itself when nothing is joined. {@link joinedNameFeed} does the same for a streamed file.
 */
export function joinNameContinuations(input: Uint8Array | string): Buffer {
  const data = asBuffer(input);
  const feed: PieceFeed = (max, each) => forEachPiece(data, max, each);
  const parts: Buffer[] = [];
  if (joinPass(feed, zeroAddressForm(feed), (c) => parts.push(Buffer.from(c))) === 0) return data;
  return Buffer.concat(parts);
}

/**
 * {@link joinNameContinuations} over a streamed file: the feed of the joined text, made with
 * constant memory (the file is read once for its address form, then once per call).
 */
export function joinedNameFeed(feed: PieceFeed): PieceFeed {
  let zeroForm: boolean | undefined;
  return (max, each) => {
    zeroForm ??= zeroAddressForm(feed);
    const split = new PieceSplitter(max, each);
    joinPass(feed, zeroForm, (c) => split.push(c));
    split.end();
  };
}
