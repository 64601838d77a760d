import { type ErrorCode, EXIT_STATUS } from '@netstat-ts/core';
import { FAMILY_KEYWORDS, OPTIONS, type OptionDef } from '@netstat-ts/core/args';

/**
 * The man page netstat-ts.8 (roff, man macros), generated from the option table and the facts
 * below; `apps/netstat/test/option-table.test.ts` checks the committed file equals this and
 * checks each fact against the code (files read, environment variables, examples that run).
 */

/** What each error code of the catalogue means, for EXIT STATUS (typed: a new code must be described). */
export const EXIT_STATUS_TEXT: Record<ErrorCode, string> = {
  OK: 'success',
  E_NO_SUPPORT: "an explicitly requested family's kernel file is missing",
  E_FAMILY_UNKNOWN: 'an unknown -A family',
  E_SELINUX: '-Z without SELinux',
  E_NO_ROUTES: 'a missing routing table, or -s on an unsupported family',
  E_INTERFACE: 'an -i failure (e.g. an unknown interface)',
  E_PLUGIN: 'a plugin that cannot be found or loaded, or is not a plugin',
  E_ROOT: 'a --root (NETSTAT_ROOT) that is not a directory',
  E_NETNS: 'a --netns namespace that cannot be found or read',
  E_DIFFERENT: '--compare found differences (as diff(1))',
  E_USAGE: 'a usage error: bad, ambiguous or repeated-mode option, missing argument',
  E_ROUTE_FAMILY: '-r on a family without routes',
  E_WATCH_ROOT: '-L with a snapshot root (--root, NETSTAT_ROOT)',
  E_WATCH: '-L cannot watch the kernel',
  E_IO: 'an unexpected read error (e.g. /proc/net/tcp: Permission denied)',
};

/** Files read (under the root), for FILES; the test checks each path occurs in the sources. */
export const FILES: readonly [string, string][] = [
  ['/proc/net/tcp, tcp6, udp, udp6, udplite, udplite6, raw, raw6', 'Internet sockets'],
  ['/proc/net/sctp/eps, /proc/net/sctp/assocs', 'SCTP sockets'],
  ['/proc/net/unix', 'UNIX domain sockets'],
  ['/proc/net/igmp, /proc/net/igmp6', 'multicast group memberships (-g)'],
  ['/proc/net/route, /proc/net/rt_cache, /proc/net/ipv6_route', 'routing tables (-r)'],
  ['/proc/net/snmp, /proc/net/snmp6, /proc/net/netstat', 'statistics (-s)'],
  ['/proc/net/dev, /sys/class/net', 'interfaces (-i)'],
  [
    '/proc/net/ipx/socket, /proc/net/ax25, /proc/net/nr, /proc/net/rose, /proc/net/x25',
    'legacy family sockets',
  ],
  ['/proc/net/ip_masquerade', 'masqueraded connections (-M)'],
  ['/proc/net/netlink', 'netlink sockets (-A netlink)'],
  [
    '/proc/net/fib_trie, /proc/net/if_inet6',
    '-L without the native layer (with /sys/class/net, /proc/net/route, /proc/net/ipv6_route)',
  ],
  ['/proc/[pid]/fd, /proc/[pid]/cmdline', 'socket owners (-p)'],
  ['/etc/services, /etc/protocols, /etc/passwd, /etc/hosts, /etc/networks, /etc/nsswitch.conf', 'names'],
];

/** Environment variables the CLI reads, for ENVIRONMENT; the test checks main.ts reads exactly these. */
export const ENVIRONMENT: readonly [string, string][] = [
  ['NETSTAT_ROOT', 'the root to read when --root is not given (default /)'],
  ['NETSTAT_PLUGINS', 'comma-separated plugins to load, before those of --plugin'],
  ['NODE_PATH', 'colon-separated directories searched for plugin packages, after the global node_modules'],
  ['POSIXLY_CORRECT', 'options end at the first non-option argument (glibc getopt)'],
  [
    'NETSTAT_TS_SIGIGN',
    "internal: set by the bin's launcher line to the signals ignored when netstat started (they stay ignored)",
  ],
  [
    'NODE_EXTRA_CA_CERTS',
    "emptied by the bin's launcher line: Node would parse that certificate file at every start, and netstat-ts opens no TLS connection",
  ],
  [
    'NETSTAT_NO_THREADS',
    'when 1, the -p/-Z walk of a live system reads every fd link on the main thread (by default a second thread helps when there are over 128000 fds, 64000 without the native layer, and more than one CPU)',
  ],
  [
    'NETSTAT_NO_NATIVE',
    'when 1, never load the native layer (netlink, ioctl, setns, readlinkat): -i uses ip(8), -L polls /proc/net and /sys/class/net, --netns uses ip(8) and nsenter(1) inside another namespace, large TCP tables come from /proc/net/tcp, and the -p walk reads fd links with readlink',
  ],
];

/** EXAMPLES; the test runs each on a fixture root and expects status 0. */
export const EXAMPLES: readonly [string, string][] = [
  ['netstat -tulpn', 'listening TCP and UDP sockets, numeric, with their programs'],
  ['netstat -an', 'every socket of every family, numeric'],
  ['netstat -rn', 'the IPv4 routing table, numeric'],
  ['netstat -i', 'the interface table'],
  ['netstat -s -t', 'TCP statistics'],
  ['netstat --json -tan', 'TCP sockets as one JSON document'],
  ['netstat --root /path/to/sosreport -tanp', 'the TCP sockets of a snapshot, with owners'],
  ['netstat -A netlink -e', 'the netlink sockets, with drops and inodes'],
];

/** roff-escapes text (backslashes, leading dots/quotes, hyphens of options). */
export function roff(s: string): string {
  return s
    .replace(/\\/g, '\\e')
    .replace(/-/g, '\\-')
    .replace(/…/g, '\\[u2026]')
    .replace(/^([.'])/gm, '\\&$1');
}

function optionHead(d: OptionDef): string {
  const a = d.long ? (d.longArg ?? d.arg) : d.arg;
  const arg = d.argName ? d.argName.toUpperCase() : '';
  const forms: string[] = [];
  if (d.short)
    forms.push(
      `\\fB\\-${d.short}\\fR${d.arg === 'required' ? ` \\fI${arg}\\fR` : d.arg === 'optional' ? `\\fI${arg}\\fR` : ''}`,
    );
  if (d.long) {
    const la = a === 'required' ? ` \\fI${arg}\\fR` : a === 'optional' ? `[=\\fI${arg}\\fR]` : '';
    forms.push(`\\fB\\-\\-${roff(d.long)}\\fR${la}`);
  }
  return forms.join(', ');
}

/** Converts the README's markdown deviation bullets to roff paragraphs. */
export function deviationsRoff(bullets: readonly string[]): string {
  return bullets
    .map((b) => `.IP \\(bu 2\n${roff(b.replace(/`([^`]*)`/g, '$1').replace(/\*\*([^*]*)\*\*/g, '$1'))}`)
    .join('\n');
}

/** The man page, for a version and the README's deviation bullets. */
export function renderManPage(version: string, deviations: readonly string[]): string {
  const L: string[] = [];
  L.push('.\\" Generated from the option table (packages/core/src/args/option-table.ts) by');
  L.push('.\\" apps/netstat/src/docs/man.ts; do not edit: regenerate (see packages/core/README.md).');
  L.push(`.TH NETSTAT-TS 8 "" "netstat-ts ${version}" "System Administration"`);
  L.push('.SH NAME');
  L.push(
    'netstat \\- print network connections, routing tables, interface statistics, masquerade connections and multicast memberships (netstat\\-ts)',
  );
  L.push('.SH SYNOPSIS');
  L.push('.B netstat');
  L.push(
    '[\\fIoptions\\fR] [\\fB\\-A\\fR \\fIfamilies\\fR] [\\fB\\-r\\fR | \\fB\\-i\\fR [\\fIiface\\fR] | \\fB\\-g\\fR | \\fB\\-s\\fR | \\fB\\-M\\fR]',
  );
  L.push('.SH DESCRIPTION');
  L.push(
    roff(
      "netstat-ts is a netstat written in TypeScript: for the same /proc data its output is byte-identical to net-tools 2.10 netstat, with the same exit statuses and error texts. It adds JSON output (--json), snapshot roots (--root, e.g. a sosreport) and family plugins (--plugin). Options are parsed with glibc getopt_long rules: clusters such as -tulpn, unique prefixes of 2.10 long options, --opt=value; netstat-ts's own long options match only when spelled in full.",
    ),
  );
  L.push('.SH OPTIONS');
  for (const d of OPTIONS) {
    L.push('.TP');
    L.push(optionHead(d));
    L.push(roff((d.extension ? 'netstat-ts: ' : '') + (d.man ?? d.help ?? '')));
  }
  L.push('.SH ADDRESS FAMILIES');
  L.push(roff('Keywords of -A (comma-separated), with their aliases; loaded plugins add their own:'));
  for (const k of FAMILY_KEYWORDS) {
    L.push('.TP');
    L.push(
      `\\fB${roff(k.keyword)}\\fR${k.aliases.length ? ` (${k.aliases.map((a) => `\\fB${roff(a)}\\fR`).join(', ')})` : ''}`,
    );
    L.push(roff(k.title));
  }
  L.push('.SH EXIT STATUS');
  const byStatus = new Map<number, string[]>();
  for (const [code, status] of Object.entries(EXIT_STATUS) as [ErrorCode, number][])
    byStatus.set(status, [...(byStatus.get(status) ?? []), EXIT_STATUS_TEXT[code]]);
  for (const [status, texts] of [...byStatus].sort((a, b) => a[0] - b[0])) {
    L.push('.TP');
    L.push(`\\fB${status}\\fR`);
    L.push(roff(texts.join('; ')));
  }
  L.push('.SH FILES');
  for (const [paths, what] of FILES) {
    L.push('.TP');
    L.push(`\\fI${roff(paths)}\\fR`);
    L.push(roff(what));
  }
  L.push(roff('Every path is read under the root (--root, NETSTAT_ROOT).'));
  L.push('.SH ENVIRONMENT');
  for (const [name, what] of ENVIRONMENT) {
    L.push('.TP');
    L.push(`\\fB${name}\\fR`);
    L.push(roff(what));
  }
  L.push('.SH DEVIATIONS');
  L.push(roff('Where net-tools 2.10 prints wrong data, hangs or crashes, netstat-ts does the right thing:'));
  L.push(deviationsRoff(deviations));
  L.push('.SH EXAMPLES');
  for (const [cmd, what] of EXAMPLES) {
    L.push('.TP');
    L.push(`\\fB${roff(cmd)}\\fR`);
    L.push(roff(what));
  }
  L.push('.SH SEE ALSO');
  L.push('.BR netstat (8),');
  L.push('.BR ss (8),');
  L.push('.BR ip (8)');
  return `${L.join('\n')}\n`;
}

/** The bullets of the README's "Deviations from net-tools 2.10" section, one string each. */
export function readmeDeviations(readme: string): string[] {
  const start = readme.indexOf('## Deviations from net-tools 2.10');
  if (start < 0) return [];
  const end = readme.indexOf('\n## ', start + 1);
  const body = readme.slice(start, end < 0 ? undefined : end);
  const out: string[] = [];
  for (const line of body.split('\n')) {
    if (line.startsWith('- ')) out.push(line.slice(2).trim());
    else if (line.startsWith('  ') && out.length > 0) out[out.length - 1] += ` ${line.trim()}`;
  }
  return out;
}
