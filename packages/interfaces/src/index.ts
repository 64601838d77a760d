/**
 * @netstat-ts/interfaces — the interface table (`netstat -i`) of net-tools 2.10: /proc/net/dev,
 * /sys/class/net, /proc/net/if_inet6, and an injectable kernel source (rtnetlink and SIOCGIFMAP
 * through `@netstat-ts/native` on the live system, else `ip`, else a snapshot capture).
 */
export * from './addresses.js';
export * from './flags.js';
export * from './hwtypes.js';
export * from './if-inet6.js';
export * from './interface-list.js';
export * from './ioctls.js';
export * from './ip-links.js';
export * from './netns-rtnetlink.js';
export * from './nstrcmp.js';
export {
  createInterfacesPlugin,
  default,
  default as plugin,
  type InterfacesPlugin,
  type InterfacesPluginSettings,
  interfaceSections,
  interfacesSection,
} from './plugin.js';
export * from './proc-net-dev.js';
export * from './render-long.js';
export * from './render-short.js';
export * from './rtnetlink.js';
export * from './sysfs.js';
