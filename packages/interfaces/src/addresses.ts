/**
 * IPv4 addresses and their labels (`eth0:1`), which net-tools gets from SIOCGIFCONF/SIOCGIFADDR.
 * They come from an injectable {@link AddressSource}: rtnetlink through `@netstat-ts/native`,
 * else `ip -o -4 addr show` (iproute2), else, for a snapshot root, an `ip -o addr` capture
 * (sosreport's `sos_commands/networking/ip_-o_addr`). See ADR 0005 and 0007.
 */
import type * as ChildProcess from 'node:child_process';
import { createRequire } from 'node:module';
import { formatIPv4, type Host, parseIPv4 } from '@netstat-ts/core';
import { parseIpJLinkInfo, parseIpLinkText } from './ip-links.js';
import type { LinkInfo } from './sysfs.js';

/**
 * The standard output of `file args` as text (5 s at most, stderr ignored). node:child_process
 * is loaded on the first call: it brings node:net and the streams with it, which a listing that
 * only reads files should not pay for at start.
 */
function runText(file: string, args: string[], encoding: 'latin1' | 'utf8'): string {
  // Any absolute path serves for a built-in; process.execPath is `node` when /proc/self/exe is unreadable.
  childProcess ??= createRequire('/')('node:child_process') as typeof ChildProcess;
  return childProcess.execFileSync(file, args, {
    encoding,
    timeout: 5000,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
}
let childProcess: typeof ChildProcess | undefined;

/** One IPv4 address, in the kernel's list order. */
export interface Ipv4Address {
  /** The address label (`eth0`, `eth0:1`); SIOCGIFCONF lists one name per label. */
  label: string;
  /** Index of the device (0 when unknown). */
  ifindex: number;
  /** IFA_LOCAL: the interface's address. */
  local: string;
  /** IFA_ADDRESS: the peer on point-to-point links, else equal to `local`. */
  address: string;
  /** IFA_BROADCAST, or null when none is set (printed as 0.0.0.0). */
  broadcast: string | null;
  prefixlen: number;
  /** The netmask of `prefixlen` in dotted form. */
  netmask: string;
}

/** `struct ifmap` as SIOCGIFMAP returns it (the `-ie` device line). */
export interface DeviceMap {
  memStart: number;
  memEnd: number;
  baseAddr: number;
  irq: number;
  dma: number;
  port: number;
}

/** What a source returns: the addresses, or why it could not give them. */
export type AddressResult =
  | { ok: true; source: string; addresses: Ipv4Address[] }
  | { ok: false; source: string; reason: string };

/**
 * Where the kernel facts that net-tools gets by ioctl come from (inject a fixed one in tests):
 * the IPv4 address list, and optionally each device's flags exactly as SIOCGIFFLAGS reports them
 * (sysfs `flags` shows `dev->flags`, which e.g. has PROMISC for every bridge port; the ioctl and
 * rtnetlink do not).
 */
export interface AddressSource {
  readonly name: string;
  ipv4(): Promise<AddressResult>;
  /** Device name -> flags as SIOCGIFFLAGS gives them, or null when this source cannot tell. */
  linkFlags?(): Promise<Map<string, number> | null>;
  /** Device name -> SIOCGIFMAP map for the given devices, or null when this source cannot tell. */
  deviceMaps?(devices: string[]): Promise<Map<string, DeviceMap> | null>;
  /**
   * Device name -> every link fact (flags, MTU, type, address, queue length), or null when this
   * source cannot tell. With `authoritative`, these replace `/sys/class/net` entirely (another
   * network namespace); otherwise they fill in what the snapshot's sysfs lacks.
   */
  links?(): Promise<Map<string, LinkInfo> | null>;
  /** True when {@link links} is the only truth (sysfs belongs to another namespace). */
  readonly authoritative?: boolean;
  /** Where the last {@link links} answer came from (a file or a command), when known. */
  readonly linksFrom?: string;
}

/** IFF_* bit of each flag name iproute2 prints (compared in lower case). */
const FLAG_BITS: Record<string, number> = {
  up: 0x1,
  broadcast: 0x2,
  debug: 0x4,
  loopback: 0x8,
  pointopoint: 0x10,
  notrailers: 0x20,
  running: 0x40,
  noarp: 0x80,
  promisc: 0x100,
  allmulti: 0x200,
  master: 0x400,
  slave: 0x800,
  multicast: 0x1000,
  portsel: 0x2000,
  automedia: 0x4000,
  dynamic: 0x8000,
};

/** The 16-bit flags of a list of flag names (unknown names are ignored). */
export function flagsFromNames(names: Iterable<string>): number {
  let f = 0;
  for (const n of names) f |= FLAG_BITS[n.toLowerCase()] ?? 0;
  return f;
}

/**
 * Parses `ip -j link show`: iproute2 lists flag names but never RUNNING; it prints `NO-CARRIER`
 * for an UP device that is not RUNNING, so RUNNING = UP and not NO-CARRIER.
 */
export function parseIpJLink(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const data: unknown = JSON.parse(text);
  if (!Array.isArray(data)) return out;
  for (const l of data as { ifname?: unknown; flags?: unknown }[]) {
    if (typeof l?.ifname !== 'string' || !Array.isArray(l.flags)) continue;
    const names = l.flags.filter((x): x is string => typeof x === 'string');
    let f = flagsFromNames(names);
    if (f & 0x1 && !names.includes('NO-CARRIER')) f |= 0x40;
    out.set(Buffer.from(l.ifname, 'utf8').toString('latin1'), f);
  }
  return out;
}

/** Dotted netmask of a prefix length. */
export function netmaskOf(prefixlen: number): string {
  const p = Math.max(0, Math.min(32, prefixlen | 0));
  return formatIPv4(p === 0 ? 0 : (0xffffffff << (32 - p)) >>> 0);
}

/** Builds an {@link Ipv4Address} from its parts (missing `address` = `local`). */
export function ipv4Address(
  a: Omit<Ipv4Address, 'netmask' | 'address' | 'ifindex' | 'broadcast'> & Partial<Ipv4Address>,
): Ipv4Address {
  return {
    label: a.label,
    ifindex: a.ifindex ?? 0,
    local: a.local,
    address: a.address ?? a.local,
    broadcast: a.broadcast ?? null,
    prefixlen: a.prefixlen,
    netmask: netmaskOf(a.prefixlen),
  };
}

/** A source that always returns the given addresses. */
export function staticAddressSource(addresses: Ipv4Address[], name = 'static'): AddressSource {
  return { name, ipv4: async () => ({ ok: true, source: name, addresses }) };
}

const ipOf = (s: string | undefined): string | null => {
  const a = s?.split('/')[0];
  return a !== undefined && parseIPv4(a) !== null ? a : null;
};

/** Parses `ip -o addr show` text (IPv4 lines only; others are skipped). */
export function parseIpOAddr(text: string): Ipv4Address[] {
  const out: Ipv4Address[] = [];
  for (const raw of text.split('\n')) {
    const bs = raw.indexOf('\\');
    const t = (bs < 0 ? raw : raw.slice(0, bs)).trim().split(/\s+/);
    const k = t.indexOf('inet');
    const local = ipOf(t[k + 1]);
    if (k < 2 || local === null) continue;
    const peerAt = t[k + 2] === 'peer' ? k + 3 : -1;
    const plenText = (peerAt > 0 ? t[peerAt] : t[k + 1])?.split('/')[1];
    const brdAt = t.indexOf('brd', k);
    out.push(
      ipv4Address({
        label: t[t.length - 1]!,
        ifindex: Number.parseInt(t[0]!, 10) || 0,
        local,
        address: (peerAt > 0 ? ipOf(t[peerAt]) : null) ?? local,
        broadcast: brdAt > 0 ? ipOf(t[brdAt + 1]) : null,
        prefixlen: plenText !== undefined && /^\d+$/.test(plenText) ? Number(plenText) : 32,
      }),
    );
  }
  return out;
}

/** Runs `ip -o -4 addr show` (iproute2) on the live system. */
export function ipCommandSource(command = 'ip'): AddressSource {
  const name = `\`${command} -o -4 addr show\``;
  return {
    name,
    async ipv4() {
      try {
        const text = runText(command, ['-o', '-4', 'addr', 'show'], 'latin1');
        return { ok: true, source: name, addresses: parseIpOAddr(text) };
      } catch (err) {
        return { ok: false, source: name, reason: (err as Error).message.split('\n')[0] ?? 'failed' };
      }
    },
    async linkFlags() {
      try {
        const text = runText(command, ['-j', 'link', 'show'], 'utf8');
        return parseIpJLink(text);
      } catch {
        return null;
      }
    },
  };
}

/**
 * `ip` run inside another network namespace (`nsenter --net=FILE -- ip …`): its addresses and all
 * its link facts, since that namespace's devices are not in the sysfs mounted here. The fallback
 * when the native layer (setns) is not available.
 */
export function netnsIpSource(nsFile: string, command = 'ip'): AddressSource {
  const name = `\`nsenter --net=${nsFile} ${command} -o -4 addr show\``;
  const run = (args: string[], encoding: 'latin1' | 'utf8') =>
    runText('nsenter', [`--net=${nsFile}`, '--', command, ...args], encoding);
  return {
    name,
    authoritative: true,
    linksFrom: `\`nsenter --net=${nsFile} ${command} -j -d link show\``,
    async ipv4() {
      try {
        return {
          ok: true,
          source: name,
          addresses: parseIpOAddr(run(['-o', '-4', 'addr', 'show'], 'latin1')),
        };
      } catch (err) {
        return { ok: false, source: name, reason: (err as Error).message.split('\n')[0] ?? 'failed' };
      }
    },
    async links() {
      try {
        return parseIpJLinkInfo(run(['-j', '-d', 'link', 'show'], 'utf8'));
      } catch {
        return null;
      }
    },
  };
}

/** Captures of `ip` link listings a sosreport keeps (tried in order). */
export const SNAPSHOT_LINK_FILES = [
  '/sos_commands/networking/ip_-s_-d_link',
  '/sos_commands/networking/ip_-d_address',
  '/sos_commands/networking/ip_link',
];

/** Reads an `ip -o addr` capture from a snapshot root (first path that exists). */
export function snapshotAddressSource(
  host: Host,
  paths = ['/sos_commands/networking/ip_-o_addr', '/ip_-o_addr'],
  linkPaths = SNAPSHOT_LINK_FILES,
): AddressSource {
  const name = `snapshot file (${paths.join(', ')})`;
  let linksFrom: string | undefined;
  return {
    name,
    get linksFrom() {
      return linksFrom;
    },
    async links() {
      for (const p of linkPaths) {
        const text = host.readText(p);
        if (text !== null) {
          linksFrom = p.slice(1);
          return parseIpLinkText(text);
        }
      }
      return null;
    },
    async ipv4() {
      for (const p of paths) {
        const text = host.readText(p);
        if (text !== null) return { ok: true, source: p, addresses: parseIpOAddr(text) };
      }
      return { ok: false, source: name, reason: 'the snapshot has no `ip -o addr` capture' };
    },
  };
}

/** Tries each source in turn; the first that works wins, else all reasons are reported. */
export function firstWorkingSource(sources: AddressSource[]): AddressSource {
  return {
    name: sources.map((s) => s.name).join(', then '),
    async ipv4() {
      const reasons: string[] = [];
      for (const s of sources) {
        const r = await s.ipv4();
        if (r.ok) return r;
        reasons.push(`${r.source}: ${r.reason}`);
      }
      return { ok: false, source: 'none', reason: reasons.join('; ') };
    },
    async linkFlags() {
      for (const s of sources) {
        const r = s.linkFlags ? await s.linkFlags() : null;
        if (r) return r;
      }
      return null;
    },
    async deviceMaps(devices) {
      for (const s of sources) {
        const r = s.deviceMaps ? await s.deviceMaps(devices) : null;
        if (r) return r;
      }
      return null;
    },
    async links() {
      for (const s of sources) {
        const r = s.links ? await s.links() : null;
        if (r) return r;
      }
      return null;
    },
  };
}
