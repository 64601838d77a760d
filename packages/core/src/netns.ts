/**
 * Network namespaces seen through a Host: which exist (distinct `/proc/PID/ns/net` inodes plus the
 * `/run/netns/*` mounts of `ip netns`), what to call each, and where its tables are
 * (`/proc/PID/net` of a process inside it shows its `/proc/net` without entering it).
 */
import type { Host, HostError } from './host.js';

/** One network namespace. */
export interface NetnsInfo {
  /** The namespace's inode (`net:[N]`), its identity. */
  inode: number;
  /** The names `ip netns` knows it by (`/run/netns/NAME`), sorted. */
  names: string[];
  /** Processes inside it, ascending (empty when none: a mount no process holds). */
  pids: number[];
  /** True for the host's namespace (the one of PID 1). */
  host: boolean;
  /** The container owning its first process, from its cgroup (`docker:0123456789ab`), if any. */
  container?: string;
  /** `comm` of the first process, if any. */
  comm?: string;
  /** The namespace file to enter (live path): `/run/netns/NAME` or `/proc/PID/ns/net`. */
  file: string;
  /** `/proc/PID/net` of a process inside it (live path), or null when no process is inside. */
  netDir: string | null;
  /** The short name shown in headers: `host`, the `ip netns` name, a container or `pid/comm`. */
  label: string;
  /**
   * For a namespace of a snapshot root: where the snapshot keeps it (a path inside the root, e.g.
   * `sos_commands/networking/namespaces/NAME`). Its `inode` is then 0: a sosreport does not say.
   */
  snapshot?: string;
}

/** Why a namespace spec could not be used. */
export interface NetnsError {
  ok: false;
  /** errno-like code (`ENOENT`, `EACCES`, `EINVAL`). */
  code: string;
  /** The message netstat prints (without trailing newline). */
  message: string;
}

/** Parses a `net:[4026531840]` link target; null when it is not one. */
export function netnsInodeOfLink(link: string): number | null {
  const m = /^net:\[(\d+)\]$/.exec(link);
  return m ? Number(m[1]) : null;
}

const CONTAINER_PATTERNS: [RegExp, string][] = [
  [/docker-([0-9a-f]{12,64})\.scope/, 'docker'],
  [/\/docker\/([0-9a-f]{12,64})/, 'docker'],
  [/libpod-([0-9a-f]{12,64})\.scope/, 'podman'],
  [/cri-containerd-([0-9a-f]{12,64})\.scope/, 'containerd'],
  [/crio-([0-9a-f]{12,64})\.scope/, 'cri-o'],
  [/\/lxc(?:\.payload)?[./]([^/\n]+)/, 'lxc'],
];

/** The container a process belongs to, from the text of its `/proc/PID/cgroup`. */
export function containerOfCgroup(text: string): string | undefined {
  for (const [re, kind] of CONTAINER_PATTERNS) {
    const m = re.exec(text);
    if (m) return `${kind}:${kind === 'lxc' ? m[1] : m[1]!.slice(0, 12)}`;
  }
  return undefined;
}

/** Maps each network namespace inode to the pids inside it (readdir order of /proc, then sorted). */
export function processesByNetns(host: Host): Map<number, number[]> {
  const out = new Map<number, number[]>();
  const pids = host.names('/proc');
  if (!Array.isArray(pids)) return out;
  for (const name of pids) {
    if (!/^[0-9]+$/.test(name)) continue;
    const link = host.readLink(`/proc/${name}/ns/net`);
    if (typeof link !== 'string') continue;
    const inode = netnsInodeOfLink(link);
    if (inode === null) continue;
    const list = out.get(inode) ?? [];
    if (list.length === 0) out.set(inode, list);
    list.push(Number(name));
  }
  for (const list of out.values()) list.sort((a, b) => a - b);
  return out;
}

/** The inode of the host's namespace: PID 1's, else our own, else null. */
export function hostNetnsInode(host: Host): number | null {
  for (const p of ['/proc/1/ns/net', '/proc/self/ns/net']) {
    const link = host.readLink(p);
    if (typeof link === 'string') {
      const i = netnsInodeOfLink(link);
      if (i !== null) return i;
    }
  }
  return null;
}

/** `ip netns` names: inode -> names, from the bind mounts in `/run/netns`. */
export function namedNetns(host: Host): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const names = host.names('/run/netns');
  if (!Array.isArray(names)) return out;
  for (const n of names.sort()) {
    const st = host.stat(`/run/netns/${n}`);
    if (!st.ok || !st.isFile) continue;
    // An unmounted placeholder is an empty regular file on the root's own file system; an nsfs
    // mount shows a namespace inode. Tell them apart by the device of /run/netns itself.
    const dir = host.stat('/run/netns');
    if (dir.ok && dir.dev === st.dev) continue;
    const list = out.get(st.ino) ?? [];
    list.push(n);
    out.set(st.ino, list);
  }
  return out;
}

function describe(
  host: Host,
  inode: number,
  names: string[],
  pids: number[],
  hostInode: number | null,
): NetnsInfo {
  const first = pids[0];
  const comm = first !== undefined ? host.readText(`/proc/${first}/comm`)?.replace(/\n$/, '') : undefined;
  const cgroup = first !== undefined ? host.readText(`/proc/${first}/cgroup`) : null;
  const container = cgroup ? containerOfCgroup(cgroup) : undefined;
  const isHost = inode === hostInode;
  const label = isHost
    ? 'host'
    : names.length > 0
      ? names.join(',')
      : container
        ? `${container} (pid ${first}/${comm ?? '?'})`
        : first !== undefined
          ? `pid ${first}/${comm ?? '?'}`
          : `inode ${inode}`;
  const info: NetnsInfo = {
    inode,
    names,
    pids,
    host: isHost,
    file: names.length > 0 ? `/run/netns/${names[0]}` : `/proc/${first}/ns/net`,
    netDir: first !== undefined ? `/proc/${first}/net` : null,
    label,
  };
  if (container) info.container = container;
  if (comm !== undefined) info.comm = comm;
  return info;
}

/**
 * Every network namespace: the host's first, then those `ip netns` names (by name), then the
 * others by their lowest pid.
 */
export function listNetns(host: Host): NetnsInfo[] {
  const byInode = processesByNetns(host);
  const named = namedNetns(host);
  const hostInode = hostNetnsInode(host);
  const inodes = new Set<number>([...byInode.keys(), ...named.keys()]);
  const all = [...inodes].map((i) => describe(host, i, named.get(i) ?? [], byInode.get(i) ?? [], hostInode));
  const rank = (n: NetnsInfo) => (n.host ? 0 : n.names.length > 0 ? 1 : 2);
  return all.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.names[0] ?? '').localeCompare(b.names[0] ?? '') ||
      (a.pids[0] ?? Number.MAX_SAFE_INTEGER) - (b.pids[0] ?? Number.MAX_SAFE_INTEGER) ||
      a.inode - b.inode,
  );
}

function error(code: string, message: string): NetnsError {
  return { ok: false, code, message };
}

function hostErr(spec: string, e: HostError, what: string): NetnsError {
  return error(e.code, `netstat: --netns ${spec}: ${what} (${e.path}: ${e.message})`);
}

/**
 * Resolves a `--netns` spec: a PID (its namespace, read through `/proc/PID/net`), a path to a
 * namespace file, or an `ip netns` name (`/run/netns/NAME`).
 */
export function resolveNetns(host: Host, spec: string): NetnsInfo | NetnsError {
  const hostInode = hostNetnsInode(host);
  let file: string;
  const pidPath = /^\/proc\/(\d+)\/ns\/net$/.exec(spec);
  const pid = /^\d+$/.test(spec) ? spec : pidPath?.[1];
  if (pid !== undefined) {
    const link = host.readLink(`/proc/${pid}/ns/net`);
    if (typeof link !== 'string')
      return hostErr(spec, link, link.code === 'ENOENT' ? 'no such process' : 'cannot read its namespace');
    const i = netnsInodeOfLink(link);
    if (i === null) return error('EINVAL', `netstat: --netns ${spec}: not a network namespace (${link})`);
    const byInode = processesByNetns(host);
    const pids = byInode.get(i) ?? [Number(pid)];
    const info = describe(host, i, namedNetns(host).get(i) ?? [], pids, hostInode);
    // The process named is the one to read through, whatever the lowest pid is.
    return { ...info, file: `/proc/${pid}/ns/net`, netDir: `/proc/${pid}/net` };
  }
  if (spec.includes('/')) {
    file = spec;
  } else {
    if (spec === '' || spec === '.' || spec === '..')
      return error('EINVAL', `netstat: --netns ${spec}: not a namespace name`);
    file = `/run/netns/${spec}`;
  }
  const st = host.stat(file);
  if (!st.ok)
    return hostErr(
      spec,
      st,
      st.code === 'ENOENT' && !spec.includes('/') ? 'no network namespace of that name' : 'cannot open it',
    );
  const inode = st.ino;
  const byInode = processesByNetns(host);
  const pids = byInode.get(inode) ?? [];
  const named = namedNetns(host);
  if (pids.length === 0 && !named.has(inode) && spec.includes('/') && inode !== hostInode)
    return error('EINVAL', `netstat: --netns ${spec}: not a network namespace in use (inode ${inode})`);
  const info = describe(host, inode, named.get(inode) ?? [], pids, hostInode);
  return { ...info, file };
}

/** The header line `--all-netns` prints before each namespace's tables. */
export function netnsHeader(n: NetnsInfo): string {
  if (n.snapshot !== undefined) return `Network namespace ${n.label} (snapshot: ${n.snapshot})`;
  const shown = n.pids.slice(0, 8).join(' ');
  const more = n.pids.length > 8 ? ` (+${n.pids.length - 8} more)` : '';
  const who = n.pids.length === 0 ? 'no process' : `pid${n.pids.length > 1 ? 's' : ''} ${shown}${more}`;
  return `Network namespace ${n.label} (inode ${n.inode}, ${who})`;
}

/** The `netns` object JSON tables carry. */
export function netnsJson(n: NetnsInfo): {
  inode: number;
  name: string;
  names: string[];
  pids: number[];
  host: boolean;
  snapshot?: string;
} {
  const o = { inode: n.inode, name: n.label, names: n.names, pids: n.pids, host: n.host };
  return n.snapshot !== undefined ? { ...o, snapshot: n.snapshot } : o;
}
