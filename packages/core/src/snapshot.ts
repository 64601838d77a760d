/**
 * Snapshot roots laid out as a sosreport (sos's networking plugin): `/proc/net` kept as the
 * symlink chain `proc/net -> self/net -> PID/net`, sysfs reduced to `flags` and `statistics/`,
 * and the rest only as command outputs under `sos_commands/networking/` (`netstat -W -neopa`,
 * `ip -o addr`, `ip -s -d link`, ...). This module finds where each table is kept and says what
 * the snapshot lacks; nothing here reads outside the root.
 */
import type { Host } from './host.js';
import type { ProcessMap, SocketOwner } from './process-map.js';

/** Where a snapshot keeps things, and the `-v` notes that say so. */
export interface SnapshotLayout {
  /** `sosreport` when it has `sos_commands/`, else `proc` (a plain copy of /proc). */
  kind: 'sosreport' | 'proc';
  /** The directory (a path inside the root) holding the `/proc/net` tables, or null if none. */
  netDir: string | null;
  /** True when `netDir` is not `/proc/net` itself (the Host needs a net override). */
  relocated: boolean;
  /** True when the snapshot has `/proc/PID/fd` directories (for `-p`). */
  hasDescriptors: boolean;
  /** The `netstat -neopa` capture `-p` owners can come from, if any (path inside the root). */
  ownersCapture: string | null;
  /** How `/proc/net` was found (for `-v`). */
  how: string;
}

/** The captures of `netstat -neopa` sos writes (newer -W, older -T) and its root symlink. */
export const NETSTAT_CAPTURES = [
  '/sos_commands/networking/netstat_-W_-neopa',
  '/sos_commands/networking/netstat_-T_-neopa',
  '/sos_commands/networking/netstat_-neopa',
  '/netstat',
];

/**
 * Resolves a path inside the root the way a chroot would: every symbolic link, absolute or
 * relative, is followed inside the root (at most 32 links). Returns the resolved path (as inside
 * the root) or null when a component is missing or the links loop.
 */
export function resolveInside(host: Host, p: string): string | null {
  let todo = p.split('/').filter(Boolean);
  const done: string[] = [];
  let hops = 0;
  while (todo.length > 0) {
    const part = todo.shift()!;
    if (part === '.') continue;
    if (part === '..') {
      done.pop();
      continue;
    }
    const here = `/${[...done, part].join('/')}`;
    const link = host.readLink(here);
    if (typeof link === 'string') {
      if (++hops > 32) return null;
      const target = link.split('/').filter(Boolean);
      if (link.startsWith('/')) done.length = 0;
      todo = [...target, ...todo];
      continue;
    }
    if (link.code !== 'EINVAL') return null; // ENOENT and friends: the path does not exist
    done.push(part);
  }
  return `/${done.join('/')}`;
}

function looksLikeNetDir(host: Host, dir: string): boolean {
  return ['tcp', 'dev', 'unix', 'route'].some((f) => host.stat(`${dir}/${f}`).ok);
}

/** Finds where the snapshot keeps `/proc/net` and the other sources. */
export function snapshotLayout(host: Host): SnapshotLayout {
  const kind = host.isDirectory('/sos_commands') ? 'sosreport' : 'proc';
  let netDir: string | null = null;
  let how = '';
  const resolved = resolveInside(host, '/proc/net');
  if (resolved !== null && host.isDirectory(resolved) && looksLikeNetDir(host, resolved)) {
    netDir = resolved;
    how =
      resolved === '/proc/net'
        ? '/proc/net'
        : `/proc/net, a symlink resolved inside the snapshot to ${resolved}`;
  } else {
    // proc/self missing or dangling: take the process directory with the most tables.
    const names = host.names('/proc');
    let best = 0;
    for (const n of Array.isArray(names) ? names : []) {
      if (!/^\d+$/.test(n)) continue;
      const files = host.names(`/proc/${n}/net`);
      if (Array.isArray(files) && files.length > best) {
        best = files.length;
        netDir = `/proc/${n}/net`;
      }
    }
    if (netDir) how = `${netDir} (the snapshot has no usable /proc/net)`;
  }
  let hasDescriptors = false;
  const pids = host.names('/proc');
  for (const n of Array.isArray(pids) ? pids : []) {
    if (/^\d+$/.test(n) && host.isDirectory(`/proc/${n}/fd`)) {
      hasDescriptors = true;
      break;
    }
  }
  const ownersCapture = NETSTAT_CAPTURES.find((p) => host.stat(p).ok) ?? null;
  return {
    kind,
    netDir,
    relocated: netDir !== null && netDir !== '/proc/net',
    hasDescriptors,
    ownersCapture,
    how: how || 'nowhere (no /proc/net and no /proc/PID/net)',
  };
}

const INET_ROW =
  /^(?:tcp|udp|udpl|raw|sctp)6?\s.*?\s(\d+) +(\d+) +(-|\d+\/.{0,18}?) +(?:off|on|keepalive|timewait|probe|unkn)[^\n]*\(/;
const UNIX_HEAD = /^unix +\d+ +\[[^\]]*\] +[A-Z?]+ +(?:[A-Z_]+ +)?(\d+) +/;

function ownerOf(text: string): SocketOwner | null {
  const m = /^(\d+)\/(.*)$/.exec(text);
  return m ? { pid: Number(m[1]), program: m[2]!, text } : null;
}

/**
 * Socket owners from a `netstat -neopa` capture (as sos keeps it: stdout and stderr in one file):
 * inode -> `PID/Program` for the inet rows (`... uid inode PID/Program timer`) and the UNIX rows
 * (fixed columns: the program field is 20 wide after the inode). The capture's `(Not all
 * processes could be identified ...)` warning is kept: it was true when the report was taken.
 */
export function ownersFromNetstatCapture(text: string): ProcessMap {
  const owners = new Map<number, SocketOwner>();
  let warning: string | null = null;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('(Not all processes could be identified')) {
      warning = lines[i + 1]?.startsWith(' ') ? `${line}\n${lines[i + 1]}` : line;
      continue;
    }
    if (line.startsWith('(No info could be read')) {
      warning = line;
      continue;
    }
    let inode: number | null = null;
    let prog = '';
    const m = INET_ROW.exec(line);
    if (m) {
      inode = Number(m[2]);
      prog = m[3]!.trimEnd();
    } else {
      const u = UNIX_HEAD.exec(line);
      if (u) {
        inode = Number(u[1]);
        prog = line.slice(u[0].length, u[0].length + 20).trimEnd();
      }
    }
    if (inode === null || inode === 0) continue;
    const o = ownerOf(prog);
    if (o && !owners.has(inode)) owners.set(inode, o);
  }
  return { owners, warning };
}

/** The `-v` notes for a snapshot root: where its tables came from and what it lacks. */
export function snapshotNotes(layout: SnapshotLayout, mode: string, programs: boolean): string[] {
  const notes: string[] = [];
  if (layout.kind === 'proc' && !layout.relocated) return notes;
  notes.push(`netstat: note: snapshot (${layout.kind}): /proc/net tables read from ${layout.how}.`);
  if (programs && mode === 'sockets') {
    if (layout.hasDescriptors) notes.push("netstat: note: PID/Program from the snapshot's /proc/PID/fd.");
    else if (layout.ownersCapture)
      notes.push(
        `netstat: note: the snapshot has no /proc/PID/fd; PID/Program from the capture ${layout.ownersCapture.slice(1)}.`,
      );
    else
      notes.push(
        'netstat: note: the snapshot has no /proc/PID/fd and no netstat -neopa capture: PID/Program shows "-".',
      );
  }
  return notes;
}
