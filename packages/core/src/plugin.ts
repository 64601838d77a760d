import type { Host } from './host.js';
import type { NetstatOptions } from './options.js';
import type { Output } from './output.js';
import type { ProcessMap } from './process-map.js';
import type { Resolver } from './resolver.js';

/** The kinds of table netstat prints. */
export type TableKind =
  | 'sockets'
  | 'routes'
  | 'interfaces'
  | 'groups'
  | 'statistics'
  | 'masquerade'
  | 'netlink';

/** A message produced while reading a table (net-tools prints most on stderr). */
export interface Diagnostic {
  level: 'warning' | 'error' | 'info';
  /** The exact text net-tools prints (byte string, no trailing newline). */
  message: string;
  /** Which stream net-tools prints it on (default stderr). */
  stream?: 'stdout' | 'stderr';
}

/**
 * One table of data, in the single JSON schema shared by every family and mode: rows keep raw
 * numbers and resolved names side by side. `present` is false when the kernel file is missing.
 */
export interface Table<R = Record<string, unknown>> {
  kind: TableKind;
  /** Address family (`inet`, `inet6`, `unix`, `ipx` …). */
  family: string;
  /** Table name within the family (`tcp`, `tcp6`, `udp`, `unix`, `route`, …). */
  name: string;
  /** The /proc files the table was read from. */
  sources: string[];
  present: boolean;
  rows: R[];
  diagnostics: Diagnostic[];
  /** With `--netns`/`--all-netns`: the network namespace the table was read in. */
  netns?: { inode: number; name: string; names: string[]; pids: number[]; host: boolean };
}

/**
 * A printable part of one pass: optional data plus net-tools' text for it. `status` is the exit
 * status this part produces; a non-zero status ends the pass after the part is written, as in
 * net-tools. `R` is the row type of its table (family packages return precisely typed sections,
 * e.g. `Section<InetRow>` from `@netstat-ts/inet`; the plugin contract uses `Section<object>`).
 */
export interface Section<R extends object = object> {
  table?: Table<R>;
  status: number;
  /** Writes net-tools 2.10's text for this part (stdout and stderr, in order). */
  write(out: Output): void;
  /**
   * For a table too large to hold (e.g. `-M` over a big connection tracker): when present,
   * `table.rows` stays empty and JSON output calls this instead of {@link write}. It reads the
   * table, hands each row to `row` as soon as it is read (the caller serialises it and keeps
   * nothing), writes what would go to stderr to `out.err`, and fills in `table` (`sources` and
   * `present` before the first row, `diagnostics` by its end) and {@link status}. Text output
   * still calls {@link write}, which reads and prints the same way. Either is called once.
   */
  stream?(row: (r: R) => void, out: Output): void;
}

/** What a plugin gets for one pass: the machine, names, options and (lazily) socket owners. */
export interface PluginContext {
  host: Host;
  resolver: Resolver;
  options: NetstatOptions;
  /** Socket owners for `-p`/`-Z`, scanned at most once per pass. */
  processes(): ProcessMap;
  /** 0 for the first pass, 1, 2, … for the repeats of `-c`. */
  pass: number;
  /**
   * Text output goes to a terminal (README, "Security"): the output layer escapes control bytes;
   * a plugin that can tell a newline inside a name from a row end writes it as `\n` in text.
   */
  terminal?: boolean;
  /**
   * True when the native layer (`@netstat-ts/native`: netlink, ioctl, setns) must not be used
   * (`NETSTAT_NO_NATIVE=1`): pass it as `loadNative({ disabled })` and use the fallback.
   */
  nativeDisabled?: boolean;
}

/** A change seen by a watcher (`-L`): kind and the object concerned. */
export interface NetEvent {
  /** `NEWDEVICE`, `DELADDR`, `OVERRUN`, … */
  type: string;
  /** When it was seen (ms since the epoch). */
  time: number;
  /** The object (printed as `object` in `--json -L`). */
  data: Record<string, unknown>;
  /** The family's text record for it (no newline); the CLI prints it in text mode. */
  text?: string;
  /** A note about the stream, not an event: text mode prints it on stderr, JSON skips it. */
  info?: boolean;
}

/** A family's title and the extra names accepted for it by `-A`. */
export interface FamilyInfo {
  title: string;
  aliases?: string[];
}

/**
 * An address-family plugin. A capability is present when its member is. First-party packages
 * and third-party plugins export one of these as their default export.
 */
export interface FamilyPlugin {
  apiVersion: 1;
  meta: { name: string; version: string };
  families: Record<string, FamilyInfo>;
  /** The socket listing block(s) of this plugin for the current options. */
  sockets?(ctx: PluginContext): Promise<Section[]>;
  /** The routing table of one of the plugin's families (`-r`). */
  routes?(ctx: PluginContext, family: string): Promise<Section[]>;
  /** The interface table (`-i`). */
  interfaces?(ctx: PluginContext): Promise<Section[]>;
  /** Multicast group memberships (`-g`). */
  groups?(ctx: PluginContext): Promise<Section[]>;
  /** Protocol statistics (`-s`). */
  statistics?(ctx: PluginContext): Promise<Section[]>;
  /** Masqueraded connections (`-M`). */
  masquerade?(ctx: PluginContext): Promise<Section[]>;
  /** Kernel change events (`-L`). */
  watch?(ctx: PluginContext, signal: AbortSignal): AsyncIterable<NetEvent>;
}

/** The capability names a plugin can have. */
export const CAPABILITIES = [
  'sockets',
  'routes',
  'interfaces',
  'groups',
  'statistics',
  'masquerade',
  'watch',
] as const;

/** Returns why `value` is not a usable FamilyPlugin, or null when it is. */
export function checkPlugin(value: unknown): string | null {
  if (typeof value !== 'object' || value === null)
    return 'the module has no plugin object as its default export';
  const p = value as Record<string, unknown>;
  if (p.apiVersion !== 1) return `unsupported apiVersion ${JSON.stringify(p.apiVersion)} (expected 1)`;
  const meta = p.meta as Record<string, unknown> | undefined;
  if (!meta || typeof meta.name !== 'string' || typeof meta.version !== 'string')
    return 'meta.name and meta.version must be strings';
  if (typeof p.families !== 'object' || p.families === null || Object.keys(p.families).length === 0)
    return 'families must name at least one address family';
  let caps = 0;
  for (const c of CAPABILITIES) {
    if (p[c] === undefined) continue;
    if (typeof p[c] !== 'function') return `${c} must be a function`;
    caps++;
  }
  if (caps === 0) return 'the plugin has no capability (sockets, routes, …)';
  return null;
}
