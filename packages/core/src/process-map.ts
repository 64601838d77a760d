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

/**
 * Walks /proc/PID/fd the way netstat 2.10 does and maps socket inodes to their first owner.
 * `euid` is only used in the "(No info could be read ...)" message. With `contexts`, the
 * SELinux context of each owner is read from /proc/PID/attr/current.
 */
export function scanProcesses(host: Host, opts: ScanOptions): ProcessMap {
  const owners = new Map<number, SocketOwner>();
  const foreign = new Map<number, SocketOwner & { netns: number }>();
  const unreadable: number[] = [];
  let permission = false;
  const pids = host.list('/proc');
  if (!Array.isArray(pids)) {
    return { owners, warning: noInfoMessage(opts.euid) };
  }
  for (const pidName of pids) {
    if (!DIGITS.test(pidName)) continue;
    const fdDir = `/proc/${pidName}/fd`;
    // The order of a process's fds does not matter: they all name the same owner.
    let elsewhere: number | null = null;
    if (opts.netns !== undefined) {
      const link = host.readLink(`/proc/${pidName}/ns/net`);
      const m = typeof link === 'string' ? /^net:\[(\d+)\]$/.exec(link) : null;
      if (m && Number(m[1]) !== opts.netns) elsewhere = Number(m[1]);
    }
    const fds = host.names(fdDir);
    if (!Array.isArray(fds)) {
      if (fds.code === 'EACCES') {
        permission = true;
        unreadable.push(Number(pidName));
      }
      continue;
    }
    let program: string | undefined;
    let text = '';
    let context: string | undefined;
    for (const fd of fds) {
      const c = fd.charCodeAt(0);
      if (c < 48 || c > 57) continue;
      const link = host.readLink(`${fdDir}/${fd}`);
      if (typeof link !== 'string') continue;
      const inode = socketInodeOfLink(link.length > 29 ? link.slice(0, 29) : link);
      if (inode === null) continue;
      if (program === undefined) {
        program = programFromCmdline(host.readText(`/proc/${pidName}/cmdline`, 511) ?? '');
        const full = `${pidName}/${program}`;
        text = full.length > 19 ? full.slice(0, 19) : full;
        if (opts.contexts) {
          const raw = host.readText(`/proc/${pidName}/attr/current`, 4096);
          if (raw !== null) {
            const ctx = raw.replace(/\0.*$/s, '').replace(/\n$/, '');
            context = ctx.length >= 50 ? ctx.slice(ctx.length - 48) : ctx;
          }
        }
      }
      if (elsewhere !== null) {
        if (!foreign.has(inode))
          foreign.set(inode, { pid: Number(pidName), program, text, netns: elsewhere });
      } else if (!owners.has(inode)) {
        const owner: SocketOwner = { pid: Number(pidName), program, text };
        if (context !== undefined) owner.context = context;
        owners.set(inode, owner);
      }
    }
  }
  let warning: string | null = null;
  if (permission) {
    warning =
      owners.size === 0
        ? noInfoMessage(opts.euid)
        : '(Not all processes could be identified, non-owned process info\n will not be shown, you would have to be root to see it all.)';
  }
  const map: ProcessMap = { owners, warning };
  if (opts.netns !== undefined) map.foreign = foreign;
  if (unreadable.length > 0) map.unreadable = unreadable;
  return map;
}

function noInfoMessage(euid: number): string {
  return `(No info could be read for "-p": geteuid()=${euid} but you should be root.)`;
}
