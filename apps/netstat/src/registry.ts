import { checkPlugin, type FamilyPlugin } from '@netstat-ts/core';

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

function validate(name: string, mod: unknown): FamilyPlugin {
  const candidate = (mod as { default?: unknown })?.default ?? (mod as { plugin?: unknown })?.plugin;
  const why = checkPlugin(candidate);
  if (why) throw new PluginLoadError(`netstat: plugin '${name}' is not usable: ${why}.`);
  return candidate as FamilyPlugin;
}

/** Imports a first-party package and returns its plugin. */
export function loadFirstParty(name: FirstPartyPackage): Promise<FamilyPlugin> {
  let p = cache.get(name);
  if (!p) {
    loaded.add(name);
    p = FIRST_PARTY[name]().then((m) => validate(name, m));
    cache.set(name, p);
  }
  return p;
}

/**
 * Imports a third-party plugin: a path (`./x.mjs`, `/abs/x.js`, `file:` URL) or a package name;
 * a bare short name without a scope or dash expands to `netstat-family-<name>`.
 */
export async function loadThirdParty(
  spec: string,
  importer: (specifier: string) => Promise<unknown>,
): Promise<FamilyPlugin> {
  const name = /^[a-z0-9_]+$/i.test(spec) ? `netstat-family-${spec}` : spec;
  let mod: unknown;
  try {
    mod = await importer(name);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND'
        ? 'not found (install it, or give a path)'
        : (err as Error).message.split('\n')[0];
    throw new PluginLoadError(`netstat: cannot load plugin '${spec}': ${why}.`);
  }
  loaded.add(name);
  return validate(spec, mod);
}
