/**
 * `@netstat-ts/native`: netstat-ts's one door to the kernel interfaces Node lacks (AF_NETLINK
 * sockets, ioctl, setns), through koffi. Nothing happens at module load: {@link loadNative}
 * imports koffi with import() on first use. See README.md and docs/decisions/0007.
 */
import { closeSync, constants as fsConstants, openSync } from 'node:fs';
import { ERRNO, NativeError } from './errors.js';
import type { Libc } from './libc.js';
import { createNetlinkSocket, type NetlinkSocket, type NetlinkSocketOptions } from './netlink-socket.js';
import { CLONE_NEWNET, openNetns, setns, withNetns } from './netns.js';

export { ERRNO, errnoMessage, errnoName, isErrno, NativeError } from './errors.js';
export type {
  NetlinkSocket,
  NetlinkSocketOptions,
  RequestEachResult,
  RequestOptions,
} from './netlink-socket.js';
export { CLONE_NEWNET } from './netns.js';

const AF_INET = 2;
const SOCK_DGRAM = 2;
const SOCK_CLOEXEC = 0o2000000;

/** The loaded native layer. Every call but `NetlinkSocket.readable` is synchronous. */
export interface Native {
  readonly ok: true;
  /** koffi's version. */
  readonly version: string;
  /** A bound, non-blocking AF_NETLINK socket of `protocol` (`NETLINK.ROUTE`, …). */
  netlinkSocket(protocol: number, opts?: NetlinkSocketOptions): NetlinkSocket;
  /** `ioctl(fd, request, buf)`; returns its result, throws {@link NativeError} on -1. */
  ioctl(fd: number, request: number, buf: Buffer): number;
  /** An AF_INET datagram socket for interface ioctls (close it with `closeFd`). */
  inetSocket(): number;
  /**
   * Non-moving memory for structs that carry pointers (`struct ifconf`): `address` to store in
   * the struct, `view` to read it (copy what you keep), `free()` when done.
   */
  memory(size: number): { address: bigint; view: Buffer; free(): void };
  /** `close(2)`. */
  closeFd(fd: number): void;
  /** `setns(fd, nstype)` on the calling thread. */
  setns(fd: number, nstype?: number): void;
  /** Opens a namespace file read-only (`/run/netns/X`, `/proc/PID/ns/net`); returns the fd. */
  openNetns(path: string): number;
  /** Runs synchronous `fn` in another network namespace and always switches back. */
  withNetns<T>(target: string | number, fn: () => T): T;
  /**
   * Reads a live process's fd links relative to its open fd directory (`readlinkat`): a shorter
   * path walk in the kernel than `readlink` of `/proc/PID/fd/N`, and no JS string for a link
   * that is no socket. Over 40 000 links: 122-131 ms, against 174-230 ms with Node's
   * `readlinkSync`. For the `-p` walk (core's `FdLinkReader`).
   */
  fdLinks(): FdLinks;
}

/** Reads the fd links of live fd directories (see {@link Native.fdLinks}). */
export interface FdLinks {
  /** Opens an fd directory (`/proc/PID/fd`); null when it cannot be opened (gone, denied). */
  open(dir: string): FdDirLinks | null;
}

/** The links of one open fd directory. */
export interface FdDirLinks {
  /**
   * The target of link `name` when it names a socket (`socket:[…` or the 2.0-era `[0000]:…`),
   * cut to 29 bytes (as netstat reads it); null for any other target or a link gone; false when
   * reading it is denied (EACCES, EPERM: then the process's other links are too).
   */
  read(name: string): string | null | false;
  /** Closes the directory. */
  close(): void;
}

/** Why the native layer is not available. */
export interface NativeUnavailable {
  readonly ok: false;
  readonly reason: string;
}

let cached: Promise<Native | NativeUnavailable> | null = null;

/**
 * Loads koffi and binds libc, once per process. `disabled` (the CLI passes
 * `NETSTAT_NO_NATIVE=1`) returns `{ ok: false }` without importing anything. Never throws.
 */
export function loadNative(opts: { disabled?: boolean } = {}): Promise<Native | NativeUnavailable> {
  if (opts.disabled) return Promise.resolve({ ok: false, reason: 'disabled by NETSTAT_NO_NATIVE=1' });
  cached ??= load();
  return cached;
}

async function load(): Promise<Native | NativeUnavailable> {
  let libc: Libc;
  try {
    const { bindLibc } = await import('./libc.js');
    libc = await bindLibc();
  } catch (err) {
    return {
      ok: false,
      reason: `koffi could not be loaded: ${((err as Error)?.message ?? String(err)).split('\n')[0]}`,
    };
  }
  return nativeFromLibc(libc);
}

/** Builds the {@link Native} API over a bound libc (tests may pass a fake one). */
export function nativeFromLibc(libc: Libc): Native {
  return {
    ok: true,
    version: libc.version,
    netlinkSocket: (protocol, o) => createNetlinkSocket(libc, protocol, o),
    ioctl(fd, request, buf) {
      const r = libc.ioctl(fd, request, buf);
      if (r < 0) throw new NativeError('ioctl', libc.errno(), `request 0x${request.toString(16)}`);
      return r;
    },
    inetSocket() {
      const fd = libc.socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
      if (fd < 0) throw new NativeError('socket', libc.errno(), 'AF_INET');
      return fd;
    },
    memory: (size) => libc.memory(size),
    closeFd(fd) {
      libc.close(fd);
    },
    setns: (fd, nstype = CLONE_NEWNET) => setns(libc, fd, nstype),
    openNetns,
    withNetns: (target, fn) => withNetns(libc, target, fn),
    fdLinks: () => fdLinksOf(libc),
  };
}

const O_DIRECTORY = 0o200000;
const O_CLOEXEC = 0o2000000;

/** {@link Native.fdLinks} over `libc`. */
function fdLinksOf(libc: Libc): FdLinks {
  // Long enough for every socket link and for the 29 bytes of any other: a longer target is cut.
  const buf = Buffer.alloc(64);
  const denied = new Set([ERRNO.EACCES, ERRNO.EPERM]);
  return {
    open(dir) {
      let fd: number;
      try {
        fd = openSync(dir, fsConstants.O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      } catch {
        return null;
      }
      return {
        read(name) {
          const r = libc.readlinkat(fd, name, buf, buf.length);
          if (r < 0) return denied.has(libc.errno()) ? false : null;
          // socket:[ or [0000]: (the bytes are checked before any string is made)
          const socket = r >= 8 && buf[0] === 0x73 && buf[6] === 0x3a && buf[7] === 0x5b;
          const old = r >= 7 && buf[0] === 0x5b && buf[5] === 0x5d && buf[6] === 0x3a;
          if (!socket && !old) return null;
          const text = buf.toString('latin1', 0, Math.min(r, 29));
          return text.startsWith('socket:[') || text.startsWith('[0000]:') ? text : null;
        },
        close() {
          try {
            closeSync(fd);
          } catch {
            // closed already
          }
        },
      };
    },
  };
}
