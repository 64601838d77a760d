import * as fs from 'node:fs';
import * as path from 'node:path';
import { strerror } from './errno.js';

/** A failed file operation: the errno code name and glibc's message for it. */
export interface HostError {
  ok: false;
  /** errno code name, e.g. `ENOENT`, `EACCES`, `ENOTDIR`. */
  code: string;
  /** glibc strerror() text, e.g. `No such file or directory`. */
  message: string;
  /** The path as a program on the live system would name it (`/proc/net/tcp`). */
  path: string;
}

/** The result of reading a file: its bytes, or why not. */
export type ReadResult = { ok: true; data: Buffer } | HostError;

/** Where a Host finds `/proc`, `/sys` and `/etc`. */
export interface HostRoots {
  /** The system root (`/` for the live system, or a snapshot such as a sosreport). */
  root: string;
  /** Override for `/proc` (defaults to `<root>/proc`). */
  proc?: string;
  /** Override for `/sys` (defaults to `<root>/sys`). */
  sys?: string;
  /** Override for `/etc` (defaults to `<root>/etc`). */
  etc?: string;
  /**
   * Override for `/proc/net` (a real path, e.g. `/proc/1234/net` for the network namespace of
   * process 1234, or `<root>/proc/4242/net` in a sosreport). It chooses whose network tables are
   * read; it does not change {@link Host.isLive}.
   */
  net?: string;
  /**
   * The network namespace the tables belong to, when it is not the reader's own: the namespace
   * file as a live path (`/proc/1234/ns/net`, `/run/netns/NAME`) and its inode. Plugins that need
   * more than `/proc` (netlink, ioctl) must enter it, and must never trust `/sys/class/net` for it
   * (sysfs shows the namespace it was mounted in).
   */
  netns?: {
    file: string;
    inode: number;
    /**
     * Runs rtnetlink requests on a NETLINK_ROUTE socket made inside that namespace (a synchronous
     * setns of the main thread, always switched back) and returns each request's answer messages
     * (headers included). Absent when the native layer is not available.
     */
    rtnetlink?(requests: Buffer[]): Buffer[][];
  };
}

/** What {@link Host.stat} tells about a path. */
export interface HostStat {
  ok: true;
  /** Inode number (for a namespace file: the namespace's inode, as `ip netns identify` uses). */
  ino: number;
  dev: number;
  isDirectory: boolean;
  isFile: boolean;
}

/**
 * Capacity of the buffer a file of unknown size (procfs reports 0) is read into. Only the pages a
 * read touches are ever faulted in, so a large capacity costs nothing until it is used, and it
 * spares the copies of a growing buffer. A file that does not fit makes it double.
 */
const SCRATCH_SIZE = 16 << 20;

/** Room left in the buffer below which it is doubled before the next read(2). */
const MIN_ROOM = 64 << 10;

/**
 * A file of at least this many bytes keeps the buffer it was read into (no copy); a smaller one is
 * copied out and the buffer serves the next read.
 */
const HAND_OVER = 256 << 10;

/** The buffer files of unknown size are read into, shared by every Host (see {@link readUnsized}). */
let scratch: Buffer | undefined;

/**
 * Reads an open file of unknown size to its end. procfs files report size 0, and a seq_file hands
 * out about a page per read(2), so `readFileSync` would allocate a 64 KiB buffer per page and
 * concatenate them all at the end. Here they go into one buffer: a small file is copied out of it,
 * a large one takes the buffer over.
 */
function readUnsized(fd: number): Buffer {
  let buf = scratch ?? Buffer.allocUnsafeSlow(SCRATCH_SIZE);
  let len = 0;
  for (;;) {
    if (buf.length - len < MIN_ROOM) {
      const bigger = Buffer.allocUnsafeSlow(buf.length * 2);
      buf.copy(bigger, 0, 0, len);
      buf = bigger;
    }
    const n = fs.readSync(fd, buf, len, buf.length - len, null);
    if (n === 0) break;
    len += n;
  }
  if (len >= HAND_OVER) {
    scratch = undefined;
    return buf.subarray(0, len);
  }
  scratch = buf;
  const data = Buffer.allocUnsafe(len);
  buf.copy(data, 0, 0, len);
  return data;
}

function failure(err: unknown, p: string): HostError {
  const code = (err as NodeJS.ErrnoException)?.code ?? 'EIO';
  return { ok: false, code, message: strerror(code), path: p };
}

/**
 * The only door to the machine. Every path is written as on a live system (`/proc/net/tcp`,
 * `/etc/services`) and read under the injected root, so a snapshot or a fixture can stand in for
 * the live system. Reads are synchronous: a CLI gains nothing from async file I/O and loses time.
 */
export class Host {
  readonly roots: Readonly<HostRoots>;

  constructor(roots: HostRoots | string = '/') {
    this.roots = typeof roots === 'string' ? { root: roots } : { ...roots };
  }

  /** True when this host reads the live system (root `/` without overrides). */
  get isLive(): boolean {
    const r = this.roots;
    return path.resolve(r.root) === '/' && !r.proc && !r.sys && !r.etc;
  }

  /** The last directory {@link realPath} mapped, and its real path (a one-entry cache). */
  private lastDir = '';
  private lastReal = '';

  /** Maps a live-system path to the real path under the root. */
  realPath(p: string): string {
    // Paths in one directory (the fds of a process) share its mapping: map the directory once.
    const slash = p.lastIndexOf('/');
    if (slash > 0) {
      const dir = p.slice(0, slash);
      const name = p.slice(slash + 1);
      if (name !== '' && name !== '.' && name !== '..') {
        if (dir !== this.lastDir) {
          this.lastReal = this.mapPath(dir);
          this.lastDir = dir;
        }
        return this.lastReal === '/' ? `/${name}` : `${this.lastReal}/${name}`;
      }
    }
    return this.mapPath(p);
  }

  private mapPath(p: string): string {
    const r = this.roots;
    if (r.net !== undefined && (p === '/proc/net' || p.startsWith('/proc/net/'))) {
      const rest = p.slice(9);
      return rest ? path.join(r.net, rest) : r.net;
    }
    const top = p.startsWith('/proc')
      ? r.proc
      : p.startsWith('/sys')
        ? r.sys
        : p.startsWith('/etc')
          ? r.etc
          : undefined;
    if (top !== undefined) {
      const rest = p.replace(/^\/(proc|sys|etc)/, '');
      return rest ? path.join(top, rest) : top;
    }
    return r.root === '/' ? p : path.join(r.root, p);
  }

  /**
   * Reads a whole file. A file whose size is known is read in one go; one that reports size 0
   * (procfs) is read page by page into one large buffer (see {@link readUnsized}).
   */
  read(p: string): ReadResult {
    let fd = -1;
    try {
      fd = fs.openSync(this.realPath(p), 'r');
      const data = fs.fstatSync(fd).size > 0 ? fs.readFileSync(fd) : readUnsized(fd);
      return { ok: true, data };
    } catch (err) {
      return failure(err, p);
    } finally {
      if (fd >= 0) fs.closeSync(fd);
    }
  }

  /** Reads a whole file as a byte string (latin1), or returns null when it cannot be read. */
  readText(p: string): string | null {
    const r = this.read(p);
    return r.ok ? r.data.toString('latin1') : null;
  }

  /** Lists a directory in the order the file system returns it (readdir order, not sorted). */
  list(p: string): string[] | HostError {
    let dir: fs.Dir | undefined;
    try {
      dir = fs.opendirSync(this.realPath(p), { bufferSize: 256 });
      const names: string[] = [];
      for (let e = dir.readSync(); e !== null; e = dir.readSync()) names.push(e.name);
      return names;
    } catch (err) {
      return failure(err, p);
    } finally {
      try {
        dir?.closeSync();
      } catch {
        /* already closed */
      }
    }
  }

  /**
   * Lists a directory's names in no particular order (one call, faster than {@link list}), for
   * callers to whom the order does not matter.
   */
  names(p: string): string[] | HostError {
    try {
      return fs.readdirSync(this.realPath(p), 'latin1');
    } catch (err) {
      return failure(err, p);
    }
  }

  /** Reads a symbolic link's target as a byte string, or returns a HostError. */
  readLink(p: string): string | HostError {
    try {
      return fs.readlinkSync(this.realPath(p), 'latin1') as string;
    } catch (err) {
      return failure(err, p);
    }
  }

  /** True when the path exists (following links). */
  exists(p: string): boolean {
    return fs.existsSync(this.realPath(p));
  }

  /** stat(2) of a path (following links): inode, device and type, or a HostError. */
  stat(p: string): HostStat | HostError {
    try {
      const st = fs.statSync(this.realPath(p));
      return { ok: true, ino: st.ino, dev: st.dev, isDirectory: st.isDirectory(), isFile: st.isFile() };
    } catch (err) {
      return failure(err, p);
    }
  }

  /** A Host reading the same root with some roots replaced (e.g. another `/proc/net`). */
  with(roots: Partial<HostRoots>): Host {
    return new Host({ ...this.roots, ...roots });
  }

  /** True when the path is a directory. */
  isDirectory(p: string): boolean {
    try {
      return fs.statSync(this.realPath(p)).isDirectory();
    } catch {
      return false;
    }
  }
}

/** Formats a HostError like C's perror(path): `<path>: <strerror>`. */
export function perror(e: HostError): string {
  return `${e.path}: ${e.message}`;
}
