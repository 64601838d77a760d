/**
 * `--netns` and `--all-netns`: turns namespace specs into the Hosts that read each namespace.
 * A namespace with a process inside is read through that process's `/proc/PID/net` (no setns
 * needed); one no process holds is held by a helper process for the run (see `Io.holdNetns`).
 */
import {
  currEstabFromNetstatCapture,
  type Host,
  ifindexesFromIpAddress,
  listNetns,
  type NetnsInfo,
  netnsInodeOfLink,
  ownersFromNetstatCapture,
  type PluginContext,
  type ProcessMap,
  parseIpNetns,
  procGroupsFromNetstatCapture,
  procNetFromNetstatCapture,
  procRouteFromIpRoute,
  procSnmpFromNstat,
  resolveNetns,
  SOS_IP_NETNS,
  SOS_NETNS_COMMANDS,
  SOS_NETNS_DIR,
  snapshotLayout,
  snapshotNotes,
  sosNetnsFile,
  type Table,
} from '@netstat-ts/core';
import type { RunPlan } from '@netstat-ts/core/args';

/** Everything needed to read one namespace (or the plain system, without `netns`). */
export interface NetnsTarget {
  host: Host;
  netns?: NetnsInfo;
  /** Set when this namespace cannot be read: the message saying why (it is reported and skipped). */
  skip?: string;
  /** False once the namespace's process has gone (the namespace vanished midway). */
  check?(): boolean;
  /** Ends what was set up for this namespace (a helper process). */
  release?(): void;
  /** Socket owners from elsewhere than /proc/PID/fd (a snapshot's netstat capture). */
  owners?(): ProcessMap;
  /** `-v` notes on where the tables come from (printed once, before the first pass). */
  notes?: string[];
}

/**
 * The target for a snapshot root: `/proc/net` where the snapshot keeps it (a sosreport's
 * `proc/net -> self/net -> PID/net` resolved inside the root, or the richest `proc/PID/net`), and
 * `-p` owners from its `netstat -neopa` capture when it has no `/proc/PID/fd`.
 */
export function snapshotTarget(host: Host, plan: RunPlan): NetnsTarget {
  const layout = snapshotLayout(host);
  const t: NetnsTarget = {
    host: layout.relocated && layout.netDir ? host.with({ net: host.realPath(layout.netDir) }) : host,
    notes: snapshotNotes(layout, plan.mode, plan.options.programs),
  };
  if (!layout.hasDescriptors && layout.ownersCapture) {
    const file = layout.ownersCapture;
    let map: ProcessMap | undefined;
    t.owners = () => {
      map ??= ownersFromNetstatCapture(host.readText(file) ?? '');
      return map;
    };
  }
  return t;
}

/** What {@link netnsTargets} needs of the outside world. */
export interface NetnsIo {
  holdNetns?: (file: string, inode: number) => HeldNetns | { error: string };
}

/** A namespace made readable for the run: a process inside it, or a copy of its `/proc/net`. */
export type HeldNetns = { release(): void } & ({ pid: number } | { netDir: string });

function ownInode(host: Host): number | null {
  const l = host.readLink('/proc/self/ns/net');
  return typeof l === 'string' ? netnsInodeOfLink(l) : null;
}

/** Builds the target that reads one namespace. */
export function targetFor(host: Host, info: NetnsInfo, io: NetnsIo, own: number | null): NetnsTarget {
  if (host.isLive && info.inode === own) return { host, netns: info };
  let netDir = info.netDir;
  let release: (() => void) | undefined;
  let pid = netDir === null ? null : Number(/^\/proc\/(\d+)\//.exec(netDir)?.[1]);
  if (netDir === null) {
    const why = 'no process is inside it';
    if (!host.isLive || !io.holdNetns)
      return {
        host,
        netns: info,
        skip: `netstat: network namespace ${info.label} (inode ${info.inode}): ${why}; skipped.`,
      };
    const held = io.holdNetns(info.file, info.inode);
    if ('error' in held)
      return {
        host,
        netns: info,
        skip: `netstat: network namespace ${info.label} (inode ${info.inode}): ${why} and it cannot be entered: ${held.error}; skipped.`,
      };
    release = held.release;
    if ('netDir' in held) {
      // a copy taken inside the namespace: it cannot vanish any more
      return {
        host: host.with({ net: held.netDir, netns: { file: info.file, inode: info.inode } }),
        netns: info,
        release,
      };
    }
    pid = held.pid;
    netDir = `/proc/${pid}/net`;
  }
  const listing = host.names(netDir);
  if (!Array.isArray(listing)) {
    release?.();
    return {
      host,
      netns: info,
      skip: `netstat: network namespace ${info.label} (inode ${info.inode}) cannot be read: ${listing.path}: ${listing.message}; skipped.`,
    };
  }
  const nsHost = host.with({ net: host.realPath(netDir), netns: { file: info.file, inode: info.inode } });
  const check = () => {
    const l = host.readLink(`/proc/${pid}/ns/net`);
    return typeof l === 'string' && netnsInodeOfLink(l) === info.inode;
  };
  return { host: nsHost, netns: info, check, ...(release ? { release } : {}) };
}

/** The targets of `--netns SPEC` or `--all-netns`, or the message of a spec that cannot be used. */
export function netnsTargets(host: Host, plan: RunPlan, io: NetnsIo): NetnsTarget[] | { message: string } {
  const own = ownInode(host);
  if (plan.netns !== undefined) {
    if (!host.isLive && !/^\d+$/.test(plan.netns))
      return {
        message: `netstat: --netns ${plan.netns}: a snapshot root keeps namespaces only as processes (--netns PID reads <root>/proc/PID/net)`,
      };
    const info = resolveNetns(host, plan.netns);
    if (!('inode' in info)) return { message: info.message };
    const t = targetFor(host, info, io, own);
    if (t.skip) return { message: t.skip.replace(/; skipped\.$/, '.') };
    return [t];
  }
  const all = listNetns(host);
  if (all.length === 0)
    return { message: 'netstat: --all-netns: no network namespace found (cannot read /proc/*/ns/net)' };
  return all.map((n) => targetFor(host, n, io, own));
}

interface OwnedRow {
  inode?: number;
  owner?: unknown;
  state?: string;
}

/**
 * The `-v -p` notes for one namespace: why PID/Program columns show `-` (no descriptor, held by a
 * process of another namespace, unreadable descriptors).
 */
export function verboseOwnerNotes(ctx: PluginContext, tables: Table<object>[]): string[] {
  const map = ctx.processes();
  let noFd = 0;
  let unowned = 0;
  const notes: string[] = [];
  for (const t of tables) {
    if (t.kind !== 'sockets') continue;
    for (const r of t.rows as OwnedRow[]) {
      if (typeof r.inode !== 'number' || r.owner) continue;
      if (r.inode === 0) {
        noFd++;
        continue;
      }
      const f = map.foreign?.get(r.inode);
      if (f)
        notes.push(
          `netstat: note: socket ${r.inode} (${t.name}) is held by ${f.pid}/${f.program} of network namespace ${f.netns}, outside this one: its PID/Program shows "-".\n`,
        );
      else unowned++;
    }
  }
  if (noFd > 0)
    notes.push(
      `netstat: note: ${noFd} socket(s) have no file descriptor (inode 0: TIME_WAIT, SYN_RECV, not yet accepted): their PID/Program shows "-".\n`,
    );
  if (unowned > 0) {
    const why =
      map.unreadable && map.unreadable.length > 0
        ? `the descriptors of ${map.unreadable.length} process(es) could not be read (permission), e.g. pid ${map.unreadable.slice(0, 5).join(' ')}`
        : 'no process holds them (kernel sockets, or the process exited)';
    notes.push(`netstat: note: ${unowned} socket(s) show "-" as PID/Program: ${why}.\n`);
  }
  return notes;
}

/**
 * Copies the `/proc/net` files of a namespace no process holds into `dir`, read through
 * `/proc/thread-self/net` inside `enter` (a synchronous setns of the main thread, always
 * switched back). Directories (`stat/`, `dev_snmp6/`) are left out; unreadable files are skipped.
 */
export function copyNetDir(
  host: Host,
  enter: <T>(fn: () => T) => T,
  write: (name: string, data: Buffer) => void,
): number {
  return enter(() => {
    const names = host.names('/proc/thread-self/net');
    if (!Array.isArray(names)) throw new Error(`${names.path}: ${names.message}`);
    let n = 0;
    for (const name of names) {
      const r = host.read(`/proc/thread-self/net/${name}`);
      if (!r.ok) continue;
      write(name, r.data);
      n++;
    }
    return n;
  });
}

/** Writes derived `/proc/net` files to a fresh directory (the CLI's temporary directory). */
export type WriteNetDir = (
  files: Record<string, string>,
) => { dir: string; release(): void } | { error: string };

/** What a snapshot keeps of one of its namespaces, and the tables derived from it. */
interface SnapshotNetns {
  files: Record<string, string>;
  /** `-v` notes: which output each table came from, what is missing, skipped lines. */
  notes: string[];
  /** Set when the mode asked for cannot be derived from what the snapshot keeps: why. */
  lacks?: string;
  owners?: string;
}

const note = (s: string) => `netstat: note: ${s}`;

/**
 * Derives the `/proc/net` files of snapshot namespace `name` the mode needs from the outputs sos
 * ran inside it. Nothing outside the root is read.
 */
function deriveSnapshotNetns(host: Host, name: string, plan: RunPlan): SnapshotNetns {
  const files: Record<string, string> = {};
  const notes: string[] = [];
  const dir = `${SOS_NETNS_DIR}/${name}`;
  const read = (cmd: string): { text: string; file: string } | null => {
    const file = sosNetnsFile(name, cmd);
    const text = host.readText(file);
    return text === null ? null : { text, file: file.slice(1) };
  };
  const take = (
    what: string,
    src: { file: string },
    d: { files: Record<string, string>; skipped: number },
  ) => {
    Object.assign(files, d.files);
    notes.push(note(`snapshot namespace ${name}: ${what} derived from ${src.file}.`));
    if (d.skipped > 0)
      notes.push(
        note(`snapshot namespace ${name}: ${d.skipped} line(s) of ${src.file} skipped (not understood).`),
      );
  };
  const o = plan.options;
  const r: SnapshotNetns = { files, notes };
  // What the snapshot lacks for this namespace, whatever the mode: sos never keeps these, and
  // any of the outputs tables are derived from that is missing here.
  const missing = Object.values(SOS_NETNS_COMMANDS).filter((c) => !host.exists(sosNetnsFile(name, c)));
  notes.push(
    note(
      `snapshot namespace ${name} lacks interface statistics (-i), IPv6 routes and the route cache (-r), connection tracking (-M), /proc/PID/fd (PID/Program only from the netstat capture)${missing.length > 0 ? `, and the outputs of ${missing.join(', ')}` : ''}.`,
    ),
  );
  if (plan.mode === 'sockets' && o.groups > 0) {
    const src = read(SOS_NETNS_COMMANDS.groups);
    if (!src) return { ...r, lacks: `the ${SOS_NETNS_COMMANDS.groups} output (${dir.slice(1)})` };
    const addr = read(SOS_NETNS_COMMANDS.addresses);
    take(
      'group memberships (igmp, igmp6)',
      src,
      procGroupsFromNetstatCapture(src.text, addr ? ifindexesFromIpAddress(addr.text) : undefined),
    );
  } else if (plan.mode === 'sockets') {
    const src = read(SOS_NETNS_COMMANDS.sockets);
    if (!src) return { ...r, lacks: `the ${SOS_NETNS_COMMANDS.sockets} output (${dir.slice(1)})` };
    take('sockets (tcp, tcp6, udp, udp6, raw, raw6, unix)', src, procNetFromNetstatCapture(src.text));
    r.owners = sosNetnsFile(name, SOS_NETNS_COMMANDS.sockets);
    notes.push(
      note(
        `snapshot namespace ${name}: sos keeps no udplite, sctp or other families' tables of a namespace.`,
      ),
    );
  } else if (plan.mode === 'route') {
    if (o.cache || [...o.families].some((f) => f !== 'inet'))
      return {
        ...r,
        lacks: `IPv6 routes and the route cache (it keeps only IPv4 main-table routes, in ${SOS_NETNS_COMMANDS.routes})`,
      };
    const src = read(SOS_NETNS_COMMANDS.routes);
    if (!src) return { ...r, lacks: `the ${SOS_NETNS_COMMANDS.routes} output (${dir.slice(1)})` };
    take('IPv4 routes (route, main table)', src, procRouteFromIpRoute(src.text));
  } else if (plan.mode === 'statistics') {
    const src = read(SOS_NETNS_COMMANDS.counters);
    if (!src) return { ...r, lacks: `the ${SOS_NETNS_COMMANDS.counters} output (${dir.slice(1)})` };
    const sysctl = read(SOS_NETNS_COMMANDS.sysctl);
    const sockets = read(SOS_NETNS_COMMANDS.sockets);
    take(
      'statistics (snmp, netstat, snmp6)',
      src,
      procSnmpFromNstat(
        src.text,
        sysctl?.text ?? '',
        sockets ? currEstabFromNetstatCapture(sockets.text) : 0,
      ),
    );
    if (!sockets)
      notes.push(
        note(
          `snapshot namespace ${name}: no ${SOS_NETNS_COMMANDS.sockets} output: Tcp CurrEstab shown as 0.`,
        ),
      );
    if (!sysctl)
      notes.push(
        note(
          `snapshot namespace ${name}: no ${SOS_NETNS_COMMANDS.sysctl} output: Ip Forwarding and DefaultTTL assumed 2 and 64.`,
        ),
      );
  } else {
    const what =
      plan.mode === 'interfaces'
        ? 'interface statistics (sos runs no ip -s link in a namespace)'
        : `anything for ${plan.mode}`;
    return { ...r, lacks: what };
  }
  return r;
}

/** The snapshot's namespaces: the names of its `ip netns` output, then any other kept directory. */
export function snapshotNamespaces(host: Host): string[] {
  const names = parseIpNetns(host.readText(SOS_IP_NETNS) ?? '');
  const dirs = host.names(SOS_NETNS_DIR);
  for (const d of Array.isArray(dirs) ? dirs.sort() : [])
    if (!names.includes(d) && host.isDirectory(`${SOS_NETNS_DIR}/${d}`)) names.push(d);
  return names;
}

function snapshotInfo(name: string): NetnsInfo {
  return {
    inode: 0,
    names: [name],
    pids: [],
    host: false,
    file: `${SOS_NETNS_DIR}/${name}`,
    netDir: null,
    label: name,
    snapshot: `${SOS_NETNS_DIR.slice(1)}/${name}`,
  };
}

/**
 * The targets of `--netns NAME` or `--all-netns` under a snapshot root: the host (`--all-netns`)
 * as {@link snapshotTarget} reads it, then each namespace of the snapshot's `ip netns`, whose
 * tables are derived from the outputs sos ran inside it and written by `write` to a directory
 * the target's Host reads as `/proc/net`.
 */
export function snapshotNetnsTargets(
  host: Host,
  plan: RunPlan,
  write: WriteNetDir | undefined,
): NetnsTarget[] | { message: string } {
  const names = snapshotNamespaces(host);
  const one = (name: string): NetnsTarget => {
    const info = snapshotInfo(name);
    const d = deriveSnapshotNetns(host, name, plan);
    const skip = (why: string) => ({
      host,
      netns: info,
      skip: `netstat: network namespace ${name} (snapshot): ${why}; skipped.`,
    });
    if (d.lacks) return skip(`the snapshot lacks ${d.lacks}`);
    if (!write) return skip('no temporary directory to hold its derived tables');
    const w = write(d.files);
    if ('error' in w) return skip(w.error);
    const t: NetnsTarget = {
      host: host.with({ net: w.dir }),
      netns: info,
      release: w.release,
      notes: d.notes,
    };
    if (d.owners) {
      const file = d.owners;
      let map: ProcessMap | undefined;
      t.owners = () => {
        map ??= ownersFromNetstatCapture(host.readText(file) ?? '');
        return map;
      };
    }
    return t;
  };
  if (plan.netns !== undefined) {
    const name = plan.netns;
    if (!names.includes(name) || name.includes('/'))
      return {
        message: `netstat: --netns ${name}: no network namespace of that name in the snapshot (${SOS_IP_NETNS.slice(1)} lists ${names.length > 0 ? names.join(', ') : 'none'})`,
      };
    const t = one(name);
    if (t.skip) return { message: t.skip.replace(/; skipped\.$/, '.') };
    return [t];
  }
  const hostT = snapshotTarget(host, plan);
  hostT.netns = {
    inode: 0,
    names: [],
    pids: [],
    host: true,
    file: '/',
    netDir: null,
    label: 'host',
    snapshot: '/',
  };
  return [hostT, ...names.map(one)];
}
