/** The `@netstat-ts/inet` plugin object: Internet sockets and multicast groups. */
import type { FamilyPlugin, PluginContext, Section } from '@netstat-ts/core';
import { inetGroups } from './groups.js';
import { inetSockets } from './sockets.js';

/** The FamilyPlugin of the Internet families (`inet`, `inet6`). */
const plugin: FamilyPlugin = {
  apiVersion: 1,
  meta: { name: '@netstat-ts/inet', version: '0.1.0' },
  families: {
    inet: { title: 'DARPA Internet', aliases: ['ip', 'tcpip'] },
    inet6: { title: 'IPv6', aliases: ['ip6'] },
  },
  sockets: (ctx: PluginContext): Promise<Section[]> => inetSockets(ctx),
  groups: (ctx: PluginContext): Promise<Section[]> => inetGroups(ctx),
};

export default plugin;
