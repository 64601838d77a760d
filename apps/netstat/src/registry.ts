import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { checkPlugin, type FamilyPlugin, Host, perror } from '@netstat-ts/core';

/** The first-party family packages, imported only when a command needs them. */
const FIRST_PARTY = {
  '@netstat-ts/inet': () => import('@netstat-ts/inet'),
  '@netstat-ts/unix': () => import('@netstat-ts/unix'),
  '@netstat-ts/routing': () => import('@netstat-ts/routing'),
  '@netstat-ts/statistics': () => import('@netstat-ts/statistics'),
  '@netstat-ts/interfaces': () => import('@netstat-ts/interfaces'),
  '@netstat-ts/ipx': () => import('@netstat-ts/ipx'),
  '@netstat-ts/ax25': () => import('@netstat-ts/ax25'),
  '@netstat-ts/netrom': () => import('@netstat-ts/netrom'),
  '@netstat-ts/rose': () => import('@netstat-ts/rose'),
  '@netstat-ts/x25': () => import('@netstat-ts/x25'),
  '@netstat-ts/ddp': () => import('@netstat-ts/ddp'),
  '@netstat-ts/masquerade': () => import('@netstat-ts/masquerade'),
  '@netstat-ts/netlink': () => import('@netstat-ts/netlink'),
} as const;

/** A first-party package name. */
export type FirstPartyPackage = keyof typeof FIRST_PARTY;

/** Which package serves the socket listing of a family, in 2.10's listing order after inet. */
export const SOCKET_PACKAGES: Readonly<Record<string, FirstPartyPackage>> = {
  inet: '@netstat-ts/inet',
  unix: '@netstat-ts/unix',
  ipx: '@netstat-ts/ipx',
  ax25: '@netstat-ts/ax25',
  x25: '@netstat-ts/x25',
  netrom: '@netstat-ts/netrom',
  rose: '@netstat-ts/rose',
  ddp: '@netstat-ts/ddp',
  netlink: '@netstat-ts/netlink',
};

/** The legacy socket families, in the order 2.10's default listing prints them. */
export const LEGACY_SOCKET_FAMILIES = ['ipx', 'ax25', 'x25', 'netrom', 'rose'] as const;

/** Routing-table packages by family. */
export const ROUTE_PACKAGES: Readonly<Record<string, FirstPartyPackage>> = {
  inet: '@netstat-ts/routing',
  inet6: '@netstat-ts/routing',
  ipx: '@netstat-ts/ipx',
  ax25: '@netstat-ts/ax25',
  netrom: '@netstat-ts/netrom',
  rose: '@netstat-ts/rose',
  x25: '@netstat-ts/x25',
  ddp: '@netstat-ts/ddp',
};

/** Packages of the other modes. */
export const MODE_PACKAGES = {
  groups: '@netstat-ts/inet',
  statistics: '@netstat-ts/statistics',
  interfaces: '@netstat-ts/interfaces',
  masquerade: '@netstat-ts/masquerade',
  events: '@netstat-ts/netlink',
} as const satisfies Record<string, FirstPartyPackage>;

const loaded = new Set<string>();
const cache = new Map<string, Promise<FamilyPlugin>>();

/** The packages imported so far in this process (for tests and `-v`). */
export function loadedPackages(): ReadonlySet<string> {
  return loaded;
}

/** An error loading a plugin; its message is printed as is. */
export class PluginLoadError extends Error {}

function validate(name: string, where: string, imported: unknown): FamilyPlugin {
  // In the bin's bundle (ADR 0011) a family is a CommonJS file whose exports hold the plugin as
  // their own `default` (the build hands the file's exports over as they are). Imported as Node
  // imports CommonJS, `default` is the file's whole exports object (marked `__esModule`) instead.
  const inner = (imported as { default?: { __esModule?: unknown } } | undefined)?.default;
  const mod = inner?.__esModule === true ? inner : imported;
  const candidate = (mod as { default?: unknown })?.default ?? (mod as { plugin?: unknown })?.plugin;
  const why = checkPlugin(candidate);
  if (why)
    throw new PluginLoadError(
      `netstat: plugin '${name}'${where !== name ? ` (${where})` : ''} loaded, but it is not a plugin: ${why}.`,
    );
  return candidate as FamilyPlugin;
}

/** Imports a first-party package and returns its plugin. */
export function loadFirstParty(name: FirstPartyPackage): Promise<FamilyPlugin> {
  let p = cache.get(name);
  if (!p) {
    loaded.add(name);
    p = FIRST_PARTY[name]().then((m) => validate(name, name, m));
    cache.set(name, p);
  }
  return p;
}

/** Where a third-party plugin is looked for (the CLI passes the real ones). */
export interface PluginSearch {
  /** The current directory: relative paths resolve against it, package names are looked up from it first. */
  cwd: string;
  /** Global node_modules directories, searched last (e.g. `<prefix>/lib/node_modules`). */
  globalDirs?: readonly string[];
}

/**
 * Largest plugin file (or package.json) loaded: a bigger one, a FIFO or a device (`--plugin
 * /dev/zero`) is refused before Node reads it whole.
 */
export const MAX_PLUGIN_SIZE = 64 << 20;

const isPath = (spec: string) => /^(\.{1,2}(\/|$)|\/|file:)/.test(spec) || /\.[cm]?js$/.test(spec);

/** The file a package's main entry names for `import` (exports `import`/`node`/`default`, else `main`). */
function packageEntry(dir: string): string {
  const manifest = join(dir, 'package.json');
  const bad = Host.checkRegularFile(manifest, MAX_PLUGIN_SIZE);
  if (bad) throw new Error(perror(bad));
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as {
    exports?: unknown;
    main?: string;
  };
  const pick = (v: unknown): string | undefined => {
    if (typeof v === 'string') return v;
    if (Array.isArray(v)) return v.map(pick).find(Boolean);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if ('.' in o) return pick(o['.']);
      return pick(o.import) ?? pick(o.node) ?? pick(o.default);
    }
    return undefined;
  };
  const target = pkg.exports !== undefined ? pick(pkg.exports) : (pkg.main ?? 'index.js');
  if (!target) throw new Error(`${dir}/package.json: no entry for import`);
  return join(dir, target);
}

/** Finds `node_modules/<name>` from `dir` upwards. */
function findPackage(name: string, dir: string): string | undefined {
  for (let d = resolve(dir); ; d = dirname(d)) {
    const candidate = join(d, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(d) === d) return undefined;
  }
}

const firstLine = (e: unknown) => String((e as Error)?.message ?? e).split('\n')[0];

/**
 * Imports a third-party plugin: a path (`./x.mjs`, `../x.js`, `/abs/x.js`, `file:` URL; relative
 * to the current directory) or a package name, looked up from the current directory, then from
 * the CLI's own location, then in the global node_modules; a bare short name without a scope or
 * dash expands to `netstat-family-<name>`. Three distinct failures: not found; found but failed
 * to load (with the reason); loaded but not a plugin (with the reason).
 */
export async function loadThirdParty(
  spec: string,
  importer: (specifier: string) => Promise<unknown>,
  search: PluginSearch,
): Promise<FamilyPlugin> {
  const fail = (why: string) => new PluginLoadError(`netstat: cannot load plugin '${spec}': ${why}.`);
  let target: string;
  let where: string;
  if (isPath(spec)) {
    const file = spec.startsWith('file:') ? fileURLToPath(spec) : resolve(search.cwd, spec);
    if (!existsSync(file)) throw fail(`not found: no file ${file}`);
    const bad = Host.checkRegularFile(file, MAX_PLUGIN_SIZE);
    if (bad) throw fail(perror(bad));
    target = pathToFileURL(file).href;
    where = file;
  } else {
    const name = /^[a-z0-9_]+$/i.test(spec) ? `netstat-family-${spec}` : spec;
    const local = findPackage(name, search.cwd);
    const global = local
      ? undefined
      : (search.globalDirs ?? []).map((g) => join(g, name)).find((d) => existsSync(join(d, 'package.json')));
    const found = local ?? global;
    if (found) {
      try {
        const entry = packageEntry(found);
        const bad = Host.checkRegularFile(entry, MAX_PLUGIN_SIZE);
        if (bad) throw new Error(perror(bad));
        target = pathToFileURL(entry).href;
      } catch (e) {
        throw fail(`found at ${found}, but it failed to load: ${firstLine(e)}`);
      }
      where = found;
    } else {
      // The CLI's own location (a plugin installed next to the CLI).
      target = name;
      where = name;
    }
    if (!found) {
      let mod: unknown;
      try {
        mod = await importer(name);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        const msg = firstLine(e);
        if ((code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && msg.includes(`'${name}'`))
          throw fail(
            `not found: no package ${name} in node_modules from ${search.cwd} up, next to netstat${
              search.globalDirs?.length ? `, or in ${search.globalDirs.join(', ')}` : ''
            } (install it, or give a path)`,
          );
        throw fail(`found, but it failed to load: ${msg}`);
      }
      loaded.add(name);
      return validate(spec, name, mod);
    }
  }
  let mod: unknown;
  try {
    mod = await importer(target);
  } catch (e) {
    throw fail(`found at ${where}, but it failed to load: ${firstLine(e)}`);
  }
  loaded.add(where);
  return validate(spec, where, mod);
}
