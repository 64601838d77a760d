/**
 * Parser for /proc/net/{tcp,tcp6,udp,udp6,udplite,udplite6,raw,raw6} (spec §2.2): each fgets
 * chunk of 8191 bytes after the first is scanned with net-tools' pattern
 * `%d: %64[0-9A-Fa-f]:%X %64[0-9A-Fa-f]:%X %X %lX:%lX %X:%lX %lX %d %d %lu %*s`.
 */
import { forEachPiece, type PieceHandler } from '@netstat-ts/core';
import { Cursor, HEX_VALUE, isSpace, type U64 } from './scan.js';

/** The kind of table a line comes from: decides the bogus-line threshold and message. */
export type IpProto = 'tcp' | 'udp' | 'udplite' | 'raw';

/** One socket record of a tcp/udp/udplite/raw table, numbers as the kernel printed them. */
export interface IpSocketRecord {
  /** `sl` column. */
  slot: number;
  /** 4 when the local address had at most 8 hex digits, else 6. */
  family: 4 | 6;
  /** Host-order IPv4 addresses (family 4; 0 otherwise). */
  localV4: number;
  remoteV4: number;
  /** IPv6 addresses as 16 bytes (family 6; null otherwise). */
  localV6: Uint8Array | null;
  remoteV6: Uint8Array | null;
  /** Ports as read (32-bit; netstat shows the low 16 bits). */
  localPort: number;
  remotePort: number;
  /** Kernel state number (`st`). */
  state: number;
  txQueue: U64;
  rxQueue: U64;
  /** Timer kind (`tr`), timer expiry in clock ticks (`tm->when`), retransmits, timeout. */
  timerCode: number;
  timerWhen: U64;
  /** Forced to 0 for udp and udplite, as net-tools does. */
  retransmits: U64;
  uid: number;
  timeout: number;
  inode: U64;
}

/** A bogus line: the message and how many records were parsed before it. */
export interface LineDiagnostic {
  message: string;
  /** Index into the record list: the diagnostic comes before record `atRecord`. */
  atRecord: number;
}

/** Result of parsing one table file. */
export interface IpTableParse {
  records: IpSocketRecord[];
  diagnostics: LineDiagnostic[];
}

const BOGUS: Record<IpProto, string> = {
  tcp: 'warning, got bogus tcp line.',
  udp: 'warning, got bogus udp line.',
  udplite: 'warning, got bogus udp line.',
  raw: 'warning, got bogus raw line.',
};

/** `%X` of a hex run: strtoul saturation, then the low 32 bits. */
function hexToUint(buf: Uint8Array, start: number, end: number): number {
  let p = start;
  while (p < end - 1 && buf[p] === 48) p++;
  if (end - p > 16) return 0xffffffff;
  let v = 0;
  for (let i = Math.max(p, end - 8); i < end; i++) v = v * 16 + HEX_VALUE[buf[i]!]!;
  return v >>> 0;
}

/** Kernel `%08X` of a network-order word (little-endian host) to a host-order IPv4 number. */
function swap32(v: number): number {
  return (((v & 255) << 24) | (((v >>> 8) & 255) << 16) | (((v >>> 16) & 255) << 8) | (v >>> 24)) >>> 0;
}

/** `sscanf(hex, "%08X%08X%08X%08X")` into the kept word buffer, then its 16 bytes into `out`. */
function decodeV6(buf: Uint8Array, start: number, end: number, words: Uint32Array, out: Uint8Array): void {
  for (let w = 0; w < 4; w++) {
    const s = start + w * 8;
    if (s >= end) break;
    words[w] = hexToUint(buf, s, Math.min(end, s + 8));
  }
  for (let w = 0; w < 4; w++) {
    const v = words[w]!;
    out[w * 4] = v & 255;
    out[w * 4 + 1] = (v >>> 8) & 255;
    out[w * 4 + 2] = (v >>> 16) & 255;
    out[w * 4 + 3] = v >>> 24;
  }
}

const cur = new Cursor();
/** Local and remote address hex runs of the last scanned line (start, end, start, end). */
const span = new Int32Array(4);

/** Per-file state: the IPv6 word buffer and the two address byte buffers of the reused record. */
interface ScanState {
  words: Uint32Array;
  local6: Uint8Array;
  remote6: Uint8Array;
}

/** Decodes the address runs of a valid line (net-tools does this after the field count check). */
function decodeAddresses(r: IpSocketRecord, st: ScanState, buf: Uint8Array): void {
  const ls = span[0]!;
  const le = span[1]!;
  const rs = span[2]!;
  const re = span[3]!;
  if (le - ls > 8) {
    r.family = 6;
    decodeV6(buf, ls, le, st.words, st.local6);
    decodeV6(buf, rs, re, st.words, st.remote6);
    r.localV6 = st.local6;
    r.remoteV6 = st.remote6;
    r.localV4 = r.remoteV4 = 0;
  } else {
    r.family = 4;
    r.localV4 = swap32(hexToUint(buf, ls, le));
    r.remoteV4 = swap32(hexToUint(buf, rs, re));
    r.localV6 = r.remoteV6 = null;
  }
}

/**
 * Scans one fgets piece (`nul`: its first NUL byte, -1 for none; the string ends there); returns
 * the number of conversions (scanf's count; -1 for an empty line) and fills `r` as far as it got.
 * Fields after the last conversion keep their previous values.
 */
function scanLine(r: IpSocketRecord, buf: Uint8Array, start: number, end: number, nul: number): number {
  const c = cur;
  c.piece(buf, start, end, nul);
  c.skipSpace();
  if (c.pos >= c.end) return -1;
  if (!c.number(10)) return 0;
  r.slot = c.int;
  if (!c.literal(58)) return 1;
  c.skipSpace();
  const ls = c.hexRun(64);
  if (ls < 0) return 1;
  const le = c.pos;
  if (!c.literal(58) || !c.number(16)) return 2;
  r.localPort = c.uint;
  c.skipSpace();
  const rs = c.hexRun(64);
  if (rs < 0) return 3;
  const re = c.pos;
  if (!c.literal(58) || !c.number(16)) return 4;
  r.remotePort = c.uint;
  span[0] = ls;
  span[1] = le;
  span[2] = rs;
  span[3] = re;
  if (!c.number(16)) return 5;
  r.state = c.uint;
  if (!c.number(16)) return 6;
  r.txQueue = c.ulong;
  if (!c.literal(58) || !c.number(16)) return 7;
  r.rxQueue = c.ulong;
  if (!c.number(16)) return 8;
  r.timerCode = c.uint;
  if (!c.literal(58) || !c.number(16)) return 9;
  r.timerWhen = c.ulong;
  if (!c.number(16)) return 10;
  r.retransmits = c.ulong;
  if (!c.number(10)) return 11;
  r.uid = c.int;
  if (!c.number(10)) return 12;
  r.timeout = c.int;
  if (!c.number(10)) return 13;
  r.inode = c.ulong;
  return 14;
}

/** End position of the last {@link plainNumber}. */
let plainEnd = 0;

/**
 * A number as scanLine's cursor reads the common case of it: blanks, then 1 to 12 digits
 * without sign or `0x` prefix, so the value is a small non-negative integer (returned; the end
 * goes to `plainEnd`). -1 for anything else, and the caller falls back to the full scanner.
 */
function plainNumber(b: Uint8Array, p: number, end: number, hex: boolean): number {
  while (p < end && isSpace(b[p]!)) p++;
  const s = p;
  let v = 0;
  if (hex) {
    if (p + 1 < end && b[p] === 48 && (b[p + 1]! | 32) === 120) return -1;
    // More than 12 digits make this scanner give up (-1): stop counting there.
    while (p < end && p - s <= 12) {
      const d = HEX_VALUE[b[p]!]!;
      if (d < 0) break;
      v = v * 16 + d;
      p++;
    }
  } else {
    while (p < end && p - s <= 12) {
      const d = b[p]! - 48;
      if (d < 0 || d > 9) break;
      v = v * 10 + d;
      p++;
    }
  }
  const n = p - s;
  if (n === 0 || n > 12) return -1;
  plainEnd = p;
  return v;
}

/** What {@link scanKernelLine} returns for a line it read: 14 fields, addresses already decoded. */
const KERNEL_LINE = 15;

/**
 * Decodes 32 hex digits at `p` like {@link decodeV6} (into `words` too, which a later line with a
 * shorter run partly reuses); false when one is not a hex digit.
 */
function kernelV6(b: Uint8Array, p: number, words: Uint32Array, out: Uint8Array): boolean {
  for (let w = 0; w < 4; w++) {
    const v = fixedHex(b, p + w * 8, 8);
    if (v < 0) return false;
    words[w] = v;
    out[w * 4] = v & 0xff;
    out[w * 4 + 1] = (v >>> 8) & 0xff;
    out[w * 4 + 2] = (v >>> 16) & 0xff;
    out[w * 4 + 3] = v >>> 24;
  }
  return true;
}

/** The value of the `n` (≤ 8) hex digits at `p`, or -1 when one of them is not a hex digit. */
function fixedHex(b: Uint8Array, p: number, n: number): number {
  let v = 0;
  for (let i = p; i < p + n; i++) {
    const d = HEX_VALUE[b[i]!]!;
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

/**
 * {@link scanPlainLine} for a line laid out exactly as the kernel prints it
 * (`%4d: %08X:%04X %08X:%04X %02X %08X:%08X %02X:%08lX %08X …`, with 32-digit addresses in the
 * v6 files): each field is read at its fixed place, with no scan for its extent, and the addresses
 * are decoded on the way. Returns {@link KERNEL_LINE}, or -2 when any byte is not where that layout
 * puts it (the caller then tries the plain scanner; what was stored by then, it sets again). Every
 * line it accepts, {@link scanPlainLine} would read the same way: single blanks between fields,
 * hex digits of fixed count each followed by the separator, which is no hex digit.
 */
function scanKernelLine(
  r: IpSocketRecord,
  st: ScanState,
  b: Uint8Array,
  start: number,
  end: number,
  tail: boolean,
): number {
  let p = start;
  while (p < end && b[p] === 32) p++;
  const s = p;
  let slot = 0;
  while (p < end) {
    const d = b[p]! - 48;
    if (d < 0 || d > 9) break;
    slot = slot * 10 + d;
    p++;
  }
  if (p === s || p - s > 12 || p + 2 >= end || b[p] !== 58 || b[p + 1] !== 32) return -2;
  const a = p + 2;
  const aw = a + 8 < end && b[a + 8] === 58 ? 8 : a + 32 < end && b[a + 32] === 58 ? 32 : 0;
  if (aw === 0) return -2;
  const ra = a + aw + 6;
  const q = ra + aw + 6;
  // The retransmits field ends at q + 41, which must be the end or a byte that is no hex digit.
  if (q + 41 > end || (q + 41 < end && HEX_VALUE[b[q + 41]!]! >= 0)) return -2;
  if (
    b[ra - 1] !== 32 ||
    b[ra + aw] !== 58 ||
    b[q - 1] !== 32 ||
    b[q + 2] !== 32 ||
    b[q + 11] !== 58 ||
    b[q + 20] !== 32 ||
    b[q + 23] !== 58 ||
    b[q + 32] !== 32
  )
    return -2;
  // The addresses, decoded as decodeAddresses would (each 8-digit word read whole).
  if (aw === 8) {
    const l = fixedHex(b, a, 8);
    const f = fixedHex(b, ra, 8);
    if (l < 0 || f < 0) return -2;
    r.localV4 = swap32(l);
    r.remoteV4 = swap32(f);
  } else if (!kernelV6(b, a, st.words, st.local6) || !kernelV6(b, ra, st.words, st.remote6)) return -2;
  const lport = fixedHex(b, a + aw + 1, 4);
  const rport = fixedHex(b, ra + aw + 1, 4);
  const state = fixedHex(b, q, 2);
  const tx = fixedHex(b, q + 3, 8);
  const rx = fixedHex(b, q + 12, 8);
  const tr = fixedHex(b, q + 21, 2);
  const when = fixedHex(b, q + 24, 8);
  const retr = fixedHex(b, q + 33, 8);
  if ((lport | rport | state | tr) < 0 || tx < 0 || rx < 0 || when < 0 || retr < 0) return -2;
  r.slot = slot | 0;
  r.localPort = lport;
  r.remotePort = rport;
  if (aw === 8) {
    r.family = 4;
    r.localV6 = r.remoteV6 = null;
  } else {
    r.family = 6;
    r.localV6 = st.local6;
    r.remoteV6 = st.remote6;
    r.localV4 = r.remoteV4 = 0;
  }
  r.state = state;
  r.txQueue = tx;
  r.rxQueue = rx;
  r.timerCode = tr;
  r.timerWhen = when;
  r.retransmits = retr;
  if (!tail) return KERNEL_LINE;
  return plainTail(b, q + 41, end, r) ? KERNEL_LINE : -2;
}

/**
 * {@link scanLine} for a complete line of plain fields (what kernels print): returns 14 with
 * every field set, or -2 when the line needs the full scanner (which then sets the same fields
 * again, so nothing this function stored before giving up survives differently). Without `tail`,
 * it stops after the retransmits (field 11): uid, timeout and inode are left as they were. Those
 * three never decide whether a line is bogus (at most 11 fields are needed), so only a caller
 * that does not show them may pass false.
 */
function scanPlainLine(r: IpSocketRecord, b: Uint8Array, start: number, end: number, tail: boolean): number {
  let p = start;
  while (p < end && isSpace(b[p]!)) p++;
  let v = p < end ? plainNumber(b, p, end, false) : -1;
  if (v < 0) return -2;
  r.slot = v | 0;
  p = plainEnd;
  if (p >= end || b[p] !== 58) return -2;
  p++;
  while (p < end && isSpace(b[p]!)) p++;
  const ls = p;
  while (p < end && p - ls < 64 && HEX_VALUE[b[p]!]! >= 0) p++;
  const le = p;
  if (le === ls || p >= end || b[p] !== 58) return -2;
  v = plainNumber(b, p + 1, end, true);
  if (v < 0) return -2;
  r.localPort = v >>> 0;
  p = plainEnd;
  while (p < end && isSpace(b[p]!)) p++;
  const rs = p;
  while (p < end && p - rs < 64 && HEX_VALUE[b[p]!]! >= 0) p++;
  const re = p;
  if (re === rs || p >= end || b[p] !== 58) return -2;
  v = plainNumber(b, p + 1, end, true);
  if (v < 0) return -2;
  r.remotePort = v >>> 0;
  span[0] = ls;
  span[1] = le;
  span[2] = rs;
  span[3] = re;
  v = plainNumber(b, plainEnd, end, true);
  if (v < 0) return -2;
  r.state = v >>> 0;
  v = plainNumber(b, plainEnd, end, true);
  if (v < 0) return -2;
  r.txQueue = v;
  p = plainEnd;
  v = p < end && b[p] === 58 ? plainNumber(b, p + 1, end, true) : -1;
  if (v < 0) return -2;
  r.rxQueue = v;
  v = plainNumber(b, plainEnd, end, true);
  if (v < 0) return -2;
  r.timerCode = v >>> 0;
  p = plainEnd;
  v = p < end && b[p] === 58 ? plainNumber(b, p + 1, end, true) : -1;
  if (v < 0) return -2;
  r.timerWhen = v;
  v = plainNumber(b, plainEnd, end, true);
  if (v < 0) return -2;
  r.retransmits = v;
  if (!tail) return 14;
  return plainTail(b, plainEnd, end, r) ? 14 : -2;
}

/** Reads the decimal uid, timeout and inode fields from `p` on into `r`; false if one is not plain. */
function plainTail(b: Uint8Array, p: number, end: number, r: IpSocketRecord): boolean {
  let v = plainNumber(b, p, end, false);
  if (v < 0) return false;
  r.uid = v | 0;
  v = plainNumber(b, plainEnd, end, false);
  if (v < 0) return false;
  r.timeout = v | 0;
  v = plainNumber(b, plainEnd, end, false);
  if (v < 0) return false;
  r.inode = v;
  return true;
}

/** A fresh record with every field zero (the scanners fill it line by line). */
export function blankIpRecord(): IpSocketRecord {
  return {
    slot: 0,
    family: 4,
    localV4: 0,
    remoteV4: 0,
    localV6: null,
    remoteV6: null,
    localPort: 0,
    remotePort: 0,
    state: 0,
    txQueue: 0,
    rxQueue: 0,
    timerCode: 0,
    timerWhen: 0,
    retransmits: 0,
    uid: 0,
    timeout: 0,
    inode: 0,
  };
}

/** net-tools reads these tables with fgets into 8192 bytes: pieces of at most 8191 bytes. */
export const IP_TABLE_PIECE = 8191;

/**
 * Streams the records of a tcp/udp/udplite/raw table (v4 or v6 file; the first line is the
 * header) without keeping them: `each` gets one reused record object (copy it with
 * {@link copyIpRecord} to keep it), `bogus` the warning of each line with fewer than 11 (tcp) or
 * 10 (others) fields. As in net-tools, fields a short line lacks keep the previous line's values.
 * With `tail` false (text that shows neither user, inode, owner nor timers), the uid, timeout and
 * inode fields may be left unset.
 */
export function scanIpTable(
  data: Uint8Array | string,
  proto: IpProto,
  each: (r: IpSocketRecord) => void,
  bogus: (message: string) => void,
  tail = true,
): void {
  const buf = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  forEachPiece(buf, IP_TABLE_PIECE, ipTableScanner(proto, each, bogus, tail));
}

/**
 * {@link scanIpTable} as a handler of the file's fgets pieces (of at most {@link IP_TABLE_PIECE}
 * bytes, in file order, e.g. from {@link streamPieces}): the table is scanned as it is read, with
 * constant memory. One handler per pass over a file (it counts the header piece and keeps the
 * state that carries over from line to line).
 */
export function ipTableScanner(
  proto: IpProto,
  each: (r: IpSocketRecord) => void,
  bogus: (message: string) => void,
  tail = true,
): PieceHandler {
  const need = proto === 'tcp' ? 11 : 10;
  const forceRetr = proto === 'udp' || proto === 'udplite';
  const st: ScanState = {
    words: new Uint32Array(4),
    local6: new Uint8Array(16),
    remote6: new Uint8Array(16),
  };
  const r = blankIpRecord();
  const message = BOGUS[proto];
  let header = true;
  return (buf, start, end, nul) => {
    if (header) {
      header = false;
      return;
    }
    // A NUL byte ends the C string early: such a line always takes the full scanner.
    const plain = nul < 0;
    let n = plain ? scanKernelLine(r, st, buf, start, end, tail) : -2;
    if (n === -2 && plain) n = scanPlainLine(r, buf, start, end, tail);
    if (n === -2) n = scanLine(r, buf, start, end, nul);
    if (n < need) {
      bogus(message);
      return;
    }
    if (n !== KERNEL_LINE) decodeAddresses(r, st, buf);
    if (forceRetr) r.retransmits = 0;
    each(r);
  };
}

/** A copy of a record that owns its address bytes. */
export function copyIpRecord(r: IpSocketRecord): IpSocketRecord {
  return {
    ...r,
    localV6: r.localV6 ? r.localV6.slice() : null,
    remoteV6: r.remoteV6 ? r.remoteV6.slice() : null,
  };
}

/** Parses a whole table into records and diagnostics (see {@link scanIpTable}). Never throws. */
export function parseIpTable(data: Uint8Array | string, proto: IpProto): IpTableParse {
  const records: IpSocketRecord[] = [];
  const diagnostics: LineDiagnostic[] = [];
  scanIpTable(
    data,
    proto,
    (r) => records.push(copyIpRecord(r)),
    (message) => diagnostics.push({ message, atRecord: records.length }),
  );
  return { records, diagnostics };
}
