import {
  type FdWalkHelper,
  HELPER_READ_AHEAD,
  startFdWalkHelper,
  type WorkerThreads,
} from './fd-walk-helper.js';
import type { Host } from './host.js';
import { plainSocketInode } from './socket-link.js';

/** The owner of a socket inode as `-p` shows it. */
export interface SocketOwner {
  pid: number;
  /** Program name as netstat derives it from argv[0] (byte string, uncut). */
  program: string;
  /** `pid/program` cut to 19 bytes: the text netstat 2.10 prints. */
  text: string;
  /** SELinux context (`-Z`), when available. */
  context?: string;
}

/** The result of a /proc scan: inode -> first owner in readdir order, plus net-tools' warning. */
export interface ProcessMap {
  owners: Map<number, SocketOwner>;
  /** net-tools' stderr warning for permission gaps (lines without trailing newline), or null. */
  warning: string | null;
  /**
   * With a namespace filter: sockets held only by processes of other network namespaces (inode ->
   * that owner and its namespace inode). They show `-` in the PID column; `-v` says why.
   */
  foreign?: Map<number, SocketOwner & { netns: number }>;
  /** Processes whose fd directory could not be read (EACCES), for `-v`. */
  unreadable?: number[];
}

/** Options of {@link scanProcesses}. */
export interface ScanOptions {
  /** Effective uid, only used in the "(No info could be read ...)" message. */
  euid: number;
  /** Read each owner's SELinux context (`-Z`). */
  contexts?: boolean;
  /** Only processes of this network namespace (inode) count as owners (`--netns`). */
  netns?: number;
  /** Show a newline in a program name as `\n` (text for a terminal: README, "Security"). */
  escapeNewlines?: boolean;
  /**
   * Walk the fds only as far as the lookups need (see {@link OwnerWalk}): every fd directory
   * is opened at once (for the permission warning), listed and its links read on demand.
   */
  lazy?: boolean;
  /**
   * `node:worker_threads`, to let a second thread read fd links while this one does, on a live
   * system with more than {@link PARALLEL_WALK_FDS} fds ({@link PARALLEL_WALK_FDS_NATIVE} with
   * a native reader of the links, {@link ScanOptions.links}; the CLI passes it when the machine has
   * more than one CPU). The owners are the same as without it. A function is called only when
   * the walk is that large (loading the module costs about 8 M instructions, a tenth of Node's
   * start); undefined from it: one thread.
   */
  threads?: WorkerThreads | (() => WorkerThreads | undefined);
  /**
   * Called once when the walk is or turns out large: {@link LARGE_WALK_PROCESSES} processes,
   * {@link LARGE_WALK_FDS} fds listed, or a helper thread started (the CLI caps V8's young
   * generation then: the names and link texts die young).
   */
  onLargeWalk?: () => void;
  /**
   * Called now and then while a helper thread starts (see {@link ScanOptions.threads}; every
   * 256 fds this thread reads, until the helper's code runs, and once after): its new V8 heap
   * resets the process-wide heap flags at some moment in that time (V8 raises
   * `--semi-space-growth-factor` to at least 2 for every heap it makes), so a caller that capped
   * the young generation in `onLargeWalk` caps it again here.
   */
  onThreadStarting?: () => void;
  /**
   * A faster reader of live fd links (the native layer's `fdLinks()`: `readlinkat` relative to
   * the open fd directory), used on a live system instead of `Host.readLink`.
   */
  links?: FdLinkReader;
}

/** Reads the fd links of live fd directories (the native layer's `fdLinks()`). */
export interface FdLinkReader {
  /** Opens an fd directory (`/proc/PID/fd`); null when it cannot be opened. */
  open(dir: string): {
    /** A socket link's target cut to 29 bytes; null for any other or a gone link; false when denied. */
    read(name: string): string | null | false;
    close(): void;
  } | null;
}

/** fds listed before a walk counts as large (see {@link ScanOptions.onLargeWalk}). */
export const LARGE_WALK_FDS = 10_000;
/** Processes that make a walk large from its start (see {@link ScanOptions.onLargeWalk}). */
export const LARGE_WALK_PROCESSES = 1000;

/**
 * Fewer fds than this are not worth a second thread. Its V8 heap takes about 40 ms to start,
 * and two threads reading fd links at once read about 1.3 times as fast as one here (each link
 * costs more while the other thread reads): the start pays off from about 45 000 fds (measured
 * live: a 42 000-fd walk took 6 % longer with the helper, an 84 000-fd walk 13 % less).
 */
export const PARALLEL_WALK_FDS = 64_000;

/**
 * The same with a native reader of fd links ({@link ScanOptions.links}): this thread then reads
 * a link in about 3 us where the helper (Node's readlinkSync) takes 5-6, so the helper pays off
 * later (measured live: 84 000 fds 2 % slower with it, 200 000 fds 19 % faster).
 */
export const PARALLEL_WALK_FDS_NATIVE = 128_000;

/**
 * Parses the target of an fd link as net-tools 2.10 does: `socket:[N]` only when the link is at
 * least 11 bytes long, ends with `]` and everything between the brackets is one strtoul (base 0)
 * number that is not ULONG_MAX (so `socket:[abc]`, `socket:[12abc]`, `socket:[7]` and
 * `socket:[-1]` are no sockets; `socket:[+5]`, `socket:[ 42]` and `socket:[0x10]` are); or
 * the 2.0-era `[0000]:N`.
 */
export function socketInodeOfLink(link: string): number | null {
  const n = link.length;
  if (link.startsWith('socket:[')) {
    if (n < 11 || link.charCodeAt(n - 1) !== 93) return null;
    // The common case, a decimal number without leading zero, by hand.
    const v = plainSocketInode(link);
    return v >= 0 ? v : strtoulWhole(link.slice(8, n - 1));
  }
  if (!link.startsWith('[0000]:')) return null;
  // strtoul(base 0): optional 0x / leading-0 octal, stops at the first invalid character.
  const digits = link.slice(7);
  let m = /^0[xX]([0-9a-fA-F]+)/.exec(digits);
  if (m) return Number.parseInt(m[1]!, 16);
  m = /^0([0-7]*)/.exec(digits);
  if (m) return m[1] ? Number.parseInt(m[1], 8) : 0;
  m = /^([1-9][0-9]*)/.exec(digits);
  return m ? Number(m[1]) : 0;
}

const ULONG_MAX = (1n << 64n) - 1n;

/** strtoul(s, &end, 0) when it converts all of `s` to a value other than ULONG_MAX, else null. */
function strtoulWhole(s: string): number | null {
  const m = /^[ \t\n\v\f\r]*([+-]?)(?:0[xX]([0-9a-fA-F]+)|(0[0-7]*)|([1-9][0-9]*))$/.exec(s);
  if (!m) return null;
  let v = m[2] ? BigInt(`0x${m[2]}`) : m[3] ? BigInt(`0o${m[3].slice(1) || '0'}`) : BigInt(m[4]!);
  if (v > ULONG_MAX)
    v = ULONG_MAX; // overflow saturates (ERANGE)
  else if (m[1] === '-') v = (ULONG_MAX + 1n - v) & ULONG_MAX;
  return v === ULONG_MAX ? null : Number(v);
}

/** Program name from /proc/PID/cmdline bytes (first 511 bytes, first NUL-terminated string). */
export function programFromCmdline(cmdline: string): string {
  let s = cmdline.length > 511 ? cmdline.slice(0, 511) : cmdline;
  const nul = s.indexOf('\0');
  if (nul >= 0) s = s.slice(0, nul);
  if (s.startsWith('/')) return s.slice(s.lastIndexOf('/') + 1);
  return s;
}

const DIGITS = /^[0-9]+$/;

/** One process's fd directory: its names while the walk is in it, else null. */
interface FdDir {
  pid: string;
  fds: string[] | null;
  /**
   * The inodes of its socket links, in order, once read in one go (by the helper thread, or by
   * this one ahead of the walk while the helper finished the directory before); then `fds`
   * stays null.
   */
  inodes?: ArrayLike<number>;
  /** With a namespace filter: the other network namespace (inode) the process is in, else null. */
  elsewhere: number | null;
}

/**
 * The owner map of a walk that reads fd links only on demand. `get(inode)` of an inode not
 * found yet reads further links, in the walk's order (processes in readdir order, as 2.10), until
 * the inode turns up or the walk ends; an owner found earlier is never replaced, so every inode
 * gets the owner the full walk would give it (the first process in readdir order). A listing
 * that looks up only the inodes it prints stops the walk once the last of them is found.
 */
export class OwnerWalk extends Map<number, SocketOwner> {
  private dir = 0;
  private fd = 0;
  private program: string | undefined;
  private text = '';
  private context: string | undefined;
  /** The directory being read, open for {@link reader} (null without one). */
  private open: ReturnType<FdLinkReader['open']> = null;
  /** fds listed so far (for {@link ScanOptions.onLargeWalk}). */
  private fdsListed = 0;
  /** The owner object of the process being walked (shared by its sockets), once made. */
  private owner: SocketOwner | undefined;
  private foreignOwner: (SocketOwner & { netns: number }) | undefined;
  /**
   * Sockets held only by processes of other network namespaces, as far as the walk has come
   * (complete once {@link done}); the first such owner of each inode, with its namespace.
   */
  readonly foreign = new Map<number, SocketOwner & { netns: number }>();

  constructor(
    private readonly host: Host,
    private readonly dirs: FdDir[],
    private readonly opts: Pick<ScanOptions, 'contexts' | 'escapeNewlines'>,
    /** A thread reading the directories ahead of this one (see {@link startFdWalkHelper}). */
    private helper: FdWalkHelper | null = null,
    /** Tells that the walk is large (idempotent; see {@link ScanOptions.onLargeWalk}). */
    private readonly large: () => void = () => {},
    /** The native reader of live fd links (see {@link ScanOptions.links}). */
    private readonly reader?: FdLinkReader,
  ) {
    super();
  }

  /**
   * The walk comes to directory `this.dir` (not read yet): claim it for this thread, or take the
   * helper's inodes of it. While the helper is still reading it, this thread reads the next free
   * directory meanwhile (kept in `inodes` for when the walk gets there).
   */
  private arrive(): void {
    const helper = this.helper!;
    const i = this.dir;
    const d = this.dirs[i]!;
    helper.at(i);
    for (;;) {
      if (helper.claim(i)) return;
      const r = helper.range(i);
      if (r === null) return; // this thread reads it itself
      if (r !== 'busy') {
        d.inodes = helper.inodes.subarray(r[0], r[0] + r[1]);
        return;
      }
      let e = i + 1;
      const last = Math.min(this.dirs.length, i + 1 + HELPER_READ_AHEAD);
      while (e < last && (this.dirs[e]!.inodes !== undefined || !helper.claim(e))) e++;
      if (e < last) this.readAhead(e);
      else helper.wait(i);
    }
  }

  /** Reads all socket links of directory `i` into its `inodes` (see {@link arrive}). */
  private readAhead(i: number): void {
    const d = this.dirs[i]!;
    const fdDir = `/proc/${d.pid}/fd`;
    const inodes: number[] = [];
    const l = this.host.names(fdDir);
    const open = this.openLinks(fdDir);
    for (const fd of Array.isArray(l) ? l : []) {
      const inode = this.inodeOf(open, fdDir, fd);
      if (inode === false) break; // as in read()
      if (inode !== null) inodes.push(inode);
    }
    open?.close();
    d.inodes = inodes;
  }

  /** The live fd directory open for the native reader, when there is one. */
  private openLinks(fdDir: string): ReturnType<FdLinkReader['open']> {
    return this.reader === undefined ? null : this.reader.open(this.host.realPath(fdDir));
  }

  /**
   * The socket inode of entry `fd` of `fdDir` (through `open`, the native reader's handle, when
   * there is one): null for a name that is no fd, a link that is no socket or one gone; false
   * when reading it is denied (allowed or denied per process, by the kernel's ptrace access
   * check on its owner, so then the others are too).
   */
  private inodeOf(open: ReturnType<FdLinkReader['open']>, fdDir: string, fd: string): number | null | false {
    const c = fd.charCodeAt(0);
    if (c < 48 || c > 57) return null;
    let l: string | null | false;
    if (open !== null) l = open.read(fd);
    else {
      // Only socket links (ASCII) are kept: UTF-8 is the faster read (see Host.readLink).
      const r = this.host.readLink(`${fdDir}/${fd}`, 'utf8');
      if (typeof r !== 'string') l = r.code === 'EACCES' || r.code === 'EPERM' ? false : null;
      else l = r.length > 29 ? r.slice(0, 29) : r;
    }
    return typeof l === 'string' ? socketInodeOfLink(l) : l;
  }

  /** True when every link has been read. */
  get done(): boolean {
    return this.dir >= this.dirs.length;
  }

  override get(inode: number): SocketOwner | undefined {
    const o = super.get(inode);
    if (o !== undefined || this.done) return o;
    this.walk(inode);
    return super.get(inode);
  }

  override has(inode: number): boolean {
    return this.get(inode) !== undefined;
  }

  /** Reads links until `until` has an owner (or to the end, for -1). */
  walk(until = -1): void {
    const helper = this.helper;
    helper?.resume();
    try {
      this.read(until);
    } finally {
      // A walk left in the middle of a directory may never come back (a -c pass, a lookup that
      // was the last): nothing stays open.
      this.open?.close();
      this.open = null;
      if (helper !== null) {
        if (this.done) {
          helper.end();
          this.helper = null;
        } else helper.pause();
      }
    }
  }

  private read(until: number): void {
    const { host, dirs } = this;
    while (this.dir < dirs.length) {
      const d = dirs[this.dir]!;
      const fdDir = `/proc/${d.pid}/fd`;
      if (this.fd === 0 && d.fds === null && d.inodes === undefined && this.helper !== null) this.arrive();
      const inodes = d.inodes;
      if (inodes === undefined && d.fds === null) {
        const l = host.names(fdDir);
        // Gone or unreadable since it was checked: like a process that ended, it owns nothing.
        d.fds = Array.isArray(l) ? l : [];
        this.fdsListed += d.fds.length;
        if (this.fdsListed >= LARGE_WALK_FDS) this.large();
      }
      if (this.open === null && inodes === undefined && this.fd < d.fds!.length)
        this.open = this.openLinks(fdDir);
      const count = inodes !== undefined ? inodes.length : d.fds!.length;
      while (this.fd < count) {
        let inode: number | null;
        if (inodes !== undefined) inode = inodes[this.fd++]!;
        else {
          // While the helper starts (see ScanOptions.onThreadStarting); one directory can hold
          // thousands of fds.
          if ((this.fd & 255) === 0) this.helper?.poll();
          const r = this.inodeOf(this.open, fdDir, d.fds![this.fd++]!);
          // Once one is denied the others are too: they are not tried (each denial would cost a
          // thrown error; a process of another user has hundreds).
          if (r === false) {
            this.fd = count;
            continue;
          }
          inode = r;
        }
        if (inode === null) continue;
        if (this.program === undefined) {
          this.program = programFromCmdline(host.readText(`/proc/${d.pid}/cmdline`, 511) ?? '');
          const full = `${d.pid}/${this.program}`;
          this.text = full.length > 19 ? full.slice(0, 19) : full;
          if (this.opts.escapeNewlines && this.text.includes('\n'))
            this.text = this.text.replaceAll('\n', '\\n');
          if (this.opts.contexts) {
            const raw = host.readText(`/proc/${d.pid}/attr/current`, 4096);
            if (raw !== null) {
              const ctx = raw.replace(/\0.*$/s, '').replace(/\n$/, '');
              this.context = ctx.length >= 50 ? ctx.slice(ctx.length - 48) : ctx;
            }
          }
        }
        // One owner object per process, shared by all its sockets (a large walk finds hundreds
        // of thousands of them; an object each would be most of the memory of `-p`).
        if (d.elsewhere !== null) {
          if (!this.foreign.has(inode)) {
            this.foreignOwner ??= {
              pid: Number(d.pid),
              program: this.program,
              text: this.text,
              netns: d.elsewhere,
            };
            this.foreign.set(inode, this.foreignOwner);
          }
        } else if (!super.has(inode)) {
          if (this.owner === undefined) {
            this.owner = { pid: Number(d.pid), program: this.program, text: this.text };
            if (this.context !== undefined) this.owner.context = this.context;
          }
          super.set(inode, this.owner);
          if (inode === until) return;
        }
      }
      d.fds = null;
      d.inodes = undefined;
      this.open?.close();
      this.open = null;
      this.dir++;
      this.fd = 0;
      this.program = undefined;
      this.context = undefined;
      this.owner = undefined;
      this.foreignOwner = undefined;
    }
  }
}

/**
 * Walks /proc/PID/fd the way netstat 2.10 does and maps socket inodes to their first owner
 * (see {@link ScanOptions}): with `netns`, owners of other
 * namespaces go to `foreign`; with `escapeNewlines`, a newline in a program name shows as `\n`. With `lazy`, the links are read as lookups need them,
 * except when a directory could not be read: the warning then depends on whether any owner
 * exists at all, and the walk is done in full at once.
 */
export function scanProcesses(host: Host, opts: ScanOptions): ProcessMap {
  const unreadable: number[] = [];
  let permission = false;
  const pids = host.list('/proc');
  if (!Array.isArray(pids)) {
    return { owners: new Map(), warning: noInfoMessage(opts.euid) };
  }
  const processes = pids.filter((p) => DIGITS.test(p));
  // Told once: at the start for a system of many processes (before their fd directories are
  // opened), when a helper thread is wanted, or once the walk has listed LARGE_WALK_FDS fds.
  let tell = opts.onLargeWalk;
  const large = () => {
    const f = tell;
    tell = undefined;
    f?.();
  };
  if (processes.length >= LARGE_WALK_PROCESSES) large();
  const dirs: FdDir[] = [];
  for (const pid of processes) {
    // The order of a process's fds does not matter: they all name the same owner.
    let elsewhere: number | null = null;
    if (opts.netns !== undefined) {
      const link = host.readLink(`/proc/${pid}/ns/net`);
      const m = typeof link === 'string' ? /^net:\[(\d+)\]$/.exec(link) : null;
      if (m && Number(m[1]) !== opts.netns) elsewhere = Number(m[1]);
    }
    // Only whether it can be listed: the names are read when the walk comes to it (holding the
    // names of every fd of a large system until then would cost more memory than the walk).
    const e = host.listable(`/proc/${pid}/fd`);
    if (e !== null) {
      if (e.code === 'EACCES') {
        permission = true;
        unreadable.push(Number(pid));
      }
      continue;
    }
    dirs.push({ pid, fds: null, elsewhere });
  }
  const reader = host.isLive ? opts.links : undefined;
  const helper = parallelHelper(
    host,
    dirs,
    opts,
    large,
    reader === undefined ? PARALLEL_WALK_FDS : PARALLEL_WALK_FDS_NATIVE,
  );
  const owners = new OwnerWalk(host, dirs, opts, helper, large, reader);
  if (!opts.lazy || permission) owners.walk();
  let warning: string | null = null;
  if (permission) {
    warning =
      owners.size === 0
        ? noInfoMessage(opts.euid)
        : '(Not all processes could be identified, non-owned process info\n will not be shown, you would have to be root to see it all.)';
  }
  const map: ProcessMap = { owners, warning };
  if (opts.netns !== undefined) {
    // Complete only after the whole walk: reading it finishes a lazy walk first.
    Object.defineProperty(map, 'foreign', {
      enumerable: true,
      configurable: true,
      get: () => {
        owners.walk();
        return owners.foreign;
      },
    });
  }
  if (unreadable.length > 0) map.unreadable = unreadable;
  return map;
}

/** A helper thread for a live walk over many fds (see {@link ScanOptions.threads}), or null. */
function parallelHelper(
  host: Host,
  dirs: FdDir[],
  { threads, onThreadStarting }: Pick<ScanOptions, 'threads' | 'onThreadStarting'>,
  large: () => void,
  threshold: number,
): FdWalkHelper | null {
  if (threads === undefined || !host.isLive || dirs.length < 2) return null;
  let fds = 0;
  for (const d of dirs) {
    const st = host.stat(`/proc/${d.pid}/fd`);
    if (st.ok) fds += st.size;
  }
  if (fds < threshold) return null;
  large();
  const wt = typeof threads === 'function' ? threads() : threads;
  if (wt === undefined) return null;
  // Room for the links it may read (a quarter more than the fds counted now, as processes open
  // more), up to 2 M: a directory past that it leaves to this thread.
  const capacity = Math.min(fds + (fds >> 2) + 4096, 1 << 21);
  const paths = dirs.map((d) => host.realPath(`/proc/${d.pid}/fd`));
  return startFdWalkHelper(wt, paths, capacity, onThreadStarting);
}

function noInfoMessage(euid: number): string {
  return `(No info could be read for "-p": geteuid()=${euid} but you should be root.)`;
}
