import type { Host } from './host.js';

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
}

/** Parses the target of an fd link: `socket:[N]` (strtoul base 0) or the 2.0-era `[0000]:N`. */
export function socketInodeOfLink(link: string): number | null {
  // The common case, `socket:[` and a decimal number without leading zero, by hand.
  if (link.startsWith('socket:[') && link.length > 8) {
    let v = 0;
    let i = 8;
    const first = link.charCodeAt(8);
    if (first >= 49 && first <= 57) {
      for (; i < link.length && i < 23; i++) {
        const d = link.charCodeAt(i) - 48;
        if (d < 0 || d > 9) break;
        v = v * 10 + d;
      }
      if (i < 23) return v;
    }
  }
  let digits: string | undefined;
  if (link.startsWith('socket:[')) digits = link.slice(8);
  else if (link.startsWith('[0000]:')) digits = link.slice(7);
  else return null;
  // strtoul(base 0): optional 0x / leading-0 octal, stops at the first invalid character.
  let m = /^0[xX]([0-9a-fA-F]+)/.exec(digits);
  if (m) return Number.parseInt(m[1]!, 16);
  m = /^0([0-7]*)/.exec(digits);
  if (m) return m[1] ? Number.parseInt(m[1], 8) : 0;
  m = /^([1-9][0-9]*)/.exec(digits);
  return m ? Number(m[1]) : 0;
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

/** Settings of {@link scanProcesses}. */
export interface ScanProcessesOptions {
  /** Effective uid, only used in the "(No info could be read ...)" message. */
  euid: number;
  /** Read each owner's SELinux context from /proc/PID/attr/current. */
  contexts?: boolean;
  /**
   * Walk the fds only as far as the lookups need (see {@link OwnerWalk}): the fd directories
   * are listed at once (for the permission warning), their links read on demand.
   */
  lazy?: boolean;
}

/** One process's fd directory, listed. */
interface FdDir {
  pid: string;
  fds: string[];
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

  constructor(
    private readonly host: Host,
    private readonly dirs: FdDir[],
    private readonly contexts: boolean,
  ) {
    super();
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
    const { host, dirs } = this;
    while (this.dir < dirs.length) {
      const d = dirs[this.dir]!;
      const fdDir = `/proc/${d.pid}/fd`;
      while (this.fd < d.fds.length) {
        const fd = d.fds[this.fd++]!;
        const c = fd.charCodeAt(0);
        if (c < 48 || c > 57) continue;
        const link = host.readLink(`${fdDir}/${fd}`);
        if (typeof link !== 'string') continue;
        const inode = socketInodeOfLink(link.length > 29 ? link.slice(0, 29) : link);
        if (inode === null) continue;
        if (this.program === undefined) {
          this.program = programFromCmdline(host.readText(`/proc/${d.pid}/cmdline`, 511) ?? '');
          const full = `${d.pid}/${this.program}`;
          this.text = full.length > 19 ? full.slice(0, 19) : full;
          if (this.contexts) {
            const raw = host.readText(`/proc/${d.pid}/attr/current`, 4096);
            if (raw !== null) {
              const ctx = raw.replace(/\0.*$/s, '').replace(/\n$/, '');
              this.context = ctx.length >= 50 ? ctx.slice(ctx.length - 48) : ctx;
            }
          }
        }
        if (!super.has(inode)) {
          const owner: SocketOwner = { pid: Number(d.pid), program: this.program, text: this.text };
          if (this.context !== undefined) owner.context = this.context;
          super.set(inode, owner);
          if (inode === until) return;
        }
      }
      this.dir++;
      this.fd = 0;
      this.program = undefined;
      this.context = undefined;
    }
  }
}

/**
 * Walks /proc/PID/fd the way netstat 2.10 does and maps socket inodes to their first owner
 * (see {@link ScanProcessesOptions}). With `lazy`, the links are read as lookups need them,
 * except when a directory could not be read: the warning then depends on whether any owner
 * exists at all, and the walk is done in full at once.
 */
export function scanProcesses(host: Host, opts: ScanProcessesOptions): ProcessMap {
  let permission = false;
  const pids = host.list('/proc');
  if (!Array.isArray(pids)) {
    return { owners: new Map(), warning: noInfoMessage(opts.euid) };
  }
  const dirs: FdDir[] = [];
  for (const pid of pids) {
    if (!DIGITS.test(pid)) continue;
    // The order of a process's fds does not matter: they all name the same owner.
    const fds = host.names(`/proc/${pid}/fd`);
    if (!Array.isArray(fds)) {
      if (fds.code === 'EACCES') permission = true;
      continue;
    }
    dirs.push({ pid, fds });
  }
  const owners = new OwnerWalk(host, dirs, opts.contexts === true);
  if (!opts.lazy || permission) owners.walk();
  let warning: string | null = null;
  if (permission) {
    warning =
      owners.size === 0
        ? noInfoMessage(opts.euid)
        : '(Not all processes could be identified, non-owned process info\n will not be shown, you would have to be root to see it all.)';
  }
  return { owners, warning };
}

function noInfoMessage(euid: number): string {
  return `(No info could be read for "-p": geteuid()=${euid} but you should be root.)`;
}
