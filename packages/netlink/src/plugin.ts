/** The netlink family plugin: `-A netlink` (socket table) and `-L` (kernel events). */
import type { FamilyPlugin, NetEvent, PluginContext, Section } from '@netstat-ts/core';
import { type NetlinkSocketRow, netlinkSockets } from './sockets.js';
import { type WatchSettings, watchEvents } from './watch.js';

/** The netlink plugin, typed precisely: `sockets(ctx)` gives `Section<NetlinkSocketRow>[]`. */
export interface NetlinkPlugin extends FamilyPlugin {
  /** The `-A netlink` socket table: one section whose rows are {@link NetlinkSocketRow}s. */
  sockets(ctx: PluginContext): Promise<Section<NetlinkSocketRow>[]>;
  /** Kernel change events (`-L`). */
  watch(ctx: PluginContext, signal: AbortSignal): AsyncIterable<NetEvent>;
}

/** Makes the plugin, optionally with watcher settings (tests: a tiny SO_RCVBUF, a fast poll). */
export function createNetlinkPlugin(settings: WatchSettings = {}): NetlinkPlugin {
  return {
    apiVersion: 1,
    meta: { name: '@netstat-ts/netlink', version: '0.1.0' },
    families: { netlink: { title: 'Netlink' } },
    sockets: (ctx) => netlinkSockets(ctx),
    watch: (ctx, signal) => watchEvents(ctx, signal, settings),
  };
}

/** The netlink family plugin. */
const plugin: NetlinkPlugin = createNetlinkPlugin();
export default plugin;
