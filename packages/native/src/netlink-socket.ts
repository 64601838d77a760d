/**
 * A bound, non-blocking AF_NETLINK socket: send/recv on the main thread, a synchronous
 * request helper for dumps, and `readable()`, a poll on libuv's thread pool that an eventfd
 * wakes for shutdown, so waiting for events never blocks the event loop.
 */
import {
  decodeError,
  NLM_F_ACK,
  NLM_F_DUMP,
  NLM_F_DUMP_INTR,
  NLM_F_MULTI,
  NLMSG_DONE,
  NLMSG_ERROR,
  NLMSG_NOOP,
  NLMSG_OVERRUN,
  readHeader,
  setSeq,
} from './codec/index.js';
import { ERRNO, NativeError } from './errors.js';
import type { Libc } from './libc.js';

const AF_NETLINK = 16;
const SOCK_RAW = 3;
const SOCK_NONBLOCK = 0o4000;
const SOCK_CLOEXEC = 0o2000000;
const SOL_SOCKET = 1;
const SO_RCVBUF = 8;
const SO_RCVBUFFORCE = 33;
const SOL_NETLINK = 270;
const NETLINK_ADD_MEMBERSHIP = 1;
const MSG_DONTWAIT = 0x40;
const POLLIN = 0x1;
const EFD_NONBLOCK = 0o4000;
const EFD_CLOEXEC = 0o2000000;
const NLMSG_HDRLEN = 16;

/** Options of `NetlinkSocketFactory`. */
export interface NetlinkSocketOptions {
  /** Legacy multicast group bitmask for `bind` (`RTMGRP_LINK | …`); 0 = none. */
  groups?: number;
  /** Receive buffer size in bytes (SO_RCVBUFFORCE when permitted, else SO_RCVBUF). */
  rcvbuf?: number;
  /** Size of the receive buffer handed to recv (default 64 KiB; a dump datagram is ≤ ~32 KiB). */
  recvSize?: number;
}

/** Options of {@link NetlinkSocket.request}. */
export interface RequestOptions {
  /** How long to wait for each answer datagram (default 5000 ms). */
  timeoutMs?: number;
  /** How often to repeat a dump the kernel marks NLM_F_DUMP_INTR (default 3). */
  retries?: number;
}

/** What {@link NetlinkSocket.requestEach} did. */
export interface RequestEachResult {
  /** Messages handed to the callback. */
  messages: number;
  /** The kernel marked the dump NLM_F_DUMP_INTR (changed while dumped: entries may be missing or doubled). */
  interrupted: boolean;
}

/** One netlink socket. Every method but `readable` runs synchronously on the calling thread. */
export interface NetlinkSocket {
  readonly fd: number;
  readonly protocol: number;
  /** The port id the kernel assigned at bind time. */
  readonly portId: number;
  readonly closed: boolean;
  /** Sends one datagram to the kernel. Throws {@link NativeError}. */
  send(buf: Buffer): void;
  /**
   * Receives one datagram (a copy), or null when none is queued (EAGAIN). Throws
   * {@link NativeError}; `code === 'ENOBUFS'` means the kernel dropped messages (the socket stays
   * usable: dump again).
   */
  recv(): Buffer | null;
  /**
   * Sends a request and collects its answer synchronously: every message of the request's
   * sequence number (the header's seq is replaced by a fresh one) until NLMSG_DONE for a dump,
   * the ACK when NLM_F_ACK is set, else the first non-multipart reply. Returns each message
   * (header included) as its own Buffer. NLMSG_ERROR becomes a {@link NativeError} (`syscall`
   * `netlink`); an interrupted dump (NLM_F_DUMP_INTR) is repeated. Messages of other sequence
   * numbers (multicast events) are dropped: use a socket without groups for requests.
   */
  request(msg: Buffer, opts?: RequestOptions): Buffer[];
  /**
   * {@link request} without collecting: each message of the answer (header included) is handed
   * to `onMessage` as soon as its datagram is received, as a view into the socket's receive
   * buffer that is reused once the callback returns (copy what must be kept). So a large dump
   * is never held whole. An interrupted dump (NLM_F_DUMP_INTR) cannot be repeated (its first
   * messages are handed out already): it is reported in the result. Throws as `request` does;
   * a callback that throws ends the request (the rest of the answer is left unread).
   */
  requestEach(
    msg: Buffer,
    onMessage: (m: Buffer) => void,
    opts?: Pick<RequestOptions, 'timeoutMs'>,
  ): RequestEachResult;
  /** Joins a multicast group by number (any group, including those above 31). */
  addMembership(group: number): void;
  /**
   * Resolves when the socket is readable, when `signal` aborts, or when the socket is closed
   * (check `closed`/`signal.aborted` after). The wait is a `poll` on libuv's thread pool (it
   * holds one of its threads while pending); an eventfd wakes it.
   */
  readable(signal?: AbortSignal): Promise<void>;
  /** Wakes a pending `readable()` and closes both fds (after the poll has returned). */
  close(): void;
}

const open = new Set<NetlinkSocketImpl>();
let exitHookInstalled = false;

/** A pending thread-pool poll makes process exit wait for it: wake every one on 'exit'. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const s of open) s.close();
  });
}

let nextSeq = (Date.now() & 0x7fffffff) >>> 0;

class NetlinkSocketImpl implements NetlinkSocket {
  readonly fd: number;
  readonly portId: number;
  private readonly efd: number;
  private readonly rbuf: Buffer;
  private readonly pollfds = Buffer.alloc(16);
  private readonly pollOne = Buffer.alloc(8);
  private pending: Promise<void> | null = null;
  private isClosed = false;
  private fdsClosed = false;

  constructor(
    private readonly libc: Libc,
    readonly protocol: number,
    opts: NetlinkSocketOptions,
  ) {
    const fd = libc.socket(AF_NETLINK, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol);
    if (fd < 0) throw new NativeError('socket', libc.errno(), `AF_NETLINK protocol ${protocol}`);
    this.fd = fd;
    try {
      if (opts.rcvbuf) {
        const v = Buffer.alloc(4);
        v.writeInt32LE(opts.rcvbuf, 0);
        if (
          libc.setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, v, 4) < 0 &&
          libc.setsockopt(fd, SOL_SOCKET, SO_RCVBUF, v, 4) < 0
        )
          throw new NativeError('setsockopt', libc.errno(), 'SO_RCVBUF');
      }
      const sa = Buffer.alloc(12);
      sa.writeUInt16LE(AF_NETLINK, 0);
      sa.writeUInt32LE((opts.groups ?? 0) >>> 0, 8);
      if (libc.bind(fd, sa, 12) < 0) throw new NativeError('bind', libc.errno());
      const len = Buffer.alloc(4);
      len.writeUInt32LE(12, 0);
      if (libc.getsockname(fd, sa, len) < 0) throw new NativeError('getsockname', libc.errno());
      this.portId = sa.readUInt32LE(4);
      const efd = libc.eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
      if (efd < 0) throw new NativeError('eventfd', libc.errno());
      this.efd = efd;
    } catch (err) {
      libc.close(fd);
      throw err;
    }
    this.rbuf = Buffer.alloc(opts.recvSize ?? 65536);
    this.pollfds.writeInt32LE(this.fd, 0);
    this.pollfds.writeInt16LE(POLLIN, 4);
    this.pollfds.writeInt32LE(this.efd, 8);
    this.pollfds.writeInt16LE(POLLIN, 12);
    this.pollOne.writeInt32LE(this.fd, 0);
    this.pollOne.writeInt16LE(POLLIN, 4);
    open.add(this);
    installExitHook();
  }

  get closed(): boolean {
    return this.isClosed;
  }

  private check(): void {
    if (this.isClosed) throw new NativeError('netlink', ERRNO.EBADF ?? 9, 'socket is closed');
  }

  send(buf: Buffer): void {
    this.check();
    for (;;) {
      const n = this.libc.send(this.fd, buf, buf.length, 0);
      if (n >= 0) return;
      const e = this.libc.errno();
      if (e !== ERRNO.EINTR) throw new NativeError('send', e);
    }
  }

  recv(): Buffer | null {
    this.check();
    for (;;) {
      const n = this.libc.recv(this.fd, this.rbuf, this.rbuf.length, MSG_DONTWAIT);
      if (n >= 0) return Buffer.from(this.rbuf.subarray(0, n));
      const e = this.libc.errno();
      if (e === ERRNO.EAGAIN || e === ERRNO.EWOULDBLOCK) return null;
      if (e !== ERRNO.EINTR) throw new NativeError('recv', e);
    }
  }

  /** Blocks the calling thread until the socket is readable or `timeoutMs` passes. */
  private waitSync(timeoutMs: number): boolean {
    this.pollOne.writeInt16LE(0, 6);
    const r = this.libc.poll(this.pollOne, 1, timeoutMs);
    if (r < 0) {
      const e = this.libc.errno();
      if (e === ERRNO.EINTR) return true;
      throw new NativeError('poll', e);
    }
    return r > 0;
  }

  request(msg: Buffer, opts: RequestOptions = {}): Buffer[] {
    let retries = opts.retries ?? 3;
    for (;;) {
      const out: Buffer[] = [];
      const r = this.requestEach(msg, (m) => out.push(Buffer.from(m)), opts);
      if (!r.interrupted || retries-- <= 0) return out;
    }
  }

  /** Receives one datagram into the reused receive buffer; its length, or -1 when none is queued. */
  private recvInto(): number {
    this.check();
    for (;;) {
      const n = this.libc.recv(this.fd, this.rbuf, this.rbuf.length, MSG_DONTWAIT);
      if (n >= 0) return n;
      const e = this.libc.errno();
      if (e === ERRNO.EAGAIN || e === ERRNO.EWOULDBLOCK) return -1;
      if (e !== ERRNO.EINTR) throw new NativeError('recv', e);
    }
  }

  requestEach(
    msg: Buffer,
    onMessage: (m: Buffer) => void,
    opts: Pick<RequestOptions, 'timeoutMs'> = {},
  ): RequestEachResult {
    const timeoutMs = opts.timeoutMs ?? 5000;
    const req = Buffer.from(msg);
    const flags = readHeader(req).flags;
    const dump = (flags & NLM_F_DUMP) === NLM_F_DUMP;
    const ack = (flags & NLM_F_ACK) !== 0;
    nextSeq = (nextSeq + 1) >>> 0 || 1;
    const seq = nextSeq;
    setSeq(req, seq);
    this.send(req);
    const result: RequestEachResult = { messages: 0, interrupted: false };
    const b = this.rbuf;
    for (;;) {
      const n = this.recvInto();
      if (n < 0) {
        if (!this.waitSync(timeoutMs))
          throw new NativeError('netlink', ERRNO.ETIMEDOUT ?? 110, `no answer in ${timeoutMs} ms`);
        continue;
      }
      // The messages of the datagram, read in place (the layout of codec/nlmsg.ts's parseMessages).
      let off = 0;
      while (off + NLMSG_HDRLEN <= n) {
        const len = b.readUInt32LE(off);
        if (len < NLMSG_HDRLEN || off + len > n) break;
        const type = b.readUInt16LE(off + 4);
        const mflags = b.readUInt16LE(off + 6);
        const mseq = b.readUInt32LE(off + 8);
        const pid = b.readUInt32LE(off + 12);
        const at = off;
        off += (len + 3) & ~3;
        if (mseq !== seq || (pid !== this.portId && pid !== 0)) continue;
        if (mflags & NLM_F_DUMP_INTR) result.interrupted = true;
        if (type === NLMSG_NOOP || type === NLMSG_OVERRUN) continue;
        if (type === NLMSG_ERROR) {
          const e = decodeError(b.subarray(at + NLMSG_HDRLEN, at + len));
          if (e && e.errno !== 0) throw new NativeError('netlink', e.errno);
          return result;
        }
        if (type === NLMSG_DONE) {
          const e = len >= NLMSG_HDRLEN + 4 ? -b.readInt32LE(at + NLMSG_HDRLEN) : 0;
          if (e > 0) throw new NativeError('netlink', e);
          if (!ack) return result;
          continue;
        }
        result.messages++;
        onMessage(b.subarray(at, at + len));
        if (!dump && !ack && !(mflags & NLM_F_MULTI)) return result;
      }
    }
  }

  addMembership(group: number): void {
    this.check();
    const v = Buffer.alloc(4);
    v.writeUInt32LE(group >>> 0, 0);
    if (this.libc.setsockopt(this.fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, v, 4) < 0)
      throw new NativeError('setsockopt', this.libc.errno(), `NETLINK_ADD_MEMBERSHIP ${group}`);
  }

  private wake(): void {
    if (this.fdsClosed) return;
    const one = Buffer.alloc(8);
    one.writeBigUInt64LE(1n, 0);
    this.libc.write(this.efd, one, 8);
  }

  readable(signal?: AbortSignal): Promise<void> {
    if (this.isClosed || signal?.aborted) return Promise.resolve();
    if (this.pending) return this.pending;
    const onAbort = () => this.wake();
    signal?.addEventListener('abort', onAbort, { once: true });
    this.pollfds.writeInt16LE(0, 6);
    this.pollfds.writeInt16LE(0, 14);
    const fds = this.pollfds;
    this.pending = new Promise<void>((resolve, reject) => {
      this.libc.pollAsync(fds, 2, -1, (err, res) => {
        this.pending = null;
        signal?.removeEventListener('abort', onAbort);
        // Reset the eventfd whether or not it fired (non-blocking: EAGAIN when it did not).
        // revents are not read: koffi may hand the worker a copy of the buffer.
        if (!this.fdsClosed) this.libc.read(this.efd, Buffer.alloc(8), 8);
        if (this.isClosed) this.closeFds();
        if (err) reject(err instanceof Error ? err : new Error(String(err)));
        else if (res < 0 && !this.isClosed)
          reject(new NativeError('poll', ERRNO.EIO ?? 5, 'poll on the thread pool failed'));
        else resolve();
      });
    });
    return this.pending;
  }

  private closeFds(): void {
    if (this.fdsClosed) return;
    this.fdsClosed = true;
    this.libc.close(this.fd);
    this.libc.close(this.efd);
  }

  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    open.delete(this);
    if (this.pending) this.wake();
    else this.closeFds();
  }
}

/** Creates bound non-blocking netlink sockets on a bound libc. */
export function createNetlinkSocket(
  libc: Libc,
  protocol: number,
  opts: NetlinkSocketOptions = {},
): NetlinkSocket {
  return new NetlinkSocketImpl(libc, protocol, opts);
}
