import { resolve } from 'node:path';
import {
  type ByteSink,
  ChunkedOutput,
  EXIT_STATUS,
  type FamilyPlugin,
  Host,
  type JsonDocument,
  type NetstatOptions,
  type Output,
  type PluginContext,
  type ProcessMap,
  Resolver,
  renderJson,
  type Section,
  scanProcesses,
  type Table,
} from '@netstat-ts/core';
import { parseArgs, type RunPlan } from '@netstat-ts/core/args';
import {
  type FirstPartyPackage,
  LEGACY_SOCKET_FAMILIES,
  loadFirstParty,
  loadThirdParty,
  MODE_PACKAGES,
  PluginLoadError,
  ROUTE_PACKAGES,
  SOCKET_PACKAGES,
} from './registry.js';
import { VERSION } from './version.js';

/** Everything main() needs from the outside world; only the bin file builds it from `process`. */
export interface Io {
  stdout: ByteSink;
  stderr: ByteSink;
  env?: Readonly<Record<string, string | undefined>>;
  /** Effective uid (for the `-p` message). */
  euid?: number;
  /** Ends `-c` cleanly when aborted. */
  signal?: AbortSignal;
  /** How `-c` waits between passes (default: a 1 s timer that the signal interrupts). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Imports a third-party plugin (default: dynamic import()). */
  importer?: (specifier: string) => Promise<unknown>;
  /** The current directory (relative plugin paths, plugin package lookup; default: resolve('.')). */
  cwd?: string;
  /** Global node_modules directories searched for plugin packages last. */
  globalModules?: readonly string[];
  /** Timestamp for JSON documents (default: now). */
  now?: () => Date;
}

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

/** Finds exact `--root`/`--plugin` values before parsing, since plugins add -A family names. */
function prescan(argv: readonly string[]): { root?: string; plugins: string[] } {
  const plugins: string[] = [];
  let root: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    const m = /^--(root|plugin)(?:=(.*))?$/.exec(a);
    if (!m) continue;
    const v = m[2] ?? argv[++i];
    if (v === undefined) continue;
    if (m[1] === 'root') root = v;
    else plugins.push(...v.split(',').filter(Boolean));
  }
  return { root, plugins };
}

/**
 * Runs netstat with `argv` (without the program name) and returns the exit status. Never calls
 * process.exit and never throws for bad input: every failure becomes a message and a status.
 */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const env = io.env ?? {};
  // Texts of the parse phase (2.10's usage and errors are ASCII; argv and help are UTF-8).
  const err = (s: string) => io.stderr.write(Buffer.from(s, 'utf8'));
  const pre = prescan(argv);
  const rootDir = pre.root ?? env.NETSTAT_ROOT ?? '/';
  const host = new Host(rootDir);
  const extra: FamilyPlugin[] = [];
  try {
    const names = [...(env.NETSTAT_PLUGINS ?? '').split(',').filter(Boolean), ...pre.plugins];
    const search = { cwd: io.cwd ?? resolve('.'), globalDirs: io.globalModules ?? [] };
    for (const n of names) extra.push(await loadThirdParty(n, io.importer ?? ((s) => import(s)), search));
  } catch (e) {
    if (e instanceof PluginLoadError) {
      err(`${e.message}\n`);
      return EXIT_STATUS.E_PLUGIN;
    }
    throw e;
  }
  // commander renders the full help; import it only when that help is asked for.
  const helpText = argv.includes('--help-all') ? (await import('./help.js')).helpAll(VERSION) : '';
  const parsed = parseArgs(argv, {
    posixlyCorrect: env.POSIXLY_CORRECT !== undefined,
    selinuxEnabled: () => host.exists('/sys/fs/selinux/enforce'),
    helpAll: () => helpText,
    extraFamilies: Object.fromEntries(
      extra.flatMap((p) =>
        Object.entries(p.families).flatMap(([name, info]) => [
          [name, name],
          ...(info.aliases ?? []).map((a) => [a, name]),
        ]),
      ),
    ),
  });
  if (parsed.kind === 'exit') {
    if (parsed.stderr) err(parsed.stderr);
    if (parsed.stdout) io.stdout.write(Buffer.from(parsed.stdout, 'utf8'));
    return parsed.status;
  }
  if (parsed.stderr) err(parsed.stderr);
  if (!host.isDirectory('/')) {
    err(`netstat: cannot use root '${rootDir}': not a directory.\n`);
    return EXIT_STATUS.E_ROOT;
  }
  try {
    return await run(parsed, host, extra, io);
  } catch (e) {
    if (e instanceof PluginLoadError) {
      err(`${e.message}\n`);
      return EXIT_STATUS.E_PLUGIN;
    }
    err(`netstat: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    return EXIT_STATUS.E_IO;
  }
}

async function run(plan: RunPlan, host: Host, extra: FamilyPlugin[], io: Io): Promise<number> {
  const options = plan.options;
  const resolver = new Resolver(host, { enabled: host.isLive });
  const out = new ChunkedOutput(io.stdout, io.stderr);
  const sleep = io.sleep ?? defaultSleep;
  const env = io.env ?? {};
  // NETSTAT_NO_NATIVE=1: no koffi, no netlink, no ioctl anywhere (each has a fallback).
  const nativeDisabled = env.NETSTAT_NO_NATIVE === '1';
  if (plan.mode === 'events') {
    // -L: one long pass; -c has no meaning here.
    const ctx: PluginContext = {
      host,
      resolver,
      options,
      pass: 0,
      nativeDisabled,
      processes: () => scanProcesses(host, { euid: io.euid ?? 0, contexts: options.context }),
    };
    const { runEvents } = await import('./events.js');
    return runEvents(plan, ctx, await loadFirstParty(MODE_PACKAGES.events), io);
  }
  for (let pass = 0; ; pass++) {
    // Each pass of -c looks a snapshot's paths up anew.
    if (pass > 0) host.refresh();
    let map: ProcessMap | undefined;
    const ctx: PluginContext = {
      host,
      resolver,
      options,
      pass,
      nativeDisabled,
      processes: () => {
        map ??= scanProcesses(host, { euid: io.euid ?? 0, contexts: options.context, lazy: true });
        return map;
      },
    };
    const status = await onePass(plan, ctx, extra, out, io);
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
  const inetActive = o.flagArg === 0 || p.tcp || p.sctp || p.udp || p.udplite || p.raw;
  const unixActive = o.flagArg === 0 || o.families.has('unix');
  // Start importing every package this listing will use: their files then load side by side
  // instead of one after the other (each is still awaited in listing order below).
  const needed: FirstPartyPackage[] = [];
  if (inetActive || o.groups > 0) needed.push(SOCKET_PACKAGES.inet!);
  if (unixActive) needed.push(SOCKET_PACKAGES.unix!);
  for (const fam of LEGACY_SOCKET_FAMILIES) {
    if (o.flagArg !== 0 && !o.families.has(fam)) continue;
    if (!extra.some((pl) => pl.sockets && Object.hasOwn(pl.families, fam)))
      needed.push(SOCKET_PACKAGES[fam]!);
  }
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
    if (o.flagArg !== 0 && !o.families.has(fam)) continue;
    const third = extra.find((pl) => pl.sockets && Object.hasOwn(pl.families, fam));
    if (third) yield* await third.sockets!(ctx);
    else yield* (await (await loadFirstParty(SOCKET_PACKAGES[fam]!)).sockets?.(ctx)) ?? [];
  }
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

async function onePass(
  plan: RunPlan,
  ctx: PluginContext,
  extra: FamilyPlugin[],
  out: ChunkedOutput,
  io: Io,
): Promise<number> {
  if (!plan.json) {
    for await (const s of passSections(plan, ctx, extra)) {
      s.write(out);
      if (s.status !== 0) return s.status;
    }
    return 0;
  }
  const tables: Table<object>[] = [];
  let status = 0;
  const quiet: Output = { out: () => {}, err: (t) => out.err(t) };
  for await (const s of passSections(plan, ctx, extra)) {
    if (s.table) tables.push(s.table);
    s.write(quiet);
    if (s.status !== 0) {
      status = s.status;
      break;
    }
  }
  const doc: JsonDocument = {
    schema: 'netstat-ts/v1',
    tool: { name: 'netstat-ts', version: VERSION },
    root: ctx.host.roots.root,
    time: (io.now?.() ?? new Date()).toISOString(),
    mode: plan.mode,
    tables,
    status,
  };
  io.stdout.write(Buffer.from(renderJson(doc), 'utf8'));
  return status;
}

export type { NetstatOptions };
