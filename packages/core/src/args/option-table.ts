import { EXIT_STATUS } from '../errors.js';
import type { NetstatOptions } from '../options.js';
import type { LongOption, ShortSpec } from './getopt.js';
import { VERSION_TEXT } from './texts.js';

/**
 * THE option table: the single source of truth for the getopt_long scanner, what each option
 * does, the `--help-all` text (commander declarations), the man page and the shell completions.
 * Adding an option is one entry here (plus, if it stores a value, its field in NetstatOptions or
 * RunPlan); `apps/netstat/test/option-table.test.ts` fails until the generated man page and
 * completions are regenerated. See packages/core/README.md, "Adding an option".
 */

/** A mode option's mode (the table-listing modes of spec §1.4; `sockets` is the default). */
export type ModeOption = 'route' | 'interfaces' | 'masquerade' | 'statistics' | 'events';

/** What an option's `apply` may change: the parse in progress. */
export interface ParseState {
  /** The options being built. */
  options: NetstatOptions;
  /** How often each mode option was given (two modes are a usage error). */
  modes: Record<ModeOption, number>;
  /** `--json`. */
  json: boolean;
  /** `--root DIR`. */
  root?: string;
  /** `--plugin NAME`, in order. */
  plugins: string[];
  /** Text printed on stderr while parsing (2.10's in-parse messages). */
  stderr: string;
  /** netstat-ts extension values an option stores that have no NetstatOptions field (key: option key). */
  extensions: Record<string, string | boolean | string[]>;
  /** Adds a comma-separated `-A` list; returns an exit plan on an unknown family. */
  addFamilies(list: string): OptionExit | undefined;
  /** Is SELinux enabled on the system being read (asked only when -Z is given)? */
  selinuxEnabled(): boolean;
  /** The full help text (`--help-all`). */
  helpAll(): string;
  /** The `-A` keywords, plugins' included, one per line (`--list-families`). */
  familyKeywords(): readonly string[];
}

/** An option that ends parsing: print these texts and exit with this status. */
export interface OptionExit {
  kind: 'exit' | 'usage';
  status: number;
  stdout: string;
  stderr: string;
}

/** What shell completion offers for an option's argument. */
export type Completion = 'families' | 'interfaces' | 'directories' | 'files' | 'plugins';

/** One command-line option. */
export interface OptionDef {
  /** Unique key (tests and ParseState.extensions use it). */
  key: string;
  /** The short letter, without `-`. */
  short?: string;
  /** The long name, without `--`. */
  long?: string;
  /** The argument of the short form, and of the long form unless `longArg` says otherwise. */
  arg?: 'required' | 'optional';
  /** The long form's argument when it differs from the short's (`optional`: only as `--name=value`). */
  longArg?: 'none' | 'required' | 'optional';
  /** The argument's name in help and man page. */
  argName?: string;
  /** glibc's (flag, val) identity: long options sharing it are not ambiguous prefixes of each other (default: key). */
  group?: string;
  /** netstat-ts's own option: its long form matches only when spelled in full. */
  extension?: boolean;
  /** One line for `--help-all`; absent: not listed there (the man page still lists it). */
  help?: string;
  /** The man page's text (default: help). */
  man?: string;
  /** What the shells complete for the argument. */
  complete?: Completion;
  /** A mode option (counted; two modes are a usage error). */
  mode?: ModeOption;
  /** The option's effect; returning an OptionExit ends parsing. */
  apply(st: ParseState, arg: string | undefined): OptionExit | undefined;
}

const flag =
  (set: (o: NetstatOptions) => void) =>
  (st: ParseState): undefined => {
    set(st.options);
    return undefined;
  };
const mode =
  (m: ModeOption) =>
  (st: ParseState): undefined => {
    st.modes[m]++;
    return undefined;
  };
const families = (list: string) => (st: ParseState) => st.addFamilies(list);
const usage = (status: number): OptionExit => ({ kind: 'usage', status, stdout: '', stderr: '' });

/** A `--<af>` long option of 2.10 (`--inet`, `--ax25`, …): same as `-A <family>`. */
function af(long: string, family: string, title: string): OptionDef {
  return {
    key: `af-${long}`,
    long,
    group: 'af',
    man: `same as -A ${family} (${title})`,
    apply: families(family),
  };
}

/**
 * Every option, in the order help and man page list them. 2.10's long options keep their
 * original order for the scanner separately (NETTOOLS_LONG_ORDER): it decides glibc's
 * ambiguity messages.
 */
export const OPTIONS: readonly OptionDef[] = [
  {
    key: 'r',
    short: 'r',
    long: 'route',
    help: 'display routing table',
    man: 'display the kernel routing tables (-F the FIB, the default; -C the route cache; both: FIB then cache)',
    mode: 'route',
    apply: mode('route'),
  },
  {
    key: 'i',
    short: 'i',
    long: 'interfaces',
    longArg: 'optional',
    argName: 'iface',
    complete: 'interfaces',
    help: 'display interface table (netstat-ts: optionally just one interface, as -i IFACE or --interfaces=IFACE)',
    man: 'display a table of all network interfaces (-a also those that are down, -e ifconfig-style); netstat-ts: -i IFACE or --interfaces=IFACE shows only that interface, an unknown name is an error (status 1)',
    mode: 'interfaces',
    apply(st, arg) {
      st.modes.interfaces++;
      if (arg !== undefined) st.options.interface = arg;
      return undefined;
    },
  },
  {
    key: 'I',
    short: 'I',
    arg: 'optional',
    argName: 'iface',
    complete: 'interfaces',
    extension: true,
    help: 'display only interface IFACE (written -IIFACE or -I=IFACE)',
    man: 'written -IIFACE or -I=IFACE: the interface table of that interface only (the original man page form)',
    mode: 'interfaces',
    apply(st, arg) {
      st.modes.interfaces++;
      if (arg !== undefined) st.options.interface = arg.replace(/^=/, '');
      return undefined;
    },
  },
  {
    key: 'g',
    short: 'g',
    long: 'groups',
    help: 'display multicast group memberships',
    man: 'display multicast group membership information for IPv4 and IPv6',
    apply: flag((o) => o.groups++),
  },
  {
    key: 's',
    short: 's',
    long: 'statistics',
    help: 'display networking statistics (like SNMP)',
    man: 'display summary statistics for each protocol (-t -u -w -S filter, -6 for IPv6)',
    mode: 'statistics',
    apply: mode('statistics'),
  },
  {
    key: 'M',
    short: 'M',
    long: 'masquerade',
    help: 'display masqueraded connections',
    man: 'display a list of masqueraded connections (the 2.2-era /proc/net/ip_masquerade)',
    mode: 'masquerade',
    apply: mode('masquerade'),
  },
  {
    key: 'L',
    short: 'L',
    long: 'netlink',
    extension: true,
    help: 'print kernel messages about links, addresses and routes as they happen, until interrupted (netstat-ts)',
    man: 'print one tab-separated record (NEWDEVICE, DELDEVICE, NEWADDR, DELADDR, NEWROUTE, DELROUTE, OVERRUN, RESYNC) per rtnetlink message about links, IPv4/IPv6 addresses and routes as it arrives, until interrupted; --json: one JSON object per line; -n numeric; -v names the source; not with --root; -c has no meaning here (netstat-ts; 2.10 rejects -L)',
    mode: 'events',
    apply: mode('events'),
  },
  {
    key: 'v',
    short: 'v',
    long: 'verbose',
    help: 'be verbose',
    man: 'tell the user what is going on, in particular about address families that are not configured',
    apply: flag((o) => o.verbose++),
  },
  {
    key: 'W',
    short: 'W',
    long: 'wide',
    help: "don't truncate IP addresses",
    apply: flag((o) => {
      o.wide = true;
    }),
  },
  {
    key: 'n',
    short: 'n',
    long: 'numeric',
    help: "don't resolve names",
    man: 'show numerical addresses, ports and users instead of resolving them',
    apply: flag((o) => {
      o.numericHosts = o.numericPorts = o.numericUsers = true;
    }),
  },
  {
    key: 'nh',
    long: 'numeric-hosts',
    help: "don't resolve host names",
    apply: flag((o) => {
      o.numericHosts = true;
    }),
  },
  {
    key: 'np',
    long: 'numeric-ports',
    help: "don't resolve port names",
    apply: flag((o) => {
      o.numericPorts = true;
    }),
  },
  {
    key: 'nu',
    long: 'numeric-users',
    help: "don't resolve user names",
    apply: flag((o) => {
      o.numericUsers = true;
    }),
  },
  {
    key: 'N',
    short: 'N',
    long: 'symbolic',
    help: 'resolve hardware names (routes: numeric)',
    apply: flag((o) => {
      o.symbolic = true;
    }),
  },
  {
    key: 'e',
    short: 'e',
    long: 'extend',
    help: 'display other/more information (repeat for more)',
    man: 'display additional information (user, inode); use it twice for maximum detail',
    apply: flag((o) => o.extend++),
  },
  {
    key: 'p',
    short: 'p',
    long: 'programs',
    help: 'display PID/Program name for sockets',
    apply: flag((o) => {
      o.programs = true;
    }),
  },
  {
    key: 'o',
    short: 'o',
    long: 'timers',
    help: 'display timers',
    man: 'include information related to networking timers',
    apply: flag((o) => {
      o.timers = true;
    }),
  },
  {
    key: 'c',
    short: 'c',
    long: 'continuous',
    help: 'continuous listing (every second, until interrupted)',
    apply: flag((o) => {
      o.continuous = true;
    }),
  },
  {
    key: 'l',
    short: 'l',
    long: 'listening',
    help: 'display listening server sockets',
    apply: flag((o) => {
      o.listening = true;
    }),
  },
  {
    key: 'a',
    short: 'a',
    long: 'all',
    help: 'display all sockets (default: connected)',
    apply: flag((o) => {
      o.all = true;
    }),
  },
  {
    key: 'F',
    short: 'F',
    long: 'fib',
    help: 'display Forwarding Information Base (default)',
    apply: flag((o) => {
      o.fib = true;
    }),
  },
  {
    key: 'C',
    short: 'C',
    long: 'cache',
    help: 'display routing cache instead of FIB',
    apply: flag((o) => {
      o.cache = true;
    }),
  },
  {
    key: 'Z',
    short: 'Z',
    long: 'context',
    help: 'display SELinux security context for sockets',
    man: 'display the SELinux security context of each socket (implies -p); an error (status 1) when SELinux is not enabled',
    apply(st) {
      if (!st.selinuxEnabled())
        return {
          kind: 'exit',
          status: EXIT_STATUS.E_SELINUX,
          stdout: '',
          stderr: 'SELinux is not enabled on this machine.\n',
        };
      st.options.context = true;
      st.options.programs = true;
      return undefined;
    },
  },
  {
    key: 't',
    short: 't',
    long: 'tcp',
    help: 'TCP sockets',
    apply: flag((o) => {
      o.protocols.tcp = true;
    }),
  },
  {
    key: 'u',
    short: 'u',
    long: 'udp',
    help: 'UDP sockets',
    apply: flag((o) => {
      o.protocols.udp = true;
    }),
  },
  {
    key: 'U',
    short: 'U',
    long: 'udplite',
    help: 'UDP-Lite sockets',
    apply: flag((o) => {
      o.protocols.udplite = true;
    }),
  },
  {
    key: 'S',
    short: 'S',
    long: 'sctp',
    help: 'SCTP sockets',
    apply: flag((o) => {
      o.protocols.sctp = true;
    }),
  },
  {
    key: 'w',
    short: 'w',
    long: 'raw',
    help: 'RAW sockets',
    apply: flag((o) => {
      o.protocols.raw = true;
    }),
  },
  {
    key: 'x',
    short: 'x',
    long: 'unix',
    help: 'UNIX domain sockets',
    apply: families('unix'),
  },
  {
    key: 'A',
    short: 'A',
    long: 'protocol',
    arg: 'required',
    argName: 'families',
    complete: 'families',
    help: 'address families, comma-separated: inet inet6 unix ipx ax25 netrom rose x25 ddp …',
    man: 'address families, a comma-separated list of the keywords below (and those of loaded plugins); with -r, the routing tables of those families',
    apply: (st, arg) => st.addFamilies(arg!),
  },
  { key: '4', short: '4', help: 'same as -A inet', apply: families('inet') },
  { key: '6', short: '6', help: 'same as -A inet6', apply: families('inet6') },
  af('ax25', 'ax25', 'AMPR AX.25'),
  af('x25', 'x25', 'CCITT X.25'),
  af('ip', 'inet', 'DARPA Internet'),
  af('ipx', 'ipx', 'Novell IPX'),
  af('appletalk', 'ddp', 'Appletalk DDP'),
  af('netrom', 'netrom', 'AMPR NET/ROM'),
  af('inet', 'inet', 'DARPA Internet'),
  af('inet6', 'inet6', 'IPv6'),
  af('ddp', 'ddp', 'Appletalk DDP'),
  af('rose', 'rose', 'AMPR ROSE'),
  af('unix', 'unix', 'UNIX domain'),
  af('bluetooth', 'bluetooth', 'Bluetooth'),
  {
    key: 'af-tcpip',
    long: 'tcpip',
    group: 'af',
    man: "accepted and ignored, with 2.10's message netstat.c: Internal Error `longopts 1 range'",
    apply(st) {
      st.stderr += "netstat.c: Internal Error `longopts 1 range'.\n";
      return undefined;
    },
  },
  {
    key: '2',
    short: '2',
    long: 'l2cap',
    man: 'Bluetooth L2CAP sockets (2.10 as shipped is built without Bluetooth: an error)',
    apply: flag((o) => o.families.add('l2cap')),
  },
  {
    key: 'f',
    short: 'f',
    long: 'rfcomm',
    man: 'Bluetooth RFCOMM sockets (2.10 as shipped is built without Bluetooth: an error)',
    apply: flag((o) => o.families.add('rfcomm')),
  },
  { key: 'd', short: 'd', man: 'accepted and ignored, as in 2.10', apply: () => undefined },
  {
    key: 'V',
    short: 'V',
    long: 'version',
    help: 'print version information',
    apply: () => ({ kind: 'exit', status: 0, stdout: VERSION_TEXT, stderr: '' }),
  },
  {
    key: 'h',
    short: 'h',
    long: 'help',
    help: "print net-tools' usage text",
    man: "print net-tools 2.10's usage text (status 0)",
    apply: () => usage(EXIT_STATUS.OK),
  },
  {
    key: '?',
    short: '?',
    man: 'print the usage text on stderr (status 3)',
    apply: () => usage(EXIT_STATUS.E_USAGE),
  },
  {
    key: 'json',
    long: 'json',
    extension: true,
    help: 'print the selected tables as one JSON document (one document per pass with -c)',
    man: 'print the selected tables as one JSON document (schema netstat-ts/v1; one document per pass with -c)',
    apply(st) {
      st.json = true;
      return undefined;
    },
  },
  {
    key: 'root',
    long: 'root',
    arg: 'required',
    argName: 'dir',
    extension: true,
    complete: 'directories',
    help: 'read proc/, sys/ and etc/ under DIR (a snapshot such as a sosreport); env NETSTAT_ROOT',
    man: 'read proc/, sys/ and etc/ under DIR instead of / (a snapshot such as a sosreport); also NETSTAT_ROOT',
    apply(st, arg) {
      st.root = arg;
      return undefined;
    },
  },
  {
    key: 'plugin',
    long: 'plugin',
    arg: 'required',
    argName: 'name',
    extension: true,
    complete: 'plugins',
    help: 'load a family plugin (repeatable; env NETSTAT_PLUGINS=a,b)',
    man: 'load a family plugin: a path (relative to the current directory) or a package name (repeatable, comma-separated lists too; also NETSTAT_PLUGINS)',
    apply(st, arg) {
      st.plugins.push(...arg!.split(',').filter(Boolean));
      return undefined;
    },
  },
  {
    key: 'list-families',
    long: 'list-families',
    extension: true,
    help: 'print the -A family keywords, loaded plugins included, one per line',
    man: 'print the -A family keywords, those of loaded plugins included, one per line (used by the shell completions)',
    apply: (st) => ({
      kind: 'exit',
      status: 0,
      stdout: st
        .familyKeywords()
        .map((k) => `${k}\n`)
        .join(''),
      stderr: '',
    }),
  },
  {
    key: 'help-all',
    long: 'help-all',
    extension: true,
    help: 'this help',
    man: 'print the full option list (-h keeps 2.10 text)',
    apply: (st) => ({ kind: 'exit', status: 0, stdout: st.helpAll(), stderr: '' }),
  },
];

/**
 * net-tools 2.10's long options in its own order (keys of OPTIONS): glibc lists ambiguous
 * matches, and the `--<af>` options are indexed, in this order. A fact of 2.10: it never
 * changes; netstat-ts's own options follow in table order.
 */
export const NETTOOLS_LONG_ORDER: readonly string[] = [
  'af-ax25',
  'af-x25',
  'af-ip',
  'af-ipx',
  'af-appletalk',
  'af-netrom',
  'af-inet',
  'af-inet6',
  'af-ddp',
  'af-rose',
  'af-unix',
  'af-bluetooth',
  'af-tcpip',
  'V',
  'i',
  'h',
  'r',
  'M',
  'A',
  't',
  'S',
  'u',
  'U',
  'w',
  'x',
  '2',
  'f',
  'l',
  'a',
  'o',
  'c',
  'e',
  'p',
  'v',
  's',
  'W',
  'n',
  'nh',
  'np',
  'nu',
  'N',
  'C',
  'F',
  'g',
  'Z',
];

const byKey = new Map(OPTIONS.map((d) => [d.key, d]));

/** The long options as the scanner sees them, each with its definition, in scanning order. */
export const LONG_DEFS: readonly OptionDef[] = [
  ...NETTOOLS_LONG_ORDER.map((k) => byKey.get(k)!),
  ...OPTIONS.filter((d) => d.long && d.extension),
];

/** Every long option the scanner knows (parallel to LONG_DEFS). */
export const LONG_OPTIONS: readonly LongOption[] = LONG_DEFS.map((d) => {
  const a = d.longArg ?? d.arg ?? 'none';
  return {
    name: d.long!,
    hasArg: a === 'required',
    group: d.group ?? d.key,
    ...(a === 'optional' ? { optionalArg: true } : {}),
    ...(d.extension ? { exactOnly: true } : {}),
  };
});

/** The short options (a getopt option string's content, as a spec). */
export const SHORT_SPEC: ShortSpec = new Map(
  OPTIONS.filter((d) => d.short).map((d) => [d.short!, d.arg ?? 'none'] as const),
);

/** The short option definitions by letter. */
export const SHORT_DEFS: ReadonlyMap<string, OptionDef> = new Map(
  OPTIONS.filter((d) => d.short).map((d) => [d.short!, d]),
);

/** An `-A` keyword: the family it names, its aliases and the title 2.10 gives it. */
export interface FamilyKeyword {
  keyword: string;
  family: string;
  aliases: readonly string[];
  title: string;
}

/** The `-A` keywords of 2.10 (spec §1.3), in the order man page and completions list them. */
export const FAMILY_KEYWORDS: readonly FamilyKeyword[] = [
  { keyword: 'inet', family: 'inet', aliases: ['ip', 'tcpip'], title: 'DARPA Internet' },
  { keyword: 'inet6', family: 'inet6', aliases: ['ip6'], title: 'IPv6' },
  { keyword: 'unix', family: 'unix', aliases: [], title: 'UNIX domain' },
  { keyword: 'ipx', family: 'ipx', aliases: [], title: 'Novell IPX' },
  { keyword: 'ax25', family: 'ax25', aliases: [], title: 'AMPR AX.25' },
  { keyword: 'netrom', family: 'netrom', aliases: [], title: 'AMPR NET/ROM' },
  { keyword: 'rose', family: 'rose', aliases: [], title: 'AMPR ROSE' },
  { keyword: 'x25', family: 'x25', aliases: [], title: 'CCITT X.25' },
  { keyword: 'ddp', family: 'ddp', aliases: ['appletalk'], title: 'Appletalk DDP' },
  { keyword: 'econet', family: 'ec', aliases: [], title: 'Acorn Econet' },
  { keyword: 'ash', family: 'ash', aliases: [], title: 'Ash' },
  { keyword: 'bluetooth', family: 'bluetooth', aliases: [], title: 'Bluetooth' },
  { keyword: 'netlink', family: 'netlink', aliases: [], title: 'Netlink' },
];

/** `-A` keywords: alias -> canonical family name (spec §1.3). */
export const FAMILY_ALIASES: Readonly<Record<string, string>> = Object.fromEntries(
  FAMILY_KEYWORDS.flatMap((k) => [[k.keyword, k.family], ...k.aliases.map((a) => [a, k.family])]),
);
