import { Host, type HostRoots } from './host.js';
import { defaultOptions, type NetstatOptions } from './options.js';
import type { PluginContext } from './plugin.js';
import { type ProcessMap, scanProcesses } from './process-map.js';
import { type DnsOptions, Resolver } from './resolver.js';

/** Settings for {@link createContext}. */
export interface ContextSettings {
  /** Root directory or roots (default `/`). */
  root?: string | HostRoots;
  /** Options (defaults to `netstat` without arguments, with `overrides` applied). */
  options?: Partial<NetstatOptions>;
  /** Reverse DNS (default off). */
  dns?: DnsOptions;
  /** Effective uid shown in `-p` messages (default 0). */
  euid?: number;
  /** Forbid the native layer (as `NETSTAT_NO_NATIVE=1` does). */
  nativeDisabled?: boolean;
}

/** Builds a PluginContext: the way library users (and tests) call a plugin directly. */
export function createContext(s: ContextSettings = {}): PluginContext {
  const host = new Host(s.root ?? '/');
  const options: NetstatOptions = { ...defaultOptions(), ...s.options };
  const resolver = new Resolver(host, s.dns ?? { enabled: false });
  let map: ProcessMap | undefined;
  return {
    pass: 0,
    nativeDisabled: s.nativeDisabled ?? false,
    host,
    resolver,
    options,
    processes() {
      map ??= scanProcesses(host, { euid: s.euid ?? 0, contexts: options.context, lazy: true });
      return map;
    },
  };
}
