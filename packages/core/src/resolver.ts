import { type HostsTable, parseHosts, parseNetworks } from './etc/hosts.js';
import { parseNsswitch } from './etc/nsswitch.js';
import { parsePasswd } from './etc/passwd.js';
import { emptyServiceTables, parseProtocols, parseServices, type ServiceTables } from './etc/services.js';
import type { Host } from './host.js';
import { parseIPv6 } from './inet-address.js';

/** Reverse DNS settings. Reverse lookups are made only when `enabled` is true. */
export interface DnsOptions {
  enabled: boolean;
  /** Name servers (`127.0.0.1:5353`); defaults to the system's. */
  servers?: string[];
  /** Per-lookup timeout in milliseconds (default 2000). */
  timeoutMs?: number;
  /**
   * How many lookups run at once (default 256: every name of a listing is asked for together, so
   * that a slow server costs one answer time, not one per address as 2.10's serial lookups do).
   */
  concurrency?: number;
}

/** The reverse-lookup name of an address: `4.3.2.1.in-addr.arpa` or the nibble form under ip6.arpa. */
export function ptrName(addr: string): string {
  const v6 = parseIPv6(addr);
  if (addr.includes(':') && v6) {
    const nibbles: string[] = [];
    for (let i = 15; i >= 0; i--) nibbles.push((v6[i]! & 15).toString(16), (v6[i]! >> 4).toString(16));
    return `${nibbles.join('.')}.ip6.arpa`;
  }
  return `${addr.split('.').reverse().join('.')}.in-addr.arpa`;
}

/** Which protocol's service table a port is looked up in. */
export type ServiceProto = 'tcp' | 'udp' | 'raw';

/**
 * Name resolution from the root's `etc/`: services and protocols, users, hosts, networks, and
 * reverse DNS when allowed. Tables are loaded lazily once and cached; DNS answers are prefetched
 * concurrently with {@link Resolver.prefetch} so that rendering stays synchronous.
 */
export class Resolver {
  private services?: ServiceTables;
  private users?: Map<number, string>;
  private hosts?: HostsTable;
  private networks?: Map<number, string>;
  private nss?: Map<string, string[]>;
  private readonly dnsCache = new Map<string, string | null>();

  constructor(
    private readonly host: Host,
    private readonly dns: DnsOptions = { enabled: false },
  ) {}

  /** The sources `etc/nsswitch.conf` lists for a database (glibc's defaults when absent). */
  nsswitch(db: string): string[] {
    if (!this.nss) this.nss = parseNsswitch(this.host.readText('/etc/nsswitch.conf') ?? '');
    return this.nss.get(db) ?? (db === 'hosts' ? ['dns', 'files'] : ['files']);
  }

  /** True when reverse DNS may be queried: enabled by the caller and listed for `hosts` in nsswitch.conf. */
  get dnsAllowed(): boolean {
    return this.dns.enabled && this.nsswitch('hosts').includes('dns');
  }

  /** Service name of a port (netstat 2.10 rules: official names, last entry wins), or undefined. */
  service(port: number, proto: ServiceProto): string | undefined {
    if (!this.services) {
      const t = parseServices(this.host.readText('/etc/services') ?? '', emptyServiceTables());
      parseProtocols(this.host.readText('/etc/protocols') ?? '', t);
      this.services = t;
    }
    return this.services[proto].get(port);
  }

  /** User name of a uid from etc/passwd, or undefined. */
  user(uid: number): string | undefined {
    if (!this.users) this.users = parsePasswd(this.host.readText('/etc/passwd') ?? '');
    return this.users.get(uid);
  }

  private hostsTable(): HostsTable {
    if (!this.hosts) {
      this.hosts = this.nsswitch('hosts').includes('files')
        ? parseHosts(this.host.readText('/etc/hosts') ?? '')
        : { v4: new Map(), v6: new Map() };
    }
    return this.hosts;
  }

  /** Host name for a dotted-quad or IPv6 text: etc/hosts first, then a prefetched DNS answer. */
  hostName(addr: string, family: 4 | 6): string | undefined {
    const t = this.hostsTable();
    const name = family === 4 ? t.v4.get(addr) : t.v6.get(addr);
    if (name !== undefined) return name;
    return this.dnsCache.get(addr) ?? undefined;
  }

  /** Network name of a host-order IPv4 network number from etc/networks, or undefined. */
  networkName(net: number): string | undefined {
    if (!this.networks) this.networks = parseNetworks(this.host.readText('/etc/networks') ?? '');
    return this.networks.get(net >>> 0);
  }

  /**
   * Looks up, concurrently and with a per-lookup timeout, every address not found in etc/hosts,
   * so that {@link hostName} can answer synchronously. Does nothing unless DNS is allowed.
   */
  async prefetch(addrs: Iterable<{ addr: string; family: 4 | 6 }>): Promise<void> {
    if (!this.dnsAllowed) return;
    const t = this.hostsTable();
    const todo: string[] = [];
    for (const { addr, family } of addrs) {
      if ((family === 4 ? t.v4 : t.v6).has(addr) || this.dnsCache.has(addr)) continue;
      this.dnsCache.set(addr, null);
      todo.push(addr);
    }
    if (todo.length === 0) return;
    // node:dns is imported only when there is something to look up (it costs start-up time).
    const { Resolver: DnsResolver } = await import('node:dns/promises');
    const r = new DnsResolver({ timeout: this.dns.timeoutMs ?? 2000, tries: 1 });
    if (this.dns.servers?.length) r.setServers(this.dns.servers);
    let next = 0;
    const worker = async () => {
      while (next < todo.length) {
        const a = todo[next++]!;
        try {
          // resolvePtr asks the name servers only; reverse() would also read this machine's
          // /etc/hosts through c-ares, which is not the root's when reading a snapshot.
          const names = await r.resolvePtr(ptrName(a));
          if (names.length > 0) this.dnsCache.set(a, names[0]!);
        } catch {
          /* no answer: numeric */
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.dns.concurrency ?? 256, todo.length) }, worker));
  }
}
