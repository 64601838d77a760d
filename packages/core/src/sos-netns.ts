/**
 * Network namespaces in a sosreport. sos's networking plugin lists them with `ip netns` (kept as
 * `sos_commands/networking/ip_netns`) and runs, for each, `ip netns exec NAME CMD` for a fixed
 * set of commands, keeping each output in `sos_commands/networking/namespaces/NAME/` under the
 * command's name (blanks become `_`): `ip_netns_exec_NAME_netstat_-W_-neopa`,
 * `..._ip_route_show_table_all`, `..._netstat_-W_-agn`, `..._nstat_-zas`, `..._sysctl_-a`,
 * `..._ip_-d_address_show`, `..._ss_-peaonmi`, `..._iptables-save` and others. sos copies no
 * `/proc/net` of a namespace, so its tables exist only as those outputs.
 *
 * The functions here are pure: they turn those command outputs back into the `/proc/net` files
 * the plugins read (`tcp`, `unix`, `route`, `igmp`, `snmp`, ...), holding exactly what the
 * outputs tell, and count the lines they could not use.
 */
import { parseIPv4, parseIPv6 } from './inet-address.js';

/** Where sos keeps the per-namespace outputs (a path inside the snapshot root). */
export const SOS_NETNS_DIR = '/sos_commands/networking/namespaces';

/** Where sos keeps the output of `ip netns` (the namespace list). */
export const SOS_IP_NETNS = '/sos_commands/networking/ip_netns';

/** The commands sos runs in each namespace whose outputs a table can be derived from. */
export const SOS_NETNS_COMMANDS = {
  sockets: 'netstat -W -neopa',
  groups: 'netstat -W -agn',
  routes: 'ip route show table all',
  counters: 'nstat -zas',
  sysctl: 'sysctl -a',
  addresses: 'ip -d address show',
} as const;

/** The file (inside the root) sos keeps the output of `ip netns exec NAME <command>` in. */
export function sosNetnsFile(name: string, command: string): string {
  return `${SOS_NETNS_DIR}/${name}/ip_netns_exec_${name}_${command.replace(/ /g, '_').replace(/\//g, '.')}`;
}

/**
 * Namespace names from an `ip netns` output (`NAME`, or `NAME (id: N)` for one with an nsid),
 * in its order; lines that cannot be a name are left out.
 */
export function parseIpNetns(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^([^\s/]+)(?: \(id: \d+\))?\s*$/.exec(line);
    if (m && m[1] !== '.' && m[1] !== '..' && !out.includes(m[1]!)) out.push(m[1]!);
  }
  return out;
}

/** `/proc/net` file name -> its synthesized text, and how many input lines were not used. */
export interface DerivedFiles {
  files: Record<string, string>;
  skipped: number;
}

const hex = (v: number, w: number) => (v >>> 0).toString(16).toUpperCase().padStart(w, '0');

/** The kernel's `%08X` of a network-order IPv4 word on a little-endian host. */
function v4hex(a: number): string {
  const sw = (((a & 255) << 24) | (((a >>> 8) & 255) << 16) | (((a >>> 16) & 255) << 8) | (a >>> 24)) >>> 0;
  return hex(sw, 8);
}

/** The kernel's four `%08X` words of an IPv6 address on a little-endian host. */
function v6hex(b: Uint8Array): string {
  let s = '';
  for (let w = 0; w < 4; w++) {
    const v = b[w * 4]! | (b[w * 4 + 1]! << 8) | (b[w * 4 + 2]! << 16) | (b[w * 4 + 3]! << 24);
    s += hex(v, 8);
  }
  return s;
}

/** `addr:port` as netstat -n prints it (`*` for port 0) -> proc hex, or null. */
function endpoint(text: string, v6: boolean): string | null {
  const i = text.lastIndexOf(':');
  if (i < 0) return null;
  const a = text.slice(0, i);
  const p = text.slice(i + 1);
  const port = p === '*' ? 0 : /^\d{1,5}$/.test(p) ? Number(p) : -1;
  if (port < 0 || port > 65535) return null;
  if (v6) {
    const b = parseIPv6(a);
    return b ? `${v6hex(b)}:${hex(port, 4)}` : null;
  }
  const n = parseIPv4(a);
  return n === null ? null : `${v4hex(n)}:${hex(port, 4)}`;
}

const TCP_STATES: Record<string, number> = {
  ESTABLISHED: 1,
  SYN_SENT: 2,
  SYN_RECV: 3,
  FIN_WAIT1: 4,
  FIN_WAIT2: 5,
  TIME_WAIT: 6,
  CLOSE: 7,
  CLOSE_WAIT: 8,
  LAST_ACK: 9,
  LISTEN: 10,
  CLOSING: 11,
};
const TIMERS: Record<string, number> = { off: 0, on: 1, keepalive: 2, timewait: 3, probe: 4 };
const INET_LINE =
  /^(tcp|udp|raw)(6?) +(\d+) +(\d+) +(\S+) +(\S+) +(?:([A-Z][A-Z_0-9]*|\d+) +)?(\d+) +(\d+) +(?:-|\d+\/.*?) +(off|on|keepalive|timewait|probe|unkn\S*) \((\d+)\.(\d\d)\/(\d+)\/(\d+)\)\s*$/;
const UNIX_LINE = /^unix +(\d+) +\[ ([^\]]*?) ?\] +(\S+) +([A-Z]*) +(\d+) +/;
const UNIX_TYPES: Record<string, number> = { STREAM: 1, DGRAM: 2, RAW: 3, RDM: 4, SEQPACKET: 5 };
const UNIX_STATES: Record<string, number> = {
  '': 1,
  FREE: 0,
  LISTENING: 1,
  CONNECTING: 2,
  CONNECTED: 3,
  DISCONNECTING: 4,
};
const HEADS: Record<string, string> = {
  tcp: '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n',
  tcp6: '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n',
  udp: '   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n',
  udp6: '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n',
  raw: '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n',
  raw6: '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n',
  unix: 'Num       RefCount Protocol Flags    Type St Inode Path\n',
};

/**
 * `/proc/net/{tcp,tcp6,udp,udp6,raw,raw6,unix}` from a `netstat -W -neopa` output (net-tools:
 * wide, numeric, `-e` user as uid, `-o` timers, `-p`): every socket row it printed, in its
 * order, with the queues, endpoints, state, uid, inode and timer it shows. A file is made only
 * for the kinds the output has a section for (`Active Internet connections`, `Active UNIX
 * domain sockets`). Timer jiffies assume USER_HZ 100, as netstat divides by it.
 */
export function procNetFromNetstatCapture(text: string): DerivedFiles {
  const rows: Record<string, string[]> = {};
  let skipped = 0;
  let section: 'inet' | 'unix' | null = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('Active Internet connections')) {
      section = 'inet';
      for (const k of ['tcp', 'tcp6', 'udp', 'udp6', 'raw', 'raw6']) rows[k] ??= [];
      continue;
    }
    if (line.startsWith('Active UNIX domain sockets')) {
      section = 'unix';
      rows.unix ??= [];
      continue;
    }
    if (line.startsWith('Active ')) {
      section = null;
      continue;
    }
    if (line === '' || line.startsWith('Proto ') || line.startsWith('(')) continue;
    if (section === 'inet') {
      const m = INET_LINE.exec(line);
      const kind = m ? `${m[1]}${m[2]}` : '';
      const local = m ? endpoint(m[5]!, m[2] === '6') : null;
      const remote = m ? endpoint(m[6]!, m[2] === '6') : null;
      if (!m || local === null || remote === null) {
        skipped++;
        continue;
      }
      const state = m[7] ?? '';
      let st: number;
      if (m[1] === 'raw') st = /^\d+$/.test(state) ? Number(state) : (TCP_STATES[state] ?? 7);
      else if (m[1] === 'udp') st = state === '' ? 7 : (TCP_STATES[state] ?? -1);
      else st = TCP_STATES[state] ?? -1;
      if (st < 0 || st > 255) {
        skipped++;
        continue;
      }
      const timer = TIMERS[m[10]!] ?? 0;
      const jiffies = Number(m[11]) * 100 + Number(m[12]);
      const list = rows[kind]!;
      list.push(
        `${String(list.length).padStart(4)}: ${local} ${remote} ${hex(st, 2)} ${hex(Number(m[4]), 8)}:${hex(Number(m[3]), 8)} ${hex(timer, 2)}:${hex(jiffies, 8)} ${hex(Number(m[13]), 8)} ${m[8]!.padStart(5)} ${m[14]!.padStart(8)} ${m[9]} 1 0000000000000000 20 4 0 10 -1\n`,
      );
      continue;
    }
    if (section === 'unix') {
      const m = UNIX_LINE.exec(line);
      const type = m ? UNIX_TYPES[m[3]!] : undefined;
      const state = m ? UNIX_STATES[m[4]!] : undefined;
      if (!m || type === undefined || state === undefined) {
        skipped++;
        continue;
      }
      let flags = 0;
      for (const f of m[2]!.split(' ')) {
        if (f === 'ACC') flags |= 1 << 16;
        else if (f === 'W') flags |= 1 << 17;
        else if (f === 'N') flags |= 1 << 18;
      }
      // PID/Program is printed 20 wide and a blank; a longer one is followed by one blank.
      const rest = line.slice(m[0].length);
      let path: string;
      if (rest.length <= 20) path = '';
      else if (rest[20] === ' ') path = rest.slice(21);
      else {
        const sp = rest.indexOf(' ', 20);
        path = sp < 0 ? '' : rest.slice(sp + 1);
      }
      rows.unix!.push(
        `0000000000000000: ${hex(Number(m[1]), 8)} 00000000 ${hex(flags, 8)} ${hex(type, 4)} ${hex(state, 2)} ${m[5]}${path ? ` ${path}` : ''}\n`,
      );
      continue;
    }
    skipped++;
  }
  const files: Record<string, string> = {};
  for (const [k, list] of Object.entries(rows)) files[k] = HEADS[k]! + list.join('');
  return { files, skipped };
}

/**
 * `/proc/net/route` from an `ip route show table all` output: the routes of the main table (the
 * only one `/proc/net/route` shows: lines without `table`), in the kernel's dump order, with
 * gateway, metric, and `mtu`/`window`/`rtt` when given. Flags as the kernel sets them: U, G with
 * a gateway, H for a /32; an unreachable or prohibit route is a reject (`!`) route on `*`.
 * IPv6 routes (another output, which sos does not take per namespace) and other tables are left
 * out without counting as skipped.
 */
export function procRouteFromIpRoute(text: string): DerivedFiles {
  let out = 'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n';
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const w = line.trim().split(/\s+/);
    if (w.includes('table') && w[w.indexOf('table') + 1] !== 'main') continue;
    let type = 'unicast';
    if (
      [
        'unicast',
        'local',
        'broadcast',
        'multicast',
        'unreachable',
        'prohibit',
        'blackhole',
        'throw',
        'nat',
        'anycast',
      ].includes(w[0]!)
    )
      type = w.shift()!;
    if (type !== 'unicast' && type !== 'unreachable' && type !== 'prohibit' && type !== 'blackhole') continue;
    const dst = w.shift() ?? '';
    if (dst.includes(':')) continue; // IPv6
    let addr: number | null;
    let len: number;
    if (dst === 'default') {
      addr = 0;
      len = 0;
    } else {
      const [a, l] = dst.split('/');
      addr = parseIPv4(a!);
      len = l === undefined ? 32 : /^\d+$/.test(l) && Number(l) <= 32 ? Number(l) : -1;
    }
    if (addr === null || len < 0) {
      skipped++;
      continue;
    }
    const opt = (k: string) => {
      const i = w.indexOf(k);
      if (i < 0) return undefined;
      return w[i + 1] === 'lock' ? w[i + 2] : w[i + 1];
    };
    const via = opt('via');
    const gw = via === undefined ? 0 : parseIPv4(via);
    if (gw === null) {
      skipped++;
      continue;
    }
    const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
    const reject = type === 'unreachable' || type === 'prohibit';
    let flags = 1;
    if (reject) flags |= 0x0200;
    if (gw !== 0) flags |= 2;
    if (len === 32) flags |= 4;
    const num = (k: string) => {
      const v = opt(k);
      return v !== undefined && /^\d+/.test(v) ? Number.parseInt(v, 10) : 0;
    };
    const dev = reject || type === 'blackhole' ? '*' : (opt('dev') ?? '*');
    out += `${dev}\t${v4hex(addr & mask)}\t${v4hex(gw)}\t${hex(flags, 4)}\t0\t0\t${num('metric')}\t${v4hex(mask)}\t${num('mtu')}\t${num('window')}\t${num('rtt')}\n`;
  }
  return { files: { route: out }, skipped };
}

/**
 * Interface indexes from an `ip -d address show` output (`2: eth0@if3: <...>`): name -> index.
 */
export function ifindexesFromIpAddress(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^(\d+): ([^:@\s]+)(?:@[^:\s]*)?:/.exec(line);
    if (m) out.set(m[2]!, Number(m[1]));
  }
  return out;
}

/**
 * `/proc/net/igmp` and `/proc/net/igmp6` from a `netstat -W -agn` output: the rows of its
 * `IPv6/IPv4 Group Memberships` table (interface, users, group), IPv4 groups in one file and
 * IPv6 groups in the other, in the order printed. Interface indexes come from `ifindex` (an
 * `ip -d address show`), else are numbered in order of appearance; the querier is shown as V3.
 */
export function procGroupsFromNetstatCapture(
  text: string,
  ifindex = new Map<string, number>(),
): DerivedFiles {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.startsWith('IPv6/IPv4 Group Memberships'));
  if (at < 0) return { files: {}, skipped: 0 };
  const idx = (dev: string) => {
    if (!ifindex.has(dev)) ifindex.set(dev, 1000 + ifindex.size);
    return ifindex.get(dev)!;
  };
  const v4: { dev: string; groups: string[] }[] = [];
  let v6 = '';
  let skipped = 0;
  for (const line of lines.slice(at + 1)) {
    if (line.startsWith('Interface') || line.startsWith('---')) continue;
    if (line === '' || line.startsWith('Active ') || line.startsWith('Proto ')) break;
    const m = /^(\S+)\s+(\d+)\s+(\S+)\s*$/.exec(line);
    if (!m) {
      skipped++;
      continue;
    }
    const [, dev, users, group] = m;
    if (group!.includes(':')) {
      const b = parseIPv6(group!);
      if (!b) {
        skipped++;
        continue;
      }
      const h = Buffer.from(b).toString('hex');
      v6 += `${String(idx(dev!)).padEnd(4)} ${dev!.padEnd(15)} ${h} ${users!.padStart(5)} 00000004 0\n`;
    } else {
      const a = parseIPv4(group!);
      if (a === null) {
        skipped++;
        continue;
      }
      let last = v4[v4.length - 1];
      if (!last || last.dev !== dev) {
        last = { dev: dev!, groups: [] };
        v4.push(last);
      }
      last.groups.push(`\t\t\t\t${v4hex(a)} ${users!.padStart(5)} 0:00000000\t\t0\n`);
    }
  }
  let igmp = 'Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter\n';
  for (const d of v4)
    igmp += `${idx(d.dev)}\t${d.dev.padEnd(10)}:${String(d.groups.length).padStart(6)}      V3\n${d.groups.join('')}`;
  return { files: { igmp, igmp6: v6 }, skipped };
}

const SNMP_GROUPS = ['Ip', 'Icmp', 'IcmpMsg', 'Tcp', 'Udp', 'UdpLite'];
const NETSTAT_GROUPS = ['TcpExt', 'IpExt', 'MPTcpExt'];
const SNMP6_GROUPS = ['Ip6', 'Icmp6', 'Udp6', 'UdpLite6'];
// Longest prefix first, so `Ip6InReceives` is not taken for Ip's `6InReceives`.
const PREFIXES = [...SNMP_GROUPS, ...NETSTAT_GROUPS, ...SNMP6_GROUPS].sort((a, b) => b.length - a.length);

/** `sysctl -a` output -> key -> value. */
function sysctlValues(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([\w.\-/]+) = (.*)$/.exec(line);
    if (m) out.set(m[1]!, m[2]!);
  }
  return out;
}

/**
 * `/proc/net/snmp`, `/proc/net/netstat` and `/proc/net/snmp6` from an `nstat -zas` output (every
 * counter as `<Group><Field> value rate`, absolute, zeros included, in the files' order). nstat
 * leaves out what is not a counter; those come from elsewhere: Ip `Forwarding` (1 when
 * `net.ipv4.ip_forward = 1`, else 2) and `DefaultTTL` (`net.ipv4.ip_default_ttl`, default 64)
 * from a `sysctl -a` output, Tcp `RtoAlgorithm 1 RtoMin 200 RtoMax 120000 MaxConn -1` (fixed in
 * Linux), and Tcp `CurrEstab` from `currEstab` (the ESTABLISHED and CLOSE_WAIT TCP sockets of a
 * socket listing), 0 when not given.
 */
export function procSnmpFromNstat(nstat: string, sysctl: string, currEstab = 0): DerivedFiles {
  const groups = new Map<string, [string, string][]>();
  let skipped = 0;
  for (const line of nstat.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([A-Za-z0-9]+)\s+(-?\d+)(?:\s+\S+)?\s*$/.exec(line);
    const prefix = m ? PREFIXES.find((p) => m[1]!.startsWith(p) && m[1]!.length > p.length) : undefined;
    if (!m || !prefix) {
      skipped++;
      continue;
    }
    const list = groups.get(prefix) ?? [];
    if (list.length === 0) groups.set(prefix, list);
    list.push([m[1]!.slice(prefix.length), m[2]!]);
  }
  const sc = sysctlValues(sysctl);
  const ip = groups.get('Ip');
  if (ip) {
    ip.unshift(
      ['Forwarding', sc.get('net.ipv4.ip_forward') === '1' ? '1' : '2'],
      ['DefaultTTL', sc.get('net.ipv4.ip_default_ttl') ?? '64'],
    );
  }
  const tcp = groups.get('Tcp');
  if (tcp) {
    tcp.unshift(['RtoAlgorithm', '1'], ['RtoMin', '200'], ['RtoMax', '120000'], ['MaxConn', '-1']);
    if (!tcp.some(([k]) => k === 'CurrEstab')) {
      const at = tcp.findIndex(([k]) => k === 'InSegs');
      tcp.splice(at < 0 ? tcp.length : at, 0, ['CurrEstab', String(currEstab)]);
    }
  }
  const table = (names: string[]) =>
    [...groups.keys()]
      .filter((g) => names.includes(g))
      .map((g) => {
        const list = groups.get(g)!;
        return `${g}: ${list.map(([k]) => k).join(' ')}\n${g}: ${list.map(([, v]) => v).join(' ')}\n`;
      })
      .join('');
  const files: Record<string, string> = {};
  if ([...groups.keys()].some((g) => SNMP_GROUPS.includes(g))) files.snmp = table(SNMP_GROUPS);
  if ([...groups.keys()].some((g) => NETSTAT_GROUPS.includes(g))) files.netstat = table(NETSTAT_GROUPS);
  if ([...groups.keys()].some((g) => SNMP6_GROUPS.includes(g)))
    files.snmp6 = [...groups.keys()]
      .filter((g) => SNMP6_GROUPS.includes(g))
      .flatMap((g) => groups.get(g)!.map(([k, v]) => `${`${g}${k}`.padEnd(32)}\t${v}\n`))
      .join('');
  return { files, skipped };
}

/** The TCP sockets a `netstat -W -neopa` output shows ESTABLISHED or CLOSE_WAIT (Tcp CurrEstab). */
export function currEstabFromNetstatCapture(text: string): number {
  let n = 0;
  for (const line of text.split('\n')) if (/^tcp6? .*\s(ESTABLISHED|CLOSE_WAIT)\s/.test(line)) n++;
  return n;
}
