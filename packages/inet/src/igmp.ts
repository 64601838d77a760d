/**
 * Parsers for /proc/net/igmp and /proc/net/igmp6 (spec §7), with net-tools 2.10's reader state:
 * the IPv4 device buffer read with `%15c` (not terminated, so a short name keeps the tail of the
 * previous one), the IPv6 word buffer converted in place, and the sticky "this file is IPv6" flag.
 */
import { type ByteInput, forEachInputPiece } from '@netstat-ts/core';
import { Cursor, HEX_VALUE } from './scan.js';

/** One membership: interface, reference count and group address. */
export interface GroupRecord {
  family: 4 | 6;
  /** Interface text as netstat prints it (byte string; IPv4 may keep trailing blanks). */
  device: string;
  users: number;
  /** Host-order IPv4 group (family 4). */
  v4: number;
  /** 16-byte IPv6 group (family 6). */
  v6: Uint8Array | null;
}

/** Reader state shared by the igmp and igmp6 files of a pass (and, for the IPv6 flag, later passes). */
export interface GroupReaderState {
  /** Set once a file's first line lacked `Device`: every later line uses the IPv6 pattern. */
  v6: boolean;
  /** The IPv4 header started with `Idx`. */
  idx: boolean;
  /** The 16-byte device buffer. */
  device: Uint8Array;
  /** The IPv6 address buffer (four 32-bit words). */
  words: Uint32Array;
}

/** A fresh reader state. */
export function newGroupState(): GroupReaderState {
  return { v6: false, idx: false, device: new Uint8Array(16), words: new Uint32Array(4) };
}

/** Result of one file: rows and `warning, got bogus igmp line <n>.` diagnostics. */
export interface GroupParse {
  records: GroupRecord[];
  diagnostics: Array<{ message: string; atRecord: number }>;
}

const cur = new Cursor();

function deviceText(st: GroupReaderState): string {
  const d = st.device;
  const nul = d.indexOf(0);
  return Buffer.from(d.buffer, d.byteOffset, nul < 0 ? 16 : nul).toString('latin1');
}

function swap32(v: number): number {
  return (((v & 255) << 24) | (((v >>> 8) & 255) << 16) | (((v >>> 16) & 255) << 8) | (v >>> 24)) >>> 0;
}

/** `%d %15s %64[0-9A-Fa-f] %d`; returns the record or null (bogus). */
function parseV6Line(st: GroupReaderState, buf: Uint8Array): GroupRecord | null {
  const c = cur;
  if (!c.number(10)) return null;
  c.skipSpace();
  const ds = c.pos;
  while (c.pos < c.end && c.pos - ds < 15 && buf[c.pos] !== 32 && !(buf[c.pos]! >= 9 && buf[c.pos]! <= 13))
    c.pos++;
  if (c.pos === ds) return null;
  st.device.fill(0);
  st.device.set(buf.subarray(ds, c.pos));
  c.skipSpace();
  const hs = c.hexRun(64);
  if (hs < 0) return null;
  const he = c.pos;
  if (!c.number(10)) return null;
  const users = c.int;
  const w = st.words;
  for (let i = 0; i < 4 && hs + i * 8 < he; i++) {
    let v = 0;
    for (let p = hs + i * 8; p < Math.min(he, hs + i * 8 + 8); p++) v = v * 16 + HEX_VALUE[buf[p]!]!;
    w[i] = v >>> 0;
  }
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 4; i++) {
    w[i] = swap32(w[i]!); // htonl in place
    bytes[i * 4] = w[i]! & 255;
    bytes[i * 4 + 1] = (w[i]! >>> 8) & 255;
    bytes[i * 4 + 2] = (w[i]! >>> 16) & 255;
    bytes[i * 4 + 3] = w[i]! >>> 24;
  }
  return { family: 6, device: deviceText(st), users, v4: 0, v6: bytes };
}

/** An IPv4 device line (`%d\t%15c` or `%15c`); false when bogus. */
function parseV4Device(st: GroupReaderState, buf: Uint8Array): boolean {
  const c = cur;
  if (st.idx) {
    if (!c.number(10)) return false;
    c.skipSpace();
  }
  if (c.pos >= c.end) return false;
  const n = Math.min(15, c.end - c.pos);
  st.device.set(buf.subarray(c.pos, c.pos + n));
  st.device[15] = 0;
  const text = deviceText(st);
  const colon = text.lastIndexOf(':');
  if (colon >= 0) st.device[colon] = 0;
  return true;
}

/** An IPv4 group line (`\t%8[0-9A-Fa-f] %d`). */
function parseV4Group(st: GroupReaderState, buf: Uint8Array): GroupRecord | null {
  const c = cur;
  c.skipSpace();
  const hs = c.hexRun(8);
  if (hs < 0) return null;
  const he = c.pos;
  if (!c.number(10)) return null;
  let v = 0;
  for (let p = hs; p < he; p++) v = v * 16 + HEX_VALUE[buf[p]!]!;
  return { family: 4, device: deviceText(st), users: c.int, v4: swap32(v >>> 0), v6: null };
}

/** Bytes of one fgets piece: 2.10 reads these files with an 8 KiB line buffer. */
export const GROUP_PIECE = 8191;

/** A copy of a reader state (the state one file's scan starts from, kept for later scans). */
export function copyGroupState(st: GroupReaderState): GroupReaderState {
  return { v6: st.v6, idx: st.idx, device: st.device.slice(), words: st.words.slice() };
}

/**
 * One pass over /proc/net/igmp or /proc/net/igmp6 (bytes, a byte string or the piece feed of a
 * streamed file), in file order: `each` for every membership (a new object each time), `bogus`
 * for every unreadable line, with the reader state shared by both files of a pass (updated in
 * place). Lines are read as 8 KiB fgets pieces: constant memory whatever the file's size.
 */
export function scanGroups(
  input: ByteInput,
  st: GroupReaderState,
  each: (r: GroupRecord) => void,
  bogus: (message: string) => void,
): void {
  let index = 0;
  forEachInputPiece(input, GROUP_PIECE, (buf, start, end, nul) => {
    cur.piece(buf, start, end, nul);
    if (index++ === 0) {
      const line = buf.toString('latin1', start, cur.end);
      if (line.includes('Device')) {
        st.idx = line.startsWith('Idx');
        return;
      }
      st.v6 = true;
    }
    const group = st.v6 || buf[start] === 9;
    const r = st.v6 ? parseV6Line(st, buf) : group ? parseV4Group(st, buf) : null;
    const ok = group ? r !== null : parseV4Device(st, buf);
    if (!ok) bogus(`warning, got bogus igmp${st.v6 ? '6' : ''} line ${index - 1}.`);
    else if (r) each(r);
  });
}

/**
 * Parses /proc/net/igmp or /proc/net/igmp6 with the reader state shared by both files of a pass;
 * the warning names the pattern actually used (`igmp` or `igmp6`), as in net-tools. The whole
 * file's records at once: {@link scanGroups} streams them.
 */
export function parseGroups(data: Uint8Array | string, st: GroupReaderState = newGroupState()): GroupParse {
  const records: GroupRecord[] = [];
  const diagnostics: GroupParse['diagnostics'] = [];
  scanGroups(
    data,
    st,
    (r) => records.push(r),
    (message) => diagnostics.push({ message, atRecord: records.length }),
  );
  return { records, diagnostics };
}
