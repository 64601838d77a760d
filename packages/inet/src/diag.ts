/**
 * The live kernel's fast path for TCP sockets: NETLINK_SOCK_DIAG (inet_diag) dumps through the
 * native layer (`@netstat-ts/native`, imported only when this path is chosen), as records of the
 * /proc/net/tcp{,6} scanner. Only the fields the text shows without `-e`/`-o` are guaranteed to
 * equal the /proc file's (addresses, ports, state, queues, inode), so the caller uses this path
 * only for such listings; see {@link diagWanted}.
 */
import type { Host, NetstatOptions } from '@netstat-ts/core';
import type { IpSocketRecord } from './proc-net-ip.js';

/** NETLINK_SOCK_DIAG, SOCK_DIAG_BY_FAMILY, TCPDIAG_GETSOCK, NLM_F_REQUEST | NLM_F_DUMP. */
const NETLINK_SOCK_DIAG = 4;
const SOCK_DIAG_BY_FAMILY = 20;
const TCPDIAG_GETSOCK = 18;
const NLM_F_REQUEST_DUMP = 0x301;
const IPPROTO_TCP = 6;
const AF_INET = 2;
const AF_INET6 = 10;
const TCP_LISTEN = 10;
/** Every TCP state but LISTEN (bits 1..12 of the state numbers; 13 is NEW_SYN_RECV). */
const TCPF_ALL = 0xffffffff;
const TCPF_LISTEN = 1 << TCP_LISTEN;

/** The minimal part of the native layer this module uses. */
interface DiagSocket {
  send(msg: Buffer): void;
  recv(): Buffer | null;
  close(): void;
}
export interface DiagNative {
  ok: true;
  netlinkSocket(protocol: number): DiagSocket;
}

/** The kernel state filter of a listing: LISTEN only (`-l`), all but LISTEN (default), or all (`-a`). */
export function diagStates(sel: 'all' | 'listening' | 'connected'): number {
  if (sel === 'listening') return TCPF_LISTEN;
  if (sel === 'connected') return (TCPF_ALL & ~TCPF_LISTEN) >>> 0;
  return TCPF_ALL;
}

/**
 * A dump request for the TCP sockets of a state set: of one family (an inet_diag_req_v2), or of
 * both (`0`: the original TCPDIAG_GETSOCK request with its inet_diag_req, which the kernel answers
 * for AF_INET and AF_INET6 from one walk of its hash tables, where two family dumps walk them
 * twice; the walk of an empty family costs as much as a full one).
 */
export function diagRequest(family: 0 | 4 | 6, states: number): Buffer {
  if (family === 0) {
    const b = Buffer.alloc(16 + 60);
    b.writeUInt32LE(b.length, 0);
    b.writeUInt16LE(TCPDIAG_GETSOCK, 4);
    b.writeUInt16LE(NLM_F_REQUEST_DUMP, 6);
    b.writeUInt32LE(states >>> 0, 16 + 52);
    return b;
  }
  const b = Buffer.alloc(16 + 56);
  b.writeUInt32LE(b.length, 0);
  b.writeUInt16LE(SOCK_DIAG_BY_FAMILY, 4);
  b.writeUInt16LE(NLM_F_REQUEST_DUMP, 6);
  b[16] = family === 4 ? AF_INET : AF_INET6;
  b[17] = IPPROTO_TCP;
  b.writeUInt32LE(states >>> 0, 20);
  return b;
}

/** Reused address buffers of IPv6 diag records. */
const local6 = new Uint8Array(16);
const remote6 = new Uint8Array(16);

/** A little-endian u32 of `d` at `o` (Buffer#readUInt32LE checks its arguments on every call). */
function u32le(d: Buffer, o: number): number {
  return (d[o]! | (d[o + 1]! << 8) | (d[o + 2]! << 16)) + d[o + 3]! * 0x1000000;
}

/** A little-endian u16 of `d` at `o`. */
function u16le(d: Buffer, o: number): number {
  return d[o]! | (d[o + 1]! << 8);
}

/** A big-endian u32 of `d` at `o`. */
function u32be(d: Buffer, o: number): number {
  return d[o]! * 0x1000000 + ((d[o + 1]! << 16) | (d[o + 2]! << 8) | d[o + 3]!);
}

/**
 * A /proc/net/tcp{,6} record of the inet_diag_msg of the message at `off` of datagram `d`, in
 * `r` (reused; its IPv6 addresses are reused buffers too). The differences to the /proc line
 * are mapped: a LISTEN socket's wqueue is its backlog where /proc shows a Send-Q of 0; timers
 * are in ms where /proc counts 1/100 s.
 */
export function diagRecord(d: Buffer, off: number, family: 4 | 6, r: IpSocketRecord, slot: number): boolean {
  if (u32le(d, off) < 16 + 72 || off + 16 + 72 > d.length) return false;
  const p = off + 16;
  const state = d[p + 1]!;
  r.slot = slot;
  r.family = family;
  r.state = state;
  r.timerCode = d[p + 2]!;
  r.retransmits = d[p + 3]!;
  r.localPort = (d[p + 4]! << 8) | d[p + 5]!;
  r.remotePort = (d[p + 6]! << 8) | d[p + 7]!;
  if (family === 4) {
    r.localV4 = u32be(d, p + 8);
    r.remoteV4 = u32be(d, p + 24);
    r.localV6 = r.remoteV6 = null;
  } else {
    r.localV4 = r.remoteV4 = 0;
    for (let i = 0; i < 16; i++) {
      local6[i] = d[p + 8 + i]!;
      remote6[i] = d[p + 24 + i]!;
    }
    r.localV6 = local6;
    r.remoteV6 = remote6;
  }
  r.timerWhen = Math.floor(u32le(d, p + 52) / 10);
  r.rxQueue = u32le(d, p + 56);
  r.txQueue = state === TCP_LISTEN ? 0 : u32le(d, p + 60);
  r.uid = u32le(d, p + 64);
  r.timeout = 0;
  r.inode = u32le(d, p + 68);
  return true;
}

/**
 * Calls `each(datagram, offset)` for every message of a `family` socket in a dump's datagrams
 * (see {@link diagDump}), in the kernel's order (a dump of both families holds them interleaved).
 */
export function forEachDiagMessage(
  dump: DiagDump,
  each: (d: Buffer, off: number) => void,
  family: 4 | 6,
): void {
  const want = family === 4 ? AF_INET : AF_INET6;
  for (const d of dump.datagrams) {
    let off = 0;
    while (off + 16 <= d.length) {
      const len = u32le(d, off);
      if (len < 16 || off + len > d.length) break;
      if (
        u16le(d, off + 4) === dump.type &&
        u32le(d, off + 8) === dump.seq &&
        len > 16 &&
        d[off + 16] === want
      )
        each(d, off);
      off += (len + 3) & ~3;
    }
  }
}

/**
 * True when a TCP listing may come from inet_diag: the live system, the native layer allowed,
 * text output without the columns whose /proc values diag does not give the same way (`-e`
 * user, `-o` timers and retransmits, `-Z`), and enough sockets (`/proc/net/sockstat{,6}`) that
 * the dump beats reading the file even with the native layer's load time — or a LISTEN-only
 * listing of a large table, which the kernel filters itself.
 */
export function diagWanted(host: Host, o: NetstatOptions, nativeDisabled: boolean, v6: boolean): boolean {
  if (nativeDisabled || !host.isLive || o.extend >= 2 || o.timers || o.context) return false;
  return tcpSocketCount(host, v6) >= DIAG_THRESHOLD;
}

/** Sockets from which the dump pays (the native layer loads in ~10–30 ms). */
export const DIAG_THRESHOLD = 5000;

/** TCP sockets in use plus time-wait ones, from /proc/net/sockstat (and sockstat6). */
export function tcpSocketCount(host: Host, v6: boolean): number {
  let n = 0;
  for (const [file, tag] of [
    ['/proc/net/sockstat', 'TCP:'],
    ...(v6 ? [['/proc/net/sockstat6', 'TCP6:']] : []),
  ] as const) {
    const t = host.readText(file);
    if (t === null) continue;
    const line = t.split('\n').find((l) => l.startsWith(tag));
    if (!line) continue;
    const inuse = /\binuse (\d+)/.exec(line);
    const tw = /\btw (\d+)/.exec(line);
    n += (inuse ? Number(inuse[1]) : 0) + (tw ? Number(tw[1]) : 0);
  }
  return n;
}

/** The datagrams of one complete dump, its sequence number and its messages' type. */
export interface DiagDump {
  datagrams: Buffer[];
  seq: number;
  /** SOCK_DIAG_BY_FAMILY, or TCPDIAG_GETSOCK for a dump of both families. */
  type: number;
}

let native: Promise<DiagNative | null> | null = null;

/** Loads the native layer once (null when it is not available). */
export function loadDiag(): Promise<DiagNative | null> {
  native ??= import('@netstat-ts/native')
    .then((m) => m.loadNative())
    .then((n) => (n.ok ? (n as unknown as DiagNative) : null))
    .catch(() => null);
  return native;
}

const NLMSG_ERROR = 2;
const NLMSG_DONE = 3;
const NLM_F_DUMP_INTR = 0x10;
let nextSeq = 1;

/**
 * Dumps the TCP sockets of `family` (`0`: both, see {@link diagRequest}) in `states`: the raw
 * datagrams up to NLMSG_DONE (messages are decoded in place later, none is copied). An
 * interrupted dump (NLM_F_DUMP_INTR) is repeated; null on any failure (an error answer, no
 * answer, no native layer): the caller then reads /proc.
 */
export function diagDump(n: DiagNative, family: 0 | 4 | 6, states: number): DiagDump | null {
  let s: DiagSocket | null = null;
  try {
    s = n.netlinkSocket(NETLINK_SOCK_DIAG);
    const req = diagRequest(family, states);
    for (let attempt = 0; attempt < 3; attempt++) {
      const seq = nextSeq++;
      req.writeUInt32LE(seq, 8);
      s.send(req);
      const datagrams: Buffer[] = [];
      let interrupted = false;
      for (let done = false; !done; ) {
        const d = s.recv();
        if (d === null) return null;
        for (let off = 0; off + 16 <= d.length; ) {
          const len = u32le(d, off);
          if (len < 16 || off + len > d.length) return null;
          if (u32le(d, off + 8) === seq) {
            const type = u16le(d, off + 4);
            if (u16le(d, off + 6) & NLM_F_DUMP_INTR) interrupted = true;
            if (type === NLMSG_ERROR) return null;
            if (type === NLMSG_DONE) done = true;
          }
          off += (len + 3) & ~3;
        }
        datagrams.push(d);
      }
      if (!interrupted) return { datagrams, seq, type: family === 0 ? TCPDIAG_GETSOCK : SOCK_DIAG_BY_FAMILY };
    }
    return null;
  } catch {
    return null;
  } finally {
    s?.close();
  }
}
