/**
 * Parsers for /proc/net/sctp/eps and /proc/net/sctp/assocs (spec §2.8). Fields are split like C's
 * strtok: blanks between the fixed fields, then the address lists (`LADDRS <-> RADDRS`).
 */
import { type ByteInput, forEachInputPiece } from '@netstat-ts/core';
import { Cursor, type U64 } from './scan.js';

/** One address of an SCTP address list. */
export interface SctpAddress {
  /** The token as the kernel printed it (a leading `*` marks the primary path). */
  text: string;
  family: 4 | 6;
  /** Host-order IPv4 address (family 4; 255.255.255.255 when the text is not an address). */
  v4: number;
  /** 16 bytes (family 6). */
  v6: Uint8Array | null;
}

/** An SCTP endpoint (`eps`). */
export interface SctpEndpointRecord {
  endpoint: string;
  socket: string;
  type: string;
  state: number;
  hashBucket: string;
  /** LPORT as atoi() read it (netstat shows the low 16 bits). */
  port: number;
  uid: number;
  inode: U64;
  addresses: SctpAddress[];
}

/** An SCTP association (`assocs`). */
export interface SctpAssocRecord {
  assoc: string;
  socket: string;
  type: string;
  state: number;
  txQueue: number;
  rxQueue: number;
  uid: number;
  inode: U64;
  localPort: number;
  remotePort: number;
  local: SctpAddress[];
  remote: SctpAddress[];
}

/** Parse result: records, and bogus lines (`atRecord` = records parsed before them). */
export interface SctpParse<R> {
  records: R[];
  diagnostics: Array<{ message: string; atRecord: number }>;
}

/** C strtok over a string: successive tokens, each call with its own delimiter set. */
class Strtok {
  private pos = 0;
  constructor(private readonly s: string) {}
  next(delims: string): string | null {
    const s = this.s;
    let p = this.pos;
    while (p < s.length && delims.includes(s[p]!)) p++;
    if (p >= s.length) {
      this.pos = p;
      return null;
    }
    let e = p;
    while (e < s.length && !delims.includes(s[e]!)) e++;
    this.pos = e < s.length ? e + 1 : e;
    return s.slice(p, e);
  }
}

const cur = new Cursor();
/** Reads a C number from a token; the cursor holds the result (magnitude 0 if none). */
function num(token: string): Cursor {
  cur.reset(Buffer.from(token, 'latin1'), 0, token.length);
  if (!cur.number(10)) {
    cur.mag = 0;
    cur.neg = false;
  }
  return cur;
}

/** glibc inet_aton(): 1–4 parts in C bases; null when invalid. */
export function inetAton(s: string): number | null {
  const parts: number[] = [];
  let p = 0;
  for (;;) {
    const m = /^(0[xX][0-9a-fA-F]*|0[0-7]*|[1-9][0-9]*)/.exec(s.slice(p));
    if (!m) return null;
    const t = m[1]!;
    const v = /^0[xX]/.test(t)
      ? t.length > 2
        ? Number.parseInt(t.slice(2), 16)
        : 0
      : Number.parseInt(t, t[0] === '0' ? 8 : 10);
    if (!(v <= 0xffffffff)) return null;
    p += t.length;
    parts.push(v);
    if (s[p] === '.' && parts.length < 4) {
      p++;
      continue;
    }
    if (p !== s.length) return null;
    break;
  }
  const last = parts.pop()!;
  if (parts.some((x) => x > 255) || last > 0xffffffff / 256 ** parts.length) return null;
  let v = 0;
  for (const x of parts) v = v * 256 + x;
  return (v * 256 ** (4 - parts.length) + last) >>> 0;
}

/** Decodes one address token (`*` kept or stripped by the caller). */
export function sctpAddress(text: string): SctpAddress {
  if (text.includes(':')) {
    const b = new Uint8Array(16);
    const groups = text.split(':');
    for (let i = 0; i < 8 && i < groups.length; i++) {
      const m = /^[ \t]*[+-]?(?:0[xX])?([0-9a-fA-F]+)/.exec(groups[i]!);
      if (!m) break;
      const v = Number.parseInt(m[1]!.slice(-4), 16);
      b[i * 2] = v >>> 8;
      b[i * 2 + 1] = v & 255;
      if (m[0].length !== groups[i]!.length) break;
    }
    return { text, family: 6, v4: 0, v6: b };
  }
  return { text, family: 4, v4: inetAton(text) ?? 0xffffffff, v6: null };
}

function addressList(list: string | null, stripStar: boolean): SctpAddress[] {
  const out: SctpAddress[] = [];
  if (list === null) return out;
  const t = new Strtok(list);
  for (let a = t.next(' '); a !== null; a = t.next(' ')) {
    out.push(sctpAddress(stripStar && a.startsWith('*') ? a.slice(1) : a));
  }
  return out;
}

/** Bytes of one fgets piece: 2.10 reads the SCTP files with an 8 KiB line buffer. */
export const SCTP_PIECE = 8191;

/** Calls `each` with every line but the header, as a C string (cut at a NUL), piece by piece. */
function lines(data: ByteInput, each: (line: string) => void): void {
  let header = true;
  forEachInputPiece(data, SCTP_PIECE, (buf, start, end, nul) => {
    if (header) {
      header = false;
      return;
    }
    each(buf.toString('latin1', start, nul >= 0 && nul < end ? nul : end));
  });
}

const FIELD = ' \t\n';

/**
 * One pass over /proc/net/sctp/eps (bytes, a byte string or the piece feed of a streamed file;
 * header line skipped), in file order: `each` for every endpoint (a new object each time),
 * `bogus` for every unreadable line. Constant memory whatever the file's size.
 */
export function scanSctpEps(
  data: ByteInput,
  each: (r: SctpEndpointRecord) => void,
  bogus: (message: string) => void,
): void {
  lines(data, (line) => {
    const t = new Strtok(line);
    const f: string[] = [];
    for (let i = 0; i < 8; i++) {
      const x = t.next(FIELD);
      if (x === null) break;
      f.push(x);
    }
    if (f.length < 8) {
      bogus('warning, got bogus sctp eps line.');
      return;
    }
    each({
      endpoint: f[0]!,
      socket: f[1]!,
      type: f[2]!,
      state: num(f[3]!).int,
      hashBucket: f[4]!,
      port: num(f[5]!).int,
      uid: num(f[6]!).int,
      inode: num(f[7]!).ulong,
      addresses: addressList(t.next('\t\n'), false),
    });
  });
}

/**
 * One pass over /proc/net/sctp/assocs (bytes, a byte string or the piece feed of a streamed file;
 * header line skipped), in file order: `each` for every association (a new object each time),
 * `bogus` for every unreadable line. Constant memory whatever the file's size.
 */
export function scanSctpAssocs(
  data: ByteInput,
  each: (r: SctpAssocRecord) => void,
  bogus: (message: string) => void,
): void {
  lines(data, (line) => {
    const t = new Strtok(line);
    const f: string[] = [];
    for (let i = 0; i < 13; i++) {
      const x = t.next(FIELD);
      if (x === null) break;
      f.push(x);
    }
    if (f.length < 13) {
      bogus('warning, got bogus sctp assoc line.');
      return;
    }
    const local = t.next('<->\t\n');
    const remote = local === null ? null : t.next('<->\t\n');
    each({
      assoc: f[0]!,
      socket: f[1]!,
      type: f[2]!,
      state: num(f[3]!).int,
      txQueue: num(f[7]!).int >>> 0,
      rxQueue: num(f[8]!).int >>> 0,
      uid: num(f[9]!).int,
      inode: num(f[10]!).ulong,
      localPort: num(f[11]!).int,
      remotePort: num(f[12]!).int,
      local: addressList(local, true),
      remote: addressList(remote, true),
    });
  });
}

function collect<R>(
  scan: (data: ByteInput, each: (r: R) => void, bogus: (m: string) => void) => void,
  data: Uint8Array | string,
): SctpParse<R> {
  const records: R[] = [];
  const diagnostics: SctpParse<R>['diagnostics'] = [];
  scan(
    data,
    (r) => records.push(r),
    (message) => diagnostics.push({ message, atRecord: records.length }),
  );
  return { records, diagnostics };
}

/** Parses /proc/net/sctp/eps (header line skipped) at once: {@link scanSctpEps} streams it. */
export function parseSctpEps(data: Uint8Array | string): SctpParse<SctpEndpointRecord> {
  return collect(scanSctpEps, data);
}

/** Parses /proc/net/sctp/assocs (header line skipped) at once: {@link scanSctpAssocs} streams it. */
export function parseSctpAssocs(data: Uint8Array | string): SctpParse<SctpAssocRecord> {
  return collect(scanSctpAssocs, data);
}
