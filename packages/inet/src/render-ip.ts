/**
 * Text rows of tcp/udp/udplite/raw sockets (spec §2.3, §2.5): record selection and the
 * net-tools 2.10 row format, byte for byte.
 */
import {
  type ByteWriter,
  decimalWidth,
  isV4Mapped,
  padLeft,
  padRight,
  putDecimal,
  putIPv4,
  putIPv6,
  putSpaces,
  putText,
  type ServiceProto,
} from '@netstat-ts/core';
import {
  ownerOf,
  rowTail,
  type TailSettings,
  tcpStateName,
  timerText,
  udpStateName,
  userText,
} from './columns.js';
import { endpointText, type InetNamer } from './names.js';
import type { IpProto, IpSocketRecord } from './proc-net-ip.js';
import { type U64, u64Signed } from './scan.js';

/** Which records the listing shows: `all` (-a), `listening` (-l) or the connected default. */
export type Selection = 'all' | 'listening' | 'connected';

function isNull(r: IpSocketRecord): boolean {
  if (r.family === 4) return r.remoteV4 === 0;
  const b = r.remoteV6!;
  for (let i = 0; i < 16; i++) if (b[i] !== 0) return false;
  return true;
}

/**
 * True when the record is listed: tcp decides on the remote port (0 = listening), udp, udplite
 * and raw on the remote address (all-zero = listening).
 */
export function isShown(r: IpSocketRecord, proto: IpProto, sel: Selection): boolean {
  if (sel === 'all') return true;
  const listening = proto === 'tcp' ? r.remotePort === 0 : isNull(r);
  return sel === 'listening' ? listening : !listening;
}

/** The Proto column text of a table file: `tcp`, `tcp6`, `udp`, `udp6`, `udpl`, `udpl6`, `raw`, `raw6`. */
export function protoLabel(proto: IpProto, v6file: boolean): string {
  const base = proto === 'udplite' ? 'udpl' : proto;
  return v6file ? `${base}6` : base;
}

/** The service table a protocol's ports are named from. */
export function serviceProto(proto: IpProto): ServiceProto {
  return proto === 'tcp' ? 'tcp' : proto === 'raw' ? 'raw' : 'udp';
}

/** Host text of the local or remote address of a record. */
export function hostOf(r: IpSocketRecord, namer: InetNamer, remote: boolean): string {
  if (r.family === 4) return namer.v4Host(remote ? r.remoteV4 : r.localV4);
  return namer.v6Host(remote ? r.remoteV6! : r.localV6!);
}

/** Everything a row needs besides the record. */
export interface IpRowSettings {
  proto: IpProto;
  /** Proto column text ({@link protoLabel}). */
  label: string;
  namer: InetNamer;
  wide: boolean;
  tail: TailSettings;
}

/** The state column (already padded to 11) of a record. */
function stateColumn(r: IpSocketRecord, proto: IpProto): string {
  if (proto === 'tcp') return padRight(tcpStateName(r.state), 11);
  if (proto === 'raw') return padRight(String(r.state | 0), 11);
  return padRight(udpStateName(r.state), 11);
}

/** The row head (Proto column and its blanks) of a protocol's rows. */
function rowHead(proto: IpProto, label: string): string {
  return proto === 'udp' || proto === 'udplite' ? `${padRight(label, 5)} ` : `${padRight(label, 4)}  `;
}

/** One output line (with newline) for a record. */
export function renderIpRow(r: IpSocketRecord, s: IpRowSettings): string {
  const sp = serviceProto(s.proto);
  const local = s.namer.port(r.localPort, sp);
  const remote = s.namer.port(r.remotePort, sp);
  const l = endpointText(hostOf(r, s.namer, false), local, s.wide);
  const f = endpointText(hostOf(r, s.namer, true), remote, s.wide);
  const head = rowHead(s.proto, s.label);
  let line = `${head}${padLeft(u64Signed(r.rxQueue), 6)} ${padLeft(u64Signed(r.txQueue), 6)} ${padRight(l, 23)} ${padRight(f, 23)} ${stateColumn(r, s.proto)}`;
  const t = s.tail;
  if (!t.extended && !t.programs && !t.context && !t.timers) return `${line}\n`;
  const timer = t.timers
    ? timerText(s.proto === 'tcp', r.timerCode, r.timerWhen, u64Signed(r.retransmits), r.timeout)
    : '';
  line += rowTail(t, r.uid, r.inode, timer);
  return line;
}

/** Writes a queue column: `%6ld` of an unsigned 64-bit value. */
function putQueue(b: Uint8Array, p: number, v: U64): number {
  if (v === 0) {
    b[p + 5] = 48; // `     0`: the writer's bytes are blanks already
    return p + 6;
  }
  if (typeof v !== 'number') return putText(b, p, padLeft(u64Signed(v), 6));
  if (v < 100000) p += 6 - decimalWidth(v);
  return putDecimal(b, p, v);
}

/**
 * Writes `HOST:PORT` padded to 23 bytes plus a blank (the address column and its separator),
 * trimmed as {@link endpointText} trims it. `host` is the host text, or null for the numeric
 * text of `v6` (as `ipv6Name` gives it) or, without `v6`, the dotted quad of `v4`. `port` is the
 * port text, or null for the numeric text of `portNumber` (`*` for 0), written without a string.
 */
function putEndpoint(
  b: Uint8Array,
  p: number,
  host: string | null,
  v4: number,
  v6: Uint8Array | null,
  port: string | null,
  portNumber: number,
  wide: boolean,
): number {
  const start = p;
  if (host !== null) p = putText(b, p, host);
  else if (v6 === null) p = putIPv4(b, p, v4);
  else if (isV4Mapped(v6))
    p = putIPv4(b, p, ((v6[12]! << 24) | (v6[13]! << 16) | (v6[14]! << 8) | v6[15]!) >>> 0);
  else p = putIPv6(b, p, v6);
  const hlen = p - start;
  const n = portNumber & 0xffff;
  const plen = port !== null ? port.length : n === 0 ? 1 : decimalWidth(n);
  if (wide || hlen + plen <= 22) {
    b[p++] = 58;
    if (port !== null) p = putText(b, p, port);
    else if (n === 0) b[p++] = 42;
    else p = putDecimal(b, p, n);
  } else {
    const text = port ?? (n === 0 ? '*' : String(n));
    const keep = Math.min(plen, 18);
    p = start + Math.min(hlen, 22 - keep);
    b[p++] = 58;
    for (let i = 0; i < keep; i++) b[p++] = text.charCodeAt(i);
    putSpaces(b, p, start + hlen - p); // blank the cut-off host bytes again
  }
  // Pad to 23 and add the separating blank: those bytes are blanks already.
  return p < start + 23 ? start + 24 : p + 1;
}

/**
 * A writer of the rows {@link renderIpRow} renders, formatting straight into an output buffer:
 * the same bytes without building a string per row.
 */
export function ipRowWriter(s: IpRowSettings): (r: IpSocketRecord, w: ByteWriter) => void {
  const proto = s.proto;
  const sp = serviceProto(proto);
  const head = rowHead(proto, s.label);
  const namer = s.namer;
  const numeric = namer.numericHosts;
  const wide = s.wide;
  const t = s.tail;
  const plain = !t.extended && !t.programs && !t.context && !t.timers;
  const states = new Map<number, string>();
  // Numeric ports are written as digits (no string per port).
  const portNames = !namer.numericPorts;
  return (r, w) => {
    const lport = portNames ? namer.port(r.localPort, sp) : null;
    const rport = portNames ? namer.port(r.remotePort, sp) : null;
    let lhost: string | null = null;
    let rhost: string | null = null;
    if (numeric) {
      // numeric texts are written straight from the address
    } else if (r.family === 6) {
      lhost = namer.v6Host(r.localV6!);
      rhost = namer.v6Host(r.remoteV6!);
    } else {
      lhost = namer.v4Host(r.localV4);
      rhost = namer.v4Host(r.remoteV4);
    }
    let state = states.get(r.state);
    if (state === undefined) {
      state = stateColumn(r, proto);
      states.set(r.state, state);
    }
    w.reserve(
      (lhost === null ? 45 : lhost.length) +
        (rhost === null ? 45 : rhost.length) +
        (lport === null ? 5 : lport.length) +
        (rport === null ? 5 : rport.length) +
        state.length +
        128,
    );
    const b = w.buf;
    let p = putText(b, w.pos, head);
    p = putQueue(b, p, r.rxQueue);
    b[p++] = 32;
    p = putQueue(b, p, r.txQueue);
    b[p++] = 32;
    p = putEndpoint(b, p, lhost, r.localV4, r.localV6, lport, r.localPort, wide);
    p = putEndpoint(b, p, rhost, r.remoteV4, r.remoteV6, rport, r.remotePort, wide);
    p = putText(b, p, state);
    if (plain) {
      b[p++] = 10;
      w.pos = p;
      return;
    }
    w.pos = p;
    putTail(
      w,
      t,
      r.uid,
      r.inode,
      t.timers
        ? timerText(proto === 'tcp', r.timerCode, r.timerWhen, u64Signed(r.retransmits), r.timeout)
        : '',
    );
  };
}

/** Writes the bytes of {@link rowTail} (the newline included). */
export function putTail(w: ByteWriter, t: TailSettings, uid: number, inode: U64, timer: string): void {
  const user = t.extended ? userText(t, uid) : '';
  const owned = t.programs || t.context;
  const owner = owned ? ownerOf(t, inode) : undefined;
  const program = owned ? (owner ? owner.text : '-') : '';
  const context = t.context ? (owner?.context ?? '-') : '';
  w.reserve(user.length + program.length + context.length + timer.length + 128);
  const b = w.buf;
  let p = w.pos;
  // Padding moves past the writer's bytes, which are blanks already.
  if (t.extended) {
    let col = ++p;
    p = putText(b, p, user);
    if (p < col + 10) p = col + 10;
    col = ++p;
    p = typeof inode === 'number' ? putDecimal(b, p, inode) : putText(b, p, String(inode));
    if (p < col + 10) p = col + 10;
  }
  if (owned) {
    let col = ++p;
    p = putText(b, p, program);
    if (p < col + 20) p = col + 20;
    if (t.context) {
      col = ++p;
      p = putText(b, p, context);
      if (p < col + 50) p = col + 50;
    }
  }
  if (t.timers) p = putText(b, p + 1, timer);
  b[p++] = 10;
  w.pos = p;
}
