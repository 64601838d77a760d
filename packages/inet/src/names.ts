/**
 * Host, port and endpoint text of Internet sockets (spec §2.4): host names through the Resolver
 * (numeric with `--numeric-hosts`), service names from the tcp/udp/raw tables, and the 22/23
 * column trimming of `HOST:PORT` unless `-W`.
 */
import {
  formatIPv4,
  formatIPv6,
  ipv4Name,
  ipv6Name,
  type Resolver,
  type ServiceProto,
} from '@netstat-ts/core';

/**
 * `HOST:PORT` as netstat prints an endpoint: unless `wide`, when HOST and PORT together exceed
 * 22 bytes, PORT is cut to at most 18 bytes and HOST to the 22 bytes that remain.
 */
export function endpointText(host: string, port: string, wide: boolean): string {
  if (wide || host.length + port.length <= 22) return `${host}:${port}`;
  const plen = Math.min(port.length, 18);
  return `${host.slice(0, 22 - plen)}:${port.slice(0, plen)}`;
}

/** Names for one listing: caches host texts per address so that big tables resolve each once. */
export class InetNamer {
  private readonly v4 = new Map<number, string>();
  private readonly v6 = new Map<string, string>();
  /** Port texts per service table, indexed by port (65536 slots each, filled on demand). */
  private readonly ports: Record<ServiceProto, Array<string | undefined> | null> = {
    tcp: null,
    udp: null,
    raw: null,
  };

  constructor(
    readonly resolver: Resolver,
    /** Numeric host addresses. */
    readonly numericHosts: boolean,
    /** Numeric ports. */
    readonly numericPorts: boolean,
  ) {}

  /** Host text of a host-order IPv4 address (§2.4.1). */
  v4Host(addr: number): string {
    let t = this.v4.get(addr);
    if (t === undefined) {
      t = this.numericHosts ? formatIPv4(addr) : ipv4Name(addr, this.resolver, false);
      this.v4.set(addr, t);
    }
    return t;
  }

  /** Host text of a 16-byte IPv6 address (§2.4.2). */
  v6Host(addr: Uint8Array): string {
    if (this.numericHosts) return ipv6Name(addr, this.resolver, true);
    const key = formatIPv6(addr);
    let t = this.v6.get(key);
    if (t === undefined) {
      t = ipv6Name(addr, this.resolver, false);
      this.v6.set(key, t);
    }
    return t;
  }

  /** Port text (§2.4.3): `*` for 0, else the service name unless numeric, else decimal. */
  port(port: number, proto: ServiceProto): string {
    const p = port & 0xffff;
    let cache = this.ports[proto];
    if (cache === null) {
      cache = new Array<string | undefined>(65536).fill(undefined);
      this.ports[proto] = cache;
    }
    let t = cache[p];
    if (t === undefined) {
      t = p === 0 ? '*' : this.numericPorts ? String(p) : (this.resolver.service(p, proto) ?? String(p));
      cache[p] = t;
    }
    return t;
  }
}

/** Addresses whose host text would need a DNS answer (for `Resolver.prefetch`). */
export function dnsCandidates(
  v4: Iterable<number>,
  v6: Iterable<Uint8Array>,
): Array<{ addr: string; family: 4 | 6 }> {
  const out: Array<{ addr: string; family: 4 | 6 }> = [];
  const seen = new Set<string>();
  for (const a of v4) {
    if (a >>> 24 === 0) continue;
    const s = formatIPv4(a);
    if (!seen.has(s)) {
      seen.add(s);
      out.push({ addr: s, family: 4 });
    }
  }
  for (const b of v6) {
    let zero = true;
    for (let i = 0; i < 16; i++) if (b[i] !== 0) zero = false;
    if (zero) continue;
    const s = formatIPv6(b);
    if (!seen.has(s)) {
      seen.add(s);
      out.push({ addr: s, family: 6 });
    }
  }
  return out;
}
