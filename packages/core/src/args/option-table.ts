import type { LongOption } from './getopt.js';

/** net-tools 2.10's short option string (spec §1.1); `I::` is netstat-ts's `-I<iface>` extension. */
export const SHORT_OPTIONS = 'A:CFMacdeghilnNoprsStuUvVWw2fx64?ZI::';

/** Long options exactly as net-tools 2.10 orders them; the order decides glibc's ambiguity messages. */
export const NETTOOLS_LONG_OPTIONS: readonly LongOption[] = [
  ...[
    'ax25',
    'x25',
    'ip',
    'ipx',
    'appletalk',
    'netrom',
    'inet',
    'inet6',
    'ddp',
    'rose',
    'unix',
    'bluetooth',
    'tcpip',
  ].map((name) => ({ name, hasArg: false, group: 'af' })),
  { name: 'version', hasArg: false, group: 'V' },
  { name: 'interfaces', hasArg: false, group: 'i', optionalArg: true },
  { name: 'help', hasArg: false, group: 'h' },
  { name: 'route', hasArg: false, group: 'r' },
  { name: 'masquerade', hasArg: false, group: 'M' },
  { name: 'protocol', hasArg: true, group: 'A' },
  { name: 'tcp', hasArg: false, group: 't' },
  { name: 'sctp', hasArg: false, group: 'S' },
  { name: 'udp', hasArg: false, group: 'u' },
  { name: 'udplite', hasArg: false, group: 'U' },
  { name: 'raw', hasArg: false, group: 'w' },
  { name: 'unix', hasArg: false, group: 'x' },
  { name: 'l2cap', hasArg: false, group: '2' },
  { name: 'rfcomm', hasArg: false, group: 'f' },
  { name: 'listening', hasArg: false, group: 'l' },
  { name: 'all', hasArg: false, group: 'a' },
  { name: 'timers', hasArg: false, group: 'o' },
  { name: 'continuous', hasArg: false, group: 'c' },
  { name: 'extend', hasArg: false, group: 'e' },
  { name: 'programs', hasArg: false, group: 'p' },
  { name: 'verbose', hasArg: false, group: 'v' },
  { name: 'statistics', hasArg: false, group: 's' },
  { name: 'wide', hasArg: false, group: 'W' },
  { name: 'numeric', hasArg: false, group: 'n' },
  { name: 'numeric-hosts', hasArg: false, group: 'nh' },
  { name: 'numeric-ports', hasArg: false, group: 'np' },
  { name: 'numeric-users', hasArg: false, group: 'nu' },
  { name: 'symbolic', hasArg: false, group: 'N' },
  { name: 'cache', hasArg: false, group: 'C' },
  { name: 'fib', hasArg: false, group: 'F' },
  { name: 'groups', hasArg: false, group: 'g' },
  { name: 'context', hasArg: false, group: 'Z' },
];

/** netstat-ts's own long options: matched only when spelled out in full, so 2.10's prefixes keep their meaning. */
export const EXTENSION_LONG_OPTIONS: readonly LongOption[] = [
  { name: 'json', hasArg: false, group: 'json', exactOnly: true },
  { name: 'root', hasArg: true, group: 'root', exactOnly: true },
  { name: 'plugin', hasArg: true, group: 'plugin', exactOnly: true },
  { name: 'netns', hasArg: true, group: 'netns', exactOnly: true },
  { name: 'all-netns', hasArg: false, group: 'all-netns', exactOnly: true },
  { name: 'compare', hasArg: true, group: 'compare', exactOnly: true },
  { name: 'help-all', hasArg: false, group: 'help-all', exactOnly: true },
];

/** Every long option the scanner knows. */
export const LONG_OPTIONS: readonly LongOption[] = [...NETTOOLS_LONG_OPTIONS, ...EXTENSION_LONG_OPTIONS];

/** `-A` keywords: alias -> canonical family name (spec §1.3). */
export const FAMILY_ALIASES: Readonly<Record<string, string>> = {
  ax25: 'ax25',
  ip: 'inet',
  ip6: 'inet6',
  ipx: 'ipx',
  rose: 'rose',
  appletalk: 'ddp',
  netrom: 'netrom',
  inet: 'inet',
  inet6: 'inet6',
  ddp: 'ddp',
  unix: 'unix',
  tcpip: 'inet',
  econet: 'ec',
  x25: 'x25',
  ash: 'ash',
  bluetooth: 'bluetooth',
};

/** Long options 0–11 name these families (index 12, `tcpip`, is 2.10's out-of-range bug). */
export const LONG_OPTION_FAMILY = [
  'ax25',
  'x25',
  'inet',
  'ipx',
  'ddp',
  'netrom',
  'inet',
  'inet6',
  'ddp',
  'rose',
  'unix',
  'bluetooth',
] as const;
