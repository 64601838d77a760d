/**
 * @netstat-ts/netlink — the netlink family of netstat-ts: live rtnetlink events (`-L`), from the
 * kernel through `@netstat-ts/native` or by polling `/proc/net` and `/sys/class/net`, and the
 * netlink socket table (`-A netlink`) from `/proc/net/netlink`.
 */
export * from './format.js';
export * from './model.js';
export { createNetlinkPlugin, default, default as plugin, type NetlinkPlugin } from './plugin.js';
export * from './proc-net-netlink.js';
export * from './proc-source.js';
export * from './rtnl-source.js';
export * from './sockets.js';
export * from './watch.js';
