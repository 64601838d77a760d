/**
 * What main() does once the command line has been parsed into a plan to run (main.ts): the root,
 * the namespaces, the plugins' and families' tables, `-c`'s passes. Imported by main() only then,
 * so that a command that ends at the parse (`-V`, `-h`, a usage error) loads neither this module
 * nor core nor any family.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ChunkedOutput,
  EXIT_STATUS,
  encodeUtf8Escaped,
  escapeJsonForTerminal,
  type FamilyPlugin,
  type FdLinkReader,
  Host,
  type JsonDocument,
  LARGE_WALK_FDS,
  type NetnsInfo,
  type NetstatOptions,
  netnsHeader,
  netnsJson,
  type Output,
  type PluginContext,
  type ProcessMap,
  Resolver,
  renderJson,
  rowStream,
  type Section,
  type StreamedTable,
  scanProcesses,
  type Table,
  type WorkerThreads,
  writeJson,
} from '@netstat-ts/core';
import type { RunPlan } from '@netstat-ts/core/args';
import { builtin } from './builtin.js';
import type { Io } from './main.js';
import {
  copyNetDir,
  type NetnsTarget,
  netnsTargets,
  snapshotNetnsTargets,
  snapshotTarget,
  verboseOwnerNotes,
  type WriteNetDir,
} from './netns.js';
import {
  type FirstPartyPackage,
  LEGACY_SOCKET_FAMILIES,
  loadFirstParty,
  MODE_PACKAGES,
  PluginLoadError,
  ROUTE_PACKAGES,
  SOCKET_PACKAGES,
} from './registry.js';
import { VERSION } from './version.js';

const FAMILIES_WITHOUT_ROUTES = new Set(['unix', 'ec', 'ash']);

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

type NativeLayer = Extract<Awaited<ReturnType<typeof import('@netstat-ts/native').loadNative>>, { ok: true }>;

/** The native layer (setns, netlink), or null when it is disabled or cannot load. */
async function nativeFor(env: Readonly<Record<string, string | undefined>>): Promise<NativeLayer | null> {
  try {
    const { loadNative } = await import('@netstat-ts/native');
    const n = await loadNative({ disabled: env.NETSTAT_NO_NATIVE === '1' });
    return n.ok ? n : null;
  } catch {
    return null;
  }
}

/** Gives a target in another namespace rtnetlink requests and an AF_INET socket made inside it (for -i, -ie). */
function attachRtnetlink(t: NetnsTarget, n: NativeLayer): void {
  const ns = t.host.roots.netns;
  if (!ns) return;
  const rtnetlink = (requests: Buffer[]): Buffer[][] =>
    n.withNetns(ns.file, () => {
      const s = n.netlinkSocket(0); // NETLINK_ROUTE
      try {
        return requests.map((r) => s.request(r));
      } finally {
        s.close();
      }
    });
  const inetSocket = (): number => n.withNetns(ns.file, () => n.inetSocket());
  t.host = t.host.with({ netns: { ...ns, rtnetlink, inetSocket } });
}

/**
 * Makes a namespace no process holds readable with the native layer: its /proc/net files are
 * copied, inside it (setns), to a temporary directory; without a temporary directory, or when
 * that fails, the bin file's helper process is used.
 */
function nativeHold(host: Host, n: NativeLayer, io: Io): NonNullable<Io['holdNetns']> {
  return (file, inode) => {
    if (io.tmpdir) {
      const dir = mkdtempSync(join(io.tmpdir, 'netstat-netns-'));
      const release = () => rmSync(dir, { recursive: true, force: true });
      try {
        copyNetDir(
          host,
          (fn) => n.withNetns(file, fn),
          (name, data) => writeFileSync(join(dir, name), data),
        );
        return { netDir: dir, release };
      } catch (e) {
        release();
        if (!io.holdNetns) return { error: (e as Error).message };
      }
    }
    return io.holdNetns?.(file, inode) ?? { error: 'no temporary directory and no helper' };
  };
}

/** Writes the tables derived for a snapshot's namespace to a fresh directory under `tmp`. */
function derivedNetDir(tmp: string): WriteNetDir {
  return (files) => {
    let dir = '';
    try {
      dir = mkdtempSync(join(tmp, 'netstat-sosns-'));
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text, 'latin1');
      const d = dir;
      return { dir: d, release: () => rmSync(d, { recursive: true, force: true }) };
    } catch (e) {
      if (dir) rmSync(dir, { recursive: true, force: true });
      return { error: (e as Error).message };
    }
  };
}

/**
 * Runs a parsed plan: checks the root, finds the namespaces asked for and prints every pass.
 * `host` is the root's Host when the parse already made one (`-Z` asks whether SELinux is on).
 * Never throws for bad input: every failure becomes a message and a status.
 */
export async function runPlan(
  parsed: RunPlan,
  rootDir: string,
  given: Host | undefined,
  extra: FamilyPlugin[],
  io: Io,
): Promise<number> {
  const env = io.env ?? {};
  const err = (s: string) => io.stderr.write(encodeUtf8Escaped(s));
  const host = given ?? new Host(rootDir);
  if (!host.isDirectory('/')) {
    err(`netstat: cannot use root '${rootDir}': not a directory.\n`);
    return EXIT_STATUS.E_ROOT;
  }
  let targets: NetnsTarget[] | null = null;
  const x = parsed.extensions;
  if (typeof x.netns === 'string') parsed.netns = x.netns;
  if (x['all-netns'] === true) parsed.allNetns = true;
  if (typeof x.compare === 'string') parsed.compare = x.compare;
  if (parsed.netns !== undefined && parsed.allNetns) {
    err('netstat: --netns and --all-netns exclude each other.\n');
    return EXIT_STATUS.E_USAGE;
  }
  try {
    if (parsed.compare !== undefined) {
      const { runCompare } = await import('./compare.js');
      return await runCompare(parsed, host, io);
    }
    if (parsed.netns !== undefined || parsed.allNetns) {
      const native = host.isLive ? await nativeFor(env) : null;
      const t =
        !host.isLive && !/^\d+$/.test(parsed.netns ?? '')
          ? snapshotNetnsTargets(host, parsed, io.tmpdir ? derivedNetDir(io.tmpdir) : undefined)
          : netnsTargets(host, parsed, native ? { holdNetns: nativeHold(host, native, io) } : io);
      if (!Array.isArray(t)) {
        err(`${t.message}\n`);
        return EXIT_STATUS.E_NETNS;
      }
      targets = t;
      if (native) for (const x of targets) attachRtnetlink(x, native);
    }
    return await run(parsed, targets ?? [host.isLive ? { host } : snapshotTarget(host, parsed)], extra, io);
  } catch (e) {
    if (e instanceof PluginLoadError) {
      err(`${e.message}\n`);
      return EXIT_STATUS.E_PLUGIN;
    }
    err(`netstat: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    return EXIT_STATUS.E_IO;
  } finally {
    for (const t of targets ?? []) t.release?.();
  }
}

async function run(plan: RunPlan, targets: NetnsTarget[], extra: FamilyPlugin[], io: Io): Promise<number> {
  const options = plan.options;
  const terminal = io.terminal === true;
  const out = new ChunkedOutput(io.stdout, io.stderr, { terminal: terminal && !plan.json });
  const sleep = io.sleep ?? defaultSleep;
  const env = io.env ?? {};
  // NETSTAT_NO_NATIVE=1: no koffi, no netlink, no ioctl anywhere (each has a fallback).
  const nativeDisabled = env.NETSTAT_NO_NATIVE === '1';
  const resolvers = targets.map((t) => new Resolver(t.host, { enabled: t.host.isLive }));
  if (plan.mode === 'events') {
    // -L: one long pass; -c has no meaning here. In another namespace (--netns) its netlink
    // sockets are made inside that namespace (setns), or its /proc/PID/net is polled; one stream
    // cannot watch several namespaces.
    const t = targets[0]!;
    if (targets.length > 1) {
      out.err('netstat: -L watches one namespace (use --netns NAME, not --all-netns).\n');
      return EXIT_STATUS.E_NETNS;
    }
    if (t.skip) {
      out.err(`${t.skip}\n`);
      return EXIT_STATUS.E_NETNS;
    }
    const ctx: PluginContext = {
      host: t.host,
      resolver: resolvers[0]!,
      options,
      pass: 0,
      nativeDisabled,
      processes: () => scanProcesses(t.host, { euid: io.euid ?? 0, contexts: options.context }),
    };
    const { runEvents } = await import('./events.js');
    return runEvents(plan, ctx, await loadFirstParty(MODE_PACKAGES.events), io);
  }
  if (options.verbose > 0) for (const t of targets) for (const n of t.notes ?? []) out.err(`${n}\n`);
  // NETSTAT_NO_THREADS=1: the -p walk stays on one thread.
  const threads = env.NETSTAT_NO_THREADS === '1' ? undefined : walkThreads(options, targets);
  const links = nativeDisabled ? undefined : await walkLinks(options, targets, env);
  for (let pass = 0; ; pass++) {
    // Each pass of -c looks a snapshot's paths up anew.
    if (pass > 0) for (const t of targets) t.host.refresh();
    const contexts = targets.map((t, i): PluginContext => {
      let map: ProcessMap | undefined;
      const host = t.host;
      return {
        host,
        resolver: resolvers[i]!,
        options,
        pass,
        terminal: terminal && !plan.json,
        nativeDisabled,
        processes: () => {
          if (t.owners) return t.owners();
          map ??= scanProcesses(host, {
            euid: io.euid ?? 0,
            contexts: options.context,
            escapeNewlines: terminal && !plan.json,
            lazy: true,
            ...(threads ? { threads } : {}),
            ...(links ? { links } : {}),
            ...(io.bigData ? { onLargeWalk: io.bigData, onThreadStarting: io.bigData } : {}),
            ...(t.netns && host.isLive ? { netns: t.netns.inode } : {}),
          });
          return map;
        },
      };
    });
    const status = await onePass(plan, targets, contexts, extra, out, io);
    out.flush();
    if (status !== 0) return status;
    if (!options.continuous || plan.mode === 'statistics' || io.signal?.aborted) return 0;
    await sleep(1000, io.signal);
    if (io.signal?.aborted) return 0;
  }
}

/** Produces the sections of one pass lazily, in print order. */
async function* passSections(
  plan: RunPlan,
  ctx: PluginContext,
  extra: FamilyPlugin[],
): AsyncGenerator<Section> {
  const load = (p: FirstPartyPackage) => loadFirstParty(p);
  switch (plan.mode) {
    case 'statistics':
      yield* (await (await load(MODE_PACKAGES.statistics)).statistics?.(ctx)) ?? [];
      return;
    case 'interfaces':
      yield* (await (await load(MODE_PACKAGES.interfaces)).interfaces?.(ctx)) ?? [];
      return;
    case 'masquerade':
      yield* (await (await load(MODE_PACKAGES.masquerade)).masquerade?.(ctx)) ?? [];
      return;
    case 'route':
      yield* routeSections(ctx, extra);
      return;
    case 'sockets':
      yield* socketSections(plan, ctx, extra);
  }
}

function* messageSection(text: string, status: number, stream: 'out' | 'err' = 'err'): Generator<Section> {
  yield { status, write: (out) => out[stream](`${text}\n`) };
}

async function* routeSections(ctx: PluginContext, extra: FamilyPlugin[]): AsyncGenerator<Section> {
  const list = ctx.options.familyList.length > 0 ? ctx.options.familyList : ['inet'];
  for (const fam of list) {
    const pkg = ROUTE_PACKAGES[fam];
    const third = extra.find((p) => p.routes && Object.hasOwn(p.families, fam));
    if (pkg) yield* (await (await loadFirstParty(pkg)).routes?.(ctx, fam)) ?? [];
    else if (third) yield* await third.routes!(ctx, fam);
    else if (FAMILIES_WITHOUT_ROUTES.has(fam))
      yield* messageSection(`No routing for address family \`${fam}'.`, EXIT_STATUS.E_ROUTE_FAMILY);
    else yield* messageSection(`Address family \`${fam}' not supported.`, EXIT_STATUS.E_ROUTE_FAMILY);
  }
}

async function* socketSections(
  plan: RunPlan,
  ctx: PluginContext,
  extra: FamilyPlugin[],
): AsyncGenerator<Section> {
  const o = ctx.options;
  const p = o.protocols;
  // DDP sockets (an addition): `-A ddp` sets no listing flag in 2.10, which then prints the
  // default listing; when /proc/net/appletalk exists, `-A ddp` alone prints the DDP block only.
  const ddp =
    o.families.has('ddp') &&
    !extra.some((pl) => pl.sockets && Object.hasOwn(pl.families, 'ddp')) &&
    ctx.host.exists('/proc/net/appletalk');
  const all = o.flagArg === 0 && !ddp;
  const inetActive = all || p.tcp || p.sctp || p.udp || p.udplite || p.raw;
  const unixActive = all || o.families.has('unix');
  // Start importing every package this listing will use: their files then load side by side
  // instead of one after the other (each is still awaited in listing order below).
  const needed: FirstPartyPackage[] = [];
  if (inetActive || o.groups > 0) needed.push(SOCKET_PACKAGES.inet!);
  if (unixActive) needed.push(SOCKET_PACKAGES.unix!);
  for (const fam of LEGACY_SOCKET_FAMILIES) {
    if (!all && !o.families.has(fam)) continue;
    if (!extra.some((pl) => pl.sockets && Object.hasOwn(pl.families, fam)))
      needed.push(SOCKET_PACKAGES[fam]!);
  }
  if (ddp) needed.push(SOCKET_PACKAGES.ddp!);
  for (const pkg of needed) loadFirstParty(pkg).catch(() => {}); // failures surface where awaited
  const netlinkActive = o.families.has('netlink');
  if (netlinkActive && !extra.some((pl) => pl.sockets && Object.hasOwn(pl.families, 'netlink')))
    needed.push(SOCKET_PACKAGES.netlink!);
  if (o.programs && (inetActive || unixActive || netlinkActive)) {
    const w = ctx.processes().warning;
    if (w) yield* messageSection(w, 0);
  }
  if (inetActive) yield* (await (await loadFirstParty(SOCKET_PACKAGES.inet!)).sockets?.(ctx)) ?? [];
  if (o.groups > 0) yield* (await (await loadFirstParty(MODE_PACKAGES.groups)).groups?.(ctx)) ?? [];
  if (unixActive) yield* (await (await loadFirstParty(SOCKET_PACKAGES.unix!)).sockets?.(ctx)) ?? [];
  for (const fam of LEGACY_SOCKET_FAMILIES) {
    if (!all && !o.families.has(fam)) continue;
    const third = extra.find((pl) => pl.sockets && Object.hasOwn(pl.families, fam));
    if (third) yield* await third.sockets!(ctx);
    else yield* (await (await loadFirstParty(SOCKET_PACKAGES[fam]!)).sockets?.(ctx)) ?? [];
  }
  if (ddp) yield* (await (await loadFirstParty(SOCKET_PACKAGES.ddp!)).sockets?.(ctx)) ?? [];
  if (netlinkActive) {
    const third = extra.find((pl) => pl.sockets && Object.hasOwn(pl.families, 'netlink'));
    if (third) yield* await third.sockets!(ctx);
    else yield* (await (await loadFirstParty(SOCKET_PACKAGES.netlink!)).sockets?.(ctx)) ?? [];
  }
  for (const pl of extra) {
    if (!pl.sockets) continue;
    const fams = Object.keys(pl.families);
    if (fams.some((f) => (LEGACY_SOCKET_FAMILIES as readonly string[]).includes(f) || f === 'netlink'))
      continue;
    if (fams.some((f) => o.families.has(f))) yield* await pl.sockets(ctx);
  }
  if (plan.bluetooth && o.flagArg !== 0)
    yield* messageSection(
      "netstat: feature `AF BLUETOOTH' not supported.\nPlease recompile `net-tools' with newer kernel source or full configuration.",
      1,
    );
}

/** True when the namespace is still the one the target was resolved to (its process lives on). */
function stillThere(t: NetnsTarget): boolean {
  return t.check?.() ?? true;
}
async function onePass(
  plan: RunPlan,
  targets: NetnsTarget[],
  contexts: PluginContext[],
  extra: FamilyPlugin[],
  out: ChunkedOutput,
  io: Io,
): Promise<number> {
  const multi = plan.allNetns === true;
  const vanished = (n: NetnsInfo) =>
    `netstat: network namespace ${n.label} (inode ${n.inode}) vanished while it was read; skipped.\n`;
  if (!plan.json) {
    let status = 0;
    for (let i = 0; i < targets.length; i++) {
      const t = targets[i]!;
      const ctx = contexts[i]!;
      if (t.skip) {
        out.err(`${t.skip}\n`);
        continue;
      }
      if (!stillThere(t)) {
        out.err(vanished(t.netns!));
        continue;
      }
      if (multi) out.out(`${i > 0 ? '\n' : ''}${netnsHeader(t.netns!)}\n`);
      const seen: Table<object>[] = [];
      for await (const s of passSections(plan, ctx, extra)) {
        if (s.table) seen.push(s.table);
        s.write(out);
        if (s.status !== 0) {
          status = s.status;
          break;
        }
      }
      if (plan.mode === 'sockets' && ctx.options.verbose > 0 && ctx.options.programs) {
        out.flush();
        for (const n of verboseOwnerNotes(ctx, seen)) out.err(n);
      }
      if (status !== 0 && !multi) return status;
    }
    return status;
  }
  io.bigData?.();
  const tables: (Table<object> | StreamedTable)[] = [];
  const namespaces: object[] = [];
  let status = 0;
  const quiet: Output = { out: () => {}, err: (t) => out.err(t) };
  // Sections that stream their rows are read while the document is written (below); their
  // status is known only then.
  const streamed: Section[] = [];
  let rowStreams = 0;
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i]!;
    if (t.skip) {
      out.err(`${t.skip}\n`);
      if (t.netns) namespaces.push({ ...netnsJson(t.netns), skipped: t.skip });
      continue;
    }
    if (!stillThere(t)) {
      out.err(vanished(t.netns!));
      namespaces.push({ ...netnsJson(t.netns!), skipped: 'vanished' });
      continue;
    }
    const tag = t.netns ? netnsJson(t.netns) : undefined;
    if (tag) namespaces.push(tag);
    for await (const s of passSections(plan, contexts[i]!, extra)) {
      const stream = s.stream;
      if (s.table && stream) {
        const section = s;
        streamed.push(section);
        tables.push({
          table: s.table,
          rows: (emit) => stream.call(section, emit, quiet),
          ...(tag ? { extra: { netns: tag }, rowExtra: { netns: tag.inode } } : {}),
        });
        continue;
      }
      const rows = s.table ? rowStream(s.table) : undefined;
      if (s.table && rows) {
        // A table that hands over its rows one at a time (defineRowStream): written as a
        // streamed table, its rows read while the document is written, never all held.
        rowStreams++;
        tables.push({
          table: s.table,
          rows: (emit) => rows(emit),
          ...(tag ? { extra: { netns: tag }, rowExtra: { netns: tag.inode } } : {}),
        });
      } else if (s.table) {
        tables.push(
          tag
            ? {
                ...s.table,
                netns: tag,
                rows: s.table.rows.map((r) => ({ ...r, netns: tag.inode })),
              }
            : s.table,
        );
      }
      s.write(quiet);
      if (s.status !== 0) {
        status = s.status;
        break;
      }
    }
    if (status !== 0 && !multi) break;
  }
  const doc: Omit<JsonDocument, 'tables'> & { tables: (Table<object> | StreamedTable)[] } = {
    schema: 'netstat-ts/v1',
    tool: { name: 'netstat-ts', version: VERSION },
    root: targets[0]!.host.roots.root,
    time: (io.now?.() ?? new Date()).toISOString(),
    mode: plan.mode,
    ...(targets[0]!.netns ? { namespaces } : {}),
    tables,
    status,
  };
  if (streamed.length === 0 && rowStreams === 0) {
    const json = renderJson(doc as JsonDocument);
    io.stdout.write(Buffer.from(io.terminal ? escapeJsonForTerminal(json) : json, 'utf8'));
    return status;
  }
  // Written in pieces of about 64 KiB as the streamed rows come.
  let piece = '';
  const flush = () => {
    if (piece) io.stdout.write(Buffer.from(io.terminal ? escapeJsonForTerminal(piece) : piece, 'utf8'));
    piece = '';
  };
  const streamedDoc = {
    ...doc,
    // Read after the tables: the first non-zero status of a streamed section, if none before.
    get status() {
      if (status === 0) for (const s of streamed) if (s.status !== 0) return s.status;
      return status;
    },
  };
  writeJson(streamedDoc, (t) => {
    piece += t;
    if (piece.length >= 65536) flush();
  });
  flush();
  return streamedDoc.status;
}

/**
 * For the `-p`/`-Z` walk of a live system: a loader of `node:worker_threads` that the walk calls
 * only when it is large enough for a second thread (`ScanOptions.threads`); the loader gives
 * undefined on a machine with one CPU. Loading the module costs about a tenth of Node's start,
 * so a small walk never loads it.
 */
function walkThreads(
  options: NetstatOptions,
  targets: { host: { isLive: boolean } }[],
): (() => WorkerThreads | undefined) | undefined {
  if (!(options.programs || options.context) || !targets.some((t) => t.host.isLive)) return undefined;
  return () => {
    const { availableParallelism } = builtin('node:os') as typeof import('node:os');
    if (availableParallelism() < 2) return undefined;
    return builtin('node:worker_threads') as WorkerThreads;
  };
}

/**
 * For the `-p`/`-Z` walk of a live system with at least LARGE_WALK_FDS files open
 * (`/proc/sys/fs/file-nr`, one small read): the native layer's reader of fd links
 * (`readlinkat`, ~35 % faster than Node's `readlinkSync` over 40 000 links; the caller skips it
 * under NETSTAT_NO_NATIVE=1). A smaller walk does not pay for loading the native layer.
 */
async function walkLinks(
  options: NetstatOptions,
  targets: { host: Host }[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<FdLinkReader | undefined> {
  if (!(options.programs || options.context)) return undefined;
  const live = targets.find((t) => t.host.isLive);
  const nr = live?.host.readText('/proc/sys/fs/file-nr', 64);
  if (!nr || !(Number.parseInt(nr, 10) >= LARGE_WALK_FDS)) return undefined;
  return (await nativeFor(env))?.fdLinks();
}
