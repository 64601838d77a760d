/** The `@netstat-ts/inet` plugin object: Internet sockets and multicast groups. */
import type { FamilyPlugin, PluginContext, Section } from '@netstat-ts/core';
import { type GroupRow, inetGroups } from './groups.js';
import { type InetRow, inetSockets } from './sockets.js';

/**
 * The FamilyPlugin of the Internet families (`inet`, `inet6`). Typed precisely (`satisfies`):
 * `plugin.sockets(ctx)` gives `Section<InetRow>[]`, `plugin.groups(ctx)` `Section<GroupRow>[]`.
 */
const plugin = {
  apiVersion: 1,
  meta: { name: '@netstat-ts/inet', version: '0.1.0' },
  families: {
    inet: { title: 'DARPA Internet', aliases: ['ip', 'tcpip'] },
    inet6: { title: 'IPv6', aliases: ['ip6'] },
  },
  sockets: (ctx: PluginContext): Promise<Section<InetRow>[]> => inetSockets(ctx),
  groups: (ctx: PluginContext): Promise<Section<GroupRow>[]> => inetGroups(ctx),
} satisfies FamilyPlugin;

export default plugin;
