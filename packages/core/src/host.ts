import {
  closeSync,
  constants,
  type Dir,
  existsSync,
  fstatSync,
  lstatSync,
  opendirSync,
  openSync,
  readdirSync,
  readlinkSync,
  readSync,
  realpathSync,
  type Stats,
  statSync,
} from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { strerror } from './errno.js';

/** A failed file operation: the errno code name and glibc's message for it. */
export interface HostError {
  ok: false;
  /**
   * errno code name, e.g. `ENOENT`, `EACCES`, `ENOTDIR`, `ELOOP`; `EFBIG` for a file over
   * {@link HostOptions.maxFileSize}; `ENOTREG` (no errno of its own) for a FIFO, device or socket
   * that the Host refuses to open; `EOUTSIDE` (likewise) for a file of a snapshot that turned out
   * to lie outside the root when opened (the snapshot changed during the lookup).
   */
  code: string;
  /** glibc strerror() text, e.g. `No such file or directory` (never a Node error code). */
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
    /**
     * Makes an AF_INET datagram socket inside that namespace (same setns) and returns its fd, for
     * the interface ioctls that name a device (SIOCGIFMAP): a socket stays bound to the namespace
     * it was made in. The caller closes it. Absent when the native layer is not available.
     */
    inetSocket?(): number;
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
  /** Size in bytes (for a live `/proc/PID/fd` on Linux 6.2+: the number of open fds). */
  size: number;
}

/** Limits of a Host. */
export interface HostOptions {
  /**
   * Largest file {@link Host.read} returns (bytes, default {@link DEFAULT_MAX_FILE_SIZE}). A bigger
   * one (or one that never ends) is refused with `EFBIG` after at most this many bytes were read.
   */
  maxFileSize?: number;
}

/** Options of one {@link Host.read}. */
export interface ReadOptions {
  /**
   * Read at most this many bytes and stop there, as one bounded `read(2)` does (e.g. 2.10 reads
   * 511 bytes of `/proc/PID/cmdline`); the rest of the file is neither read nor an error.
   */
  max?: number;
}

/**
 * Default of {@link HostOptions.maxFileSize}: 500 MiB, just under the longest string V8 can make
 * (the text parsers decode a whole file). It bounds {@link Host.read} only: the tables that can be
 * large (sockets, routes) are read with {@link Host.stream}, which has no limit.
 */
export const DEFAULT_MAX_FILE_SIZE = 500 << 20;

/** How many symbolic links one path lookup under a snapshot root may follow (the kernel's 40). */
export const SYMLINK_HOP_LIMIT = 40;

/** The message of the `ENOTREG` refusal. */
const NOT_REGULAR = 'Not a regular file (a FIFO, device or socket is not read)';

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

/** The buffer files of unknown size are read into, shared by every Host (see {@link readAll}). */
let scratch: Buffer | undefined;

/** Flags of every open: never block (FIFO, tty), never become the controlling terminal. */
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY;

/** Under a snapshot root the last component was resolved by hand: a link there now is a race. */
const SNAPSHOT_OPEN_FLAGS = OPEN_FLAGS | constants.O_NOFOLLOW;

/** Thrown inside {@link readAll} when a file passes the size limit. */
class TooLarge extends Error {}

/**
 * Reads an open regular file to its end (or to `max` bytes). procfs files report size 0, and a
 * seq_file hands out about a page per read(2), so `readFileSync` would allocate a 64 KiB buffer
 * per page and concatenate them all at the end. Here they go into one buffer: a small file is
 * copied out of it, a large one takes the buffer over. Memory is bounded by `limit` (plus the
 * doubling slack): a file that grows past it throws {@link TooLarge}.
 */
function readAll(fd: number, size: number, limit: number, max: number | undefined): Buffer {
  if (max !== undefined) {
    const b = Buffer.allocUnsafe(max);
    let len = 0;
    while (len < max) {
      const n = readSync(fd, b, len, max - len, null);
      if (n === 0) break;
      len += n;
    }
    return b.subarray(0, len);
  }
  if (size > limit) throw new TooLarge();
  let buf: Buffer;
  if (size > 0) buf = Buffer.allocUnsafeSlow(size + MIN_ROOM);
  else buf = scratch ?? Buffer.allocUnsafeSlow(SCRATCH_SIZE);
  let len = 0;
  for (;;) {
    if (buf.length - len < MIN_ROOM) {
      if (len > limit) throw new TooLarge();
      const bigger = Buffer.allocUnsafeSlow(Math.min(buf.length * 2, limit + 2 * MIN_ROOM));
      buf.copy(bigger, 0, 0, len);
      buf = bigger;
    }
    const n = readSync(fd, buf, len, buf.length - len, null);
    if (n === 0) break;
    len += n;
    if (len > limit) throw new TooLarge();
  }
  if (size > 0) return len === buf.length ? buf : buf.subarray(0, len);
  if (len >= HAND_OVER) {
    if (buf === scratch) scratch = undefined;
    return buf.subarray(0, len);
  }
  scratch = buf;
  const data = Buffer.allocUnsafe(len);
  buf.copy(data, 0, 0, len);
  return data;
}

/** libuv's description in a Node error message (`ENOTSUP: operation not supported, open 'x'`). */
function uvText(err: unknown): string | undefined {
  const m = /^[A-Z0-9_]+: ([^,]+)/.exec((err as Error)?.message ?? '');
  return m ? m[1]![0]!.toUpperCase() + m[1]!.slice(1) : undefined;
}

function failure(err: unknown, p: string): HostError {
  let code = (err as NodeJS.ErrnoException)?.code ?? 'EIO';
  if (err instanceof TooLarge) code = 'EFBIG';
  if (code.startsWith('ERR_')) code = code === 'ERR_FS_FILE_TOO_LARGE' ? 'EFBIG' : 'EIO';
  return fail(code, p, err);
}

function fail(code: string, p: string, err?: unknown): HostError {
  let message = strerror(code);
  if (code === 'ENOTREG') message = NOT_REGULAR;
  else if (code === 'EOUTSIDE') message = 'Refused: the open file lies outside the root';
  else if (message === code) message = uvText(err) ?? 'Input/output error';
  return { ok: false, code, message, path: p };
}

/** What a hand-made lookup found: the real path and the kind of file there. */
interface Found {
  real: string;
  /** `dir`, `file` (regular), `link` (only when the last link was not followed), or `other`. */
  kind: 'dir' | 'file' | 'link' | 'other';
}

function kindOf(st: Stats): Found['kind'] {
  if (st.isFile()) return 'file';
  if (st.isDirectory()) return 'dir';
  if (st.isSymbolicLink()) return 'link';
  return 'other';
}

/** Whether readlink(/proc/self/fd/N) names open files (checked once; false without procfs). */
let fdPathsWork: boolean | undefined;

/**
 * The only door to the machine. Every path is written as on a live system (`/proc/net/tcp`,
 * `/etc/services`) and read under the injected root, so a snapshot or a fixture can stand in for
 * the live system. Reads are synchronous: a CLI gains nothing from async file I/O and loses time.
 *
 * Under a snapshot root (anything but the live `/` without overrides) the root is a wall: every
 * path is looked up by hand, one component at a time, as if the root were `/` (a chroot): `..`
 * stops at the root, an absolute symbolic link starts again at the root, a relative one goes on
 * from its directory, and a lookup follows at most {@link SYMLINK_HOP_LIMIT} links (then
 * `ELOOP`). The `proc`, `sys` and `etc` overrides act like bind mounts at `/proc`, `/sys` and
 * `/etc`. Files are then opened without following a link (`O_NOFOLLOW`) and the open file is
 * checked to lie under the root (or an override), so a snapshot changed while it is read cannot
 * lead a read outside either. The live root keeps the plain paths (no per-component work).
 *
 * Every open is non-blocking; FIFOs, devices and sockets are refused (`ENOTREG`) before they are
 * read, directories give `EISDIR`, and a file over {@link HostOptions.maxFileSize} gives `EFBIG`.
 */
export class Host {
  readonly roots: Readonly<HostRoots>;
  /** The limits in force. */
  readonly limits: Readonly<Required<HostOptions>>;
  private readonly live: boolean;
  /** Real (symlink-free) paths of the root and of the overrides, for a snapshot root. */
  private readonly rootReal: string = '';
  private readonly mounts: ReadonlyArray<{ virt: string; real: string }> = [];
  /** Virtual directory path -> the canonical virtual directory it resolves to (snapshot roots). */
  private dirs = new Map<string, string>();

  constructor(roots: HostRoots | string = '/', options: HostOptions = {}) {
    this.roots = typeof roots === 'string' ? { root: roots } : { ...roots };
    this.limits = { maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE };
    const r = this.roots;
    this.live = resolve(r.root) === '/' && !r.proc && !r.sys && !r.etc;
    if (!this.live) {
      const real = (p: string) => {
        try {
          return realpathSync(p);
        } catch {
          return resolve(p);
        }
      };
      this.rootReal = real(r.root);
      const mounts: { virt: string; real: string }[] = [];
      // a net override is a mount at /proc/net, listed first so that it wins over one at /proc
      if (r.net) mounts.push({ virt: '/proc/net', real: real(r.net) });
      if (r.proc) mounts.push({ virt: '/proc', real: real(r.proc) });
      if (r.sys) mounts.push({ virt: '/sys', real: real(r.sys) });
      if (r.etc) mounts.push({ virt: '/etc', real: real(r.etc) });
      this.mounts = mounts;
    }
  }

  /** True when this host reads the live system (root `/` without overrides). */
  get isLive(): boolean {
    return this.live;
  }

  /**
   * Forgets the directory lookups cached so far (snapshot roots). A run that reads the same
   * snapshot again later (each pass of `-c`) calls it first, so a changed snapshot is looked up
   * anew.
   */
  refresh(): void {
    this.dirs = new Map();
  }

  /**
   * Maps a live-system path to the real path under the root. Under a snapshot root this is the
   * path after the chroot-like lookup (links followed); a path that cannot be looked up maps to
   * its lexical place under the root (which stays under the root).
   */
  realPath(p: string): string {
    if (this.live) return this.liveNet(p);
    const f = this.resolve(p, true);
    return 'real' in f ? f.real : this.toReal(posix.normalize(`/${p}`).replace(/\/$/, ''));
  }

  /** A live path with the `/proc/net` override applied (live roots keep plain paths otherwise). */
  private liveNet(p: string): string {
    const net = this.roots.net;
    if (net === undefined || !(p === '/proc/net' || p.startsWith('/proc/net/'))) return p;
    const rest = p.slice(9);
    return rest ? join(net, rest) : net;
  }

  /** The real path of a canonical virtual path (`''` is the root, else `/a/b`). */
  private toReal(virt: string): string {
    for (const m of this.mounts) {
      if (virt === m.virt) return m.real;
      if (virt.startsWith(m.virt) && virt.charCodeAt(m.virt.length) === 47)
        return m.real + virt.slice(m.virt.length);
    }
    return this.rootReal === '/' ? virt || '/' : this.rootReal + virt;
  }

  /**
   * Looks a path up under the snapshot root, component by component, as the kernel would under
   * a chroot (see the class comment). With `followLast` false a final symbolic link is returned
   * as `link`. The directory part of a path is cached (see {@link refresh}): the fds of one
   * process, the files of one directory share it.
   */
  private resolve(p: string, followLast: boolean): Found | HostError {
    const slash = p.lastIndexOf('/');
    const dirKey = slash > 0 ? p.slice(0, slash) : '';
    let base = dirKey === '' ? '' : this.dirs.get(dirKey);
    if (base === undefined) {
      const d = this.walk(p, '', dirKey.split('/'), true);
      if (!('real' in d)) return d;
      if (d.kind !== 'dir') return fail('ENOTDIR', p);
      base = d.virt;
      if (this.dirs.size > 65536) this.dirs.clear();
      this.dirs.set(dirKey, base);
    }
    return this.walk(p, base, [p.slice(slash + 1)], followLast);
  }

  /**
   * The lookup itself: walks `comps` from the canonical virtual directory `start`. `p` is the
   * path the caller asked for (named in errors).
   */
  private walk(
    p: string,
    start: string,
    comps: string[],
    followLast: boolean,
  ): (Found & { virt: string }) | HostError {
    const pending: string[] = [];
    for (let i = comps.length - 1; i >= 0; i--) {
      const c = comps[i]!;
      if (c !== '' && c !== '.') pending.push(c);
    }
    let virt = start;
    let hops = 0;
    while (pending.length > 0) {
      const c = pending.pop()!;
      if (c === '..') {
        virt = virt.slice(0, Math.max(0, virt.lastIndexOf('/')));
        continue;
      }
      const next = `${virt}/${c}`;
      const last = pending.length === 0;
      if (!last) {
        const known = this.dirs.get(next);
        if (known !== undefined) {
          virt = known;
          continue;
        }
      }
      const real = this.toReal(next);
      let st: Stats;
      try {
        st = lstatSync(real);
      } catch (err) {
        return failure(err, p);
      }
      if (st.isSymbolicLink()) {
        if (last && !followLast) return { real, kind: 'link', virt: next };
        if (++hops > SYMLINK_HOP_LIMIT) return fail('ELOOP', p);
        let target: string;
        try {
          target = readlinkSync(real, 'latin1') as string;
        } catch (err) {
          return failure(err, p);
        }
        if (target.startsWith('/')) virt = '';
        const parts = target.split('/');
        for (let i = parts.length - 1; i >= 0; i--) {
          const t = parts[i]!;
          if (t !== '' && t !== '.') pending.push(t);
        }
        continue;
      }
      if (st.isDirectory()) {
        this.dirs.set(next, next);
        virt = next;
        continue;
      }
      if (!last) return fail('ENOTDIR', p);
      return { real, kind: kindOf(st), virt: next };
    }
    // Ended on a directory (the root, `..`, or a link to a directory).
    const real = this.toReal(virt);
    if (virt === '' || this.mounts.some((m) => m.virt === virt)) {
      // The root (or an override) itself: it must exist and be a directory.
      try {
        if (!statSync(real).isDirectory()) return fail('ENOTDIR', p);
      } catch (err) {
        return failure(err, p);
      }
    }
    return { real, kind: 'dir', virt };
  }

  /** Checks that an open fd lies under the root or an override (a snapshot changed under us). */
  private insideRoot(fd: number): boolean {
    if (fdPathsWork === false) return true;
    let where: string;
    try {
      where = readlinkSync(`/proc/self/fd/${fd}`);
      fdPathsWork = true;
    } catch {
      if (fdPathsWork === undefined) fdPathsWork = false;
      return fdPathsWork !== true;
    }
    const under = (base: string) =>
      base === '/' || where === base || (where.startsWith(base) && where.charCodeAt(base.length) === 47);
    return under(this.rootReal) || this.mounts.some((m) => under(m.real));
  }

  /**
   * Reads a whole file. A file whose size is known is read in one go; one that reports size 0
   * (procfs) is read page by page into one large buffer. With `options.max`, at most that many
   * bytes are read. Never blocks: FIFOs, devices and sockets are refused (`ENOTREG`), a file
   * over the size limit gives `EFBIG`.
   */
  read(p: string, options?: ReadOptions): ReadResult {
    let fd = -1;
    try {
      const o = this.openRegular(p);
      if (!('fd' in o)) return o;
      fd = o.fd;
      return { ok: true, data: readAll(fd, o.size, this.limits.maxFileSize, options?.max) };
    } catch (err) {
      const e = failure(err, p);
      if (err instanceof TooLarge) e.message = `File too large (over ${this.limits.maxFileSize} bytes)`;
      return e;
    } finally {
      if (fd >= 0) closeSync(fd);
    }
  }

  /**
   * Opens a regular file for reading as {@link read} and {@link stream} do: never blocking, under
   * a snapshot root looked up by hand and checked to lie inside it; a directory, FIFO, device or
   * socket is refused. The caller closes the fd; on a refusal nothing is left open. Throws what
   * open(2) throws.
   */
  private openRegular(p: string): { fd: number; size: number } | HostError {
    let fd = -1;
    try {
      if (this.live) {
        fd = openSync(this.realPath(p), OPEN_FLAGS);
      } else {
        const f = this.resolve(p, true);
        if (!('real' in f)) return f;
        if (f.kind === 'dir') return fail('EISDIR', p);
        if (f.kind !== 'file') return fail('ENOTREG', p);
        fd = openSync(f.real, SNAPSHOT_OPEN_FLAGS);
        if (!this.insideRoot(fd)) return fail('EOUTSIDE', p);
      }
      const st = fstatSync(fd);
      if (st.isDirectory()) return fail('EISDIR', p);
      if (!st.isFile()) return fail('ENOTREG', p);
      const opened = { fd, size: st.size };
      fd = -1;
      return opened;
    } finally {
      if (fd >= 0) closeSync(fd);
    }
  }

  /**
   * Reads a file piece by piece without ever holding it whole: `each(chunk)` gets every piece as
   * it is read (the buffer is reused: copy what must outlive the call). For tables too large to
   * read at once (a conntrack table of 100 000 entries). Opened like {@link read} (never blocks,
   * stays under a snapshot root); no size limit, since nothing is kept. Returns null when done,
   * or why the file could not be opened or read (`each` may have seen part of it before a read
   * error).
   */
  stream(p: string, each: (chunk: Buffer) => void, chunkSize = 256 << 10): HostError | null {
    let fd = -1;
    try {
      const o = this.openRegular(p);
      if (!('fd' in o)) return o;
      fd = o.fd;
      const buf = Buffer.allocUnsafe(chunkSize);
      for (;;) {
        const n = readSync(fd, buf, 0, buf.length, null);
        if (n === 0) return null;
        each(buf.subarray(0, n));
      }
    } catch (err) {
      return failure(err, p);
    } finally {
      if (fd >= 0) closeSync(fd);
    }
  }

  /**
   * Checks that a file can be opened as {@link read} and {@link stream} open it (regular, inside a
   * snapshot root, readable) without reading a byte: null when it can, else why not. For a table
   * that is streamed later, whose open outcome decides its status and message first.
   */
  probe(p: string): HostError | null {
    try {
      const o = this.openRegular(p);
      if (!('fd' in o)) return o;
      closeSync(o.fd);
      return null;
    } catch (err) {
      return failure(err, p);
    }
  }

  /**
   * Reads a whole file (or its first `max` bytes) as a byte string (latin1), or returns null
   * when it cannot be read.
   */
  readText(p: string, max?: number): string | null {
    const r = this.read(p, max === undefined ? undefined : { max });
    return r.ok ? r.data.toString('latin1') : null;
  }

  /** The real directory to list, or why not (snapshot roots: looked up by hand). */
  private dirPath(p: string): string | HostError {
    if (this.live) return this.realPath(p);
    const f = this.resolve(p, true);
    if (!('real' in f)) return f;
    if (f.kind !== 'dir') return fail('ENOTDIR', p);
    return f.real;
  }

  /** Lists a directory in the order the file system returns it (readdir order, not sorted). */
  list(p: string): string[] | HostError {
    let dir: Dir | undefined;
    try {
      const real = this.dirPath(p);
      if (typeof real !== 'string') return real;
      dir = opendirSync(real, { bufferSize: 256 });
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
   * Checks that a directory can be listed (it opens; nothing is read): null when it can, else
   * why not (`EACCES` for another user's `/proc/PID/fd`). Cheaper than listing it when the names
   * are wanted only later, or not at all.
   */
  listable(p: string): HostError | null {
    try {
      const real = this.dirPath(p);
      if (typeof real !== 'string') return real;
      // A plain fd, not a Dir: Node's fs/dir module is not loaded for it.
      closeSync(openSync(real, OPEN_FLAGS | constants.O_DIRECTORY));
      return null;
    } catch (err) {
      return failure(err, p);
    }
  }

  /**
   * Lists a directory's names in no particular order (one call, faster than {@link list}), for
   * callers to whom the order does not matter.
   */
  names(p: string): string[] | HostError {
    try {
      const real = this.dirPath(p);
      if (typeof real !== 'string') return real;
      return readdirSync(real, 'latin1');
    } catch (err) {
      return failure(err, p);
    }
  }

  /**
   * Reads a symbolic link's target as a byte string, or returns a HostError. The target is data
   * (e.g. `socket:[123]` of an fd): it is returned as written, never followed. With `decode`
   * 'utf8' the target is decoded as UTF-8 instead (bytes that are not UTF-8 become U+FFFD): the
   * same string for an ASCII target such as every socket link, and about 10% faster, because
   * `readlinkSync` without an options argument skips its option handling (for the `-p` walk's
   * tens of thousands of fd links).
   */
  readLink(p: string, decode: 'latin1' | 'utf8' = 'latin1'): string | HostError {
    try {
      if (this.live) {
        const real = this.realPath(p);
        return decode === 'utf8' ? readlinkSync(real) : (readlinkSync(real, 'latin1') as string);
      }
      const slash = p.lastIndexOf('/');
      const name = p.slice(slash + 1);
      const base = slash > 0 ? this.dirs.get(p.slice(0, slash)) : '';
      if (base !== undefined && name !== '' && name !== '.' && name !== '..') {
        // The directory is known: readlink(2) itself does not follow the last component.
        return readlinkSync(this.toReal(`${base}/${name}`), decode) as string;
      }
      const f = this.resolve(p, false);
      if (!('real' in f)) return f;
      if (f.kind !== 'link') return fail('EINVAL', p);
      return readlinkSync(f.real, decode) as string;
    } catch (err) {
      return failure(err, p);
    }
  }

  /** stat(2) of a path (following links, inside the root): inode, device and type, or a HostError. */
  stat(p: string): HostStat | HostError {
    try {
      let real: string;
      if (this.live) real = this.liveNet(p);
      else {
        const f = this.resolve(p, true);
        if (!('real' in f)) return f;
        real = f.real;
      }
      const st = statSync(real);
      return {
        ok: true,
        ino: st.ino,
        dev: st.dev,
        isDirectory: st.isDirectory(),
        isFile: st.isFile(),
        size: st.size,
      };
    } catch (err) {
      return failure(err, p);
    }
  }

  /** A Host reading the same root with some roots replaced (e.g. another `/proc/net`). */
  with(roots: Partial<HostRoots>): Host {
    return new Host({ ...this.roots, ...roots }, this.limits);
  }

  /** True when the path exists (following links). */
  exists(p: string): boolean {
    if (this.live) return existsSync(this.liveNet(p));
    return 'real' in this.resolve(p, true);
  }

  /** True when the path is a directory. */
  isDirectory(p: string): boolean {
    if (!this.live) {
      const f = this.resolve(p, true);
      return 'real' in f && f.kind === 'dir';
    }
    try {
      return statSync(this.liveNet(p)).isDirectory();
    } catch {
      return false;
    }
  }

  /**
   * Checks that a live-system path (not under the root: e.g. a plugin file named on the command
   * line) is a regular file of at most `maxSize` bytes, without opening it. Returns null when it
   * is, else why not (`ENOTREG`, `EFBIG`, or the errno of stat).
   */
  static checkRegularFile(p: string, maxSize: number): HostError | null {
    try {
      const st = statSync(p);
      if (!st.isFile()) return fail('ENOTREG', p);
      if (st.size > maxSize) return fail('EFBIG', p);
      return null;
    } catch (err) {
      return failure(err, p);
    }
  }
}

/** Formats a HostError like C's perror(path): `<path>: <strerror>`. */
export function perror(e: HostError): string {
  return `${e.path}: ${e.message}`;
}
