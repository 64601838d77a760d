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
    const first = link.charCodeAt(8);
    if (first >= 49 && first <= 57 && n < 24) {
      let v = 0;
      let i = 8;
      for (; i < n - 1; i++) {
        const d = link.charCodeAt(i) - 48;
        if (d < 0 || d > 9) break;
        v = v * 10 + d;
      }
      if (i === n - 1) return v;
    }
    return strtoulWhole(link.slice(8, n - 1));
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

/**
 * Walks /proc/PID/fd the way netstat 2.10 does and maps socket inodes to their first owner.
 * `euid` is only used in the "(No info could be read ...)" message. With `contexts`, the
 * SELinux context of each owner is read from /proc/PID/attr/current. With `escapeNewlines`
 * (text for a terminal), a newline in a program name is shown as `\n` in `text`, so that it
 * cannot end the row early (README, "Security").
 */
export function scanProcesses(
  host: Host,
  opts: { euid: number; contexts?: boolean; escapeNewlines?: boolean },
): ProcessMap {
  const owners = new Map<number, SocketOwner>();
  let permission = false;
  const pids = host.list('/proc');
  if (!Array.isArray(pids)) {
    return { owners, warning: noInfoMessage(opts.euid) };
  }
  for (const pidName of pids) {
    if (!DIGITS.test(pidName)) continue;
    const fdDir = `/proc/${pidName}/fd`;
    // The order of a process's fds does not matter: they all name the same owner.
    const fds = host.names(fdDir);
    if (!Array.isArray(fds)) {
      if (fds.code === 'EACCES') permission = true;
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
        if (opts.escapeNewlines && text.includes('\n')) text = text.replaceAll('\n', '\\n');
        if (opts.contexts) {
          const raw = host.readText(`/proc/${pidName}/attr/current`, 4096);
          if (raw !== null) {
            const ctx = raw.replace(/\0.*$/s, '').replace(/\n$/, '');
            context = ctx.length >= 50 ? ctx.slice(ctx.length - 48) : ctx;
          }
        }
      }
      if (!owners.has(inode)) {
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
  return { owners, warning };
}

function noInfoMessage(euid: number): string {
  return `(No info could be read for "-p": geteuid()=${euid} but you should be root.)`;
}
