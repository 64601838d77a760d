/**
 * main(): netstat-ts as a function of its arguments and an {@link Io}. This module parses the
 * command line and acts on what ends there (`-V`, `-h`, usage errors) with core's option parser
 * alone (@netstat-ts/core/args); a plan to run goes to run.ts, imported only then, with core and
 * the families it needs (ADR 0011: a command that ends at the parse loads nothing more).
 */
import { resolve } from 'node:path';
import type { ByteSink, FamilyPlugin, Host, NetstatOptions } from '@netstat-ts/core';
import { EXIT_STATUS, encodeUtf8Escaped, parseArgs } from '@netstat-ts/core/args';
import type { HeldNetns } from './netns.js';
import { VERSION } from './version.js';

/** Everything main() needs from the outside world; only the bin file builds it from `process`. */
export interface Io {
  stdout: ByteSink;
  stderr: ByteSink;
  /**
   * Called when a pass makes what can grow with the tables (a `-p`/`-Z` walk once it turns out
   * large: `ScanOptions.onLargeWalk`; a JSON document), once every bundle it needs is loaded:
   * the bin caps V8's young generation there (bin.ts), where a V8 flag at start would cost every
   * start. A small walk does not call it (loading `node:v8` costs ~10 M instructions). Called
   * again and again while the walk's helper thread starts (`ScanOptions.onThreadStarting`): its
   * new V8 heap resets the cap.
   */
  bigData?: () => void;
  env?: Readonly<Record<string, string | undefined>>;
  /** Effective uid (for the `-p` message). */
  euid?: number;
  /** Ends `-c` cleanly when aborted. */
  signal?: AbortSignal;
  /**
   * Makes SIGINT/SIGTERM abort `signal` until the returned function is called. The CLI leaves
   * the signals at their default action (the process ends at once) except while netstat-ts only
   * waits for something (`-L` events); `-c`'s sleep does the same itself.
   */
  listen?: () => () => void;
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
  /**
   * Standard output is a terminal: text is shown with control bytes and invalid UTF-8 escaped,
   * JSON with DEL/C1 controls as `\u` escapes (README, "Security"). Default false: 2.10's bytes.
   */
  terminal?: boolean;
  /**
   * Keeps a process inside a network namespace no process holds, so that its `/proc/PID/net` can
   * be read (live system only; the bin file wires `nsenter`). Returns the pid and a release function.
   */
  holdNetns?: (file: string, inode: number) => HeldNetns | { error: string };
  /** A directory for temporary files (copies of a namespace's /proc/net); default: none. */
  tmpdir?: string;
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

/** Thrown by the first parse's SELinux question: the parse needs the root's Host (see main()). */
const HOST_NEEDED = new Error('the parse needs the host');

/**
 * Runs netstat with `argv` (without the program name) and returns the exit status. Never calls
 * process.exit and never throws for bad input: every failure becomes a message and a status.
 */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const env = io.env ?? {};
  // Texts of the parse phase (2.10's usage and errors are ASCII; argv and help are UTF-8, argv
  // bytes that are not UTF-8 come back as they were typed: see decodeUtf8Escaped).
  const err = (s: string) => io.stderr.write(encodeUtf8Escaped(s));
  const pre = prescan(argv);
  const rootDir = pre.root ?? env.NETSTAT_ROOT ?? '/';
  if (rootDir === '') {
    // An empty value (`--root=`, `NETSTAT_ROOT=` from an unset shell variable) must not
    // silently mean this machine.
    const from = pre.root !== undefined ? '--root' : 'NETSTAT_ROOT';
    err(`netstat: cannot use root '': ${from} is empty (give / for this system).\n`);
    return EXIT_STATUS.E_ROOT;
  }
  const extra: FamilyPlugin[] = [];
  const names = [...(env.NETSTAT_PLUGINS ?? '').split(',').filter(Boolean), ...pre.plugins];
  if (names.length > 0) {
    const { loadThirdParty, PluginLoadError } = await import('./registry.js');
    try {
      const search = { cwd: io.cwd ?? resolve('.'), globalDirs: io.globalModules ?? [] };
      for (const n of names) extra.push(await loadThirdParty(n, io.importer ?? ((s) => import(s)), search));
    } catch (e) {
      if (e instanceof PluginLoadError) {
        err(`${e.message}\n`);
        return EXIT_STATUS.E_PLUGIN;
      }
      throw e;
    }
  }
  // commander renders the full help; import it only when that help is asked for.
  const helpText = argv.includes('--help-all') ? (await import('./help.js')).helpAll(VERSION) : '';
  const parse = (selinuxEnabled: () => boolean) =>
    parseArgs(argv, {
      posixlyCorrect: env.POSIXLY_CORRECT !== undefined,
      selinuxEnabled,
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
  // Only -Z asks the parse a question about the machine (is SELinux on?), and only core's Host
  // may answer it (every read goes through the root). So the parse runs without core first; when
  // it asks, core is loaded and the parse, a pure function of its input, runs again.
  let host: Host | undefined;
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parse(() => {
      throw HOST_NEEDED;
    });
  } catch (e) {
    if (e !== HOST_NEEDED) throw e;
    const h = new (await import('@netstat-ts/core')).Host(rootDir);
    host = h;
    parsed = parse(() => h.exists('/sys/fs/selinux/enforce'));
  }
  if (parsed.kind === 'exit') {
    if (parsed.stderr) err(parsed.stderr);
    if (parsed.stdout) io.stdout.write(encodeUtf8Escaped(parsed.stdout));
    return parsed.status;
  }
  if (parsed.stderr) err(parsed.stderr);
  const { runPlan } = await import('./run.js');
  return runPlan(parsed, rootDir, host, extra, io);
}

export type { NetstatOptions };
