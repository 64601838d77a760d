/** The netlink family plugin: `-A netlink` (socket table) and `-L` (kernel events). */
import type { FamilyPlugin } from '@netstat-ts/core';
import { netlinkSockets } from './sockets.js';
import { type WatchSettings, watchEvents } from './watch.js';

/** Makes the plugin, optionally with watcher settings (tests: a tiny SO_RCVBUF, a fast poll). */
export function createNetlinkPlugin(settings: WatchSettings = {}): FamilyPlugin {
  return {
    apiVersion: 1,
    meta: { name: '@netstat-ts/netlink', version: '0.1.0' },
    families: { netlink: { title: 'Netlink' } },
    sockets: (ctx) => netlinkSockets(ctx),
    watch: (ctx, signal) => watchEvents(ctx, signal, settings),
  };
}

/** The netlink family plugin. */
const plugin: FamilyPlugin = createNetlinkPlugin();
export default plugin;
