import {
  type FamilyPlugin,
  formatIPv4,
  formatIPv6,
  type HostError,
  type NetstatOptions,
  type Output,
  type PluginContext,
  perror,
  type Section,
  type Table,
} from '@netstat-ts/core';
import { parseIpv6Route, RTF_CACHE } from './ipv6-route.js';
import { parseNdisc } from './ndisc.js';
import { parseProcNetRoute } from './proc-net-route.js';
import {
  formatIpv4Route,
  formatRtCacheRow,
  type Ipv4RouteRow,
  ipv4FibHeader,
  ipv4RouteRow,
  isHostRoute,
  type RtCacheRow,
  rtCacheHeader,
  rtCacheRow,
} from './render-inet.js';
import {
  formatIpv6Route,
  formatNdiscRow,
  IPV6_ROUTE_HEADER,
  type Ipv6RouteRow,
  ipv6RouteRow,
  type NdiscRow,
  ndiscHeader,
  ndiscRow,
} from './render-inet6.js';
import { parseRtCache } from './rt-cache.js';

/**
 * The "ext" level the route printers get (spec §5.1): the extend counter remapped (1 → 2,
 * 2 → 1) and masked with 3, so no `-e` → 2, `-e` → 1, `-ee` → 3, `-eee` → 0, …
 */
export function routeExt(extend: number): number {
  return (extend === 1 ? 2 : extend === 2 ? 1 : extend) & 3;
}

/** Routes are numeric with `-n`/`--numeric-hosts` or `-N`. */
export function routeNumeric(o: Pick<NetstatOptions, 'numericHosts' | 'symbolic'>): boolean {
  return o.numericHosts || o.symbolic;
}

function table<R>(family: string, name: string, source: string): Table<R> {
  return { kind: 'routes', family, name, sources: [source], present: false, rows: [], diagnostics: [] };
}

/** The section for a missing table file: perror on stderr, "not configured" on stdout, status 1. */
function missing(t: Table<object>, e: HostError, text: string): Section {
  t.diagnostics.push(
    { level: 'error', message: perror(e) },
    { level: 'error', message: text, stream: 'stdout' },
  );
  return {
    table: t,
    status: 1,
    write(out) {
      out.err(`${perror(e)}\n`);
      out.out(`${text}\n`);
    },
  };
}

function writeDiagnostics(out: Output, t: Table<object>): void {
  for (const d of t.diagnostics) {
    if (d.stream === 'stdout') out.out(`${d.message}\n`);
    else out.err(`${d.message}\n`);
  }
}

async function prefetch(ctx: PluginContext, v4: number[], v6: Uint8Array[] = []): Promise<void> {
  if (!ctx.resolver.dnsAllowed) return;
  const list: { addr: string; family: 4 | 6 }[] = [];
  for (const a of v4) if (a !== 0) list.push({ addr: formatIPv4(a), family: 4 });
  for (const a of v6) list.push({ addr: formatIPv6(a), family: 6 });
  await ctx.resolver.prefetch(list);
}

const V4_MISSING = 'INET (IPv4) not configured in this system.';
const V6_MISSING = 'INET6 (IPv6) not configured in this system.';

/** The IPv4 FIB section (spec §5.2). */
export async function ipv4FibSection(ctx: PluginContext, ext: number, numeric: boolean): Promise<Section> {
  const t = table<Ipv4RouteRow>('inet', 'route', '/proc/net/route');
  const f = ctx.host.read('/proc/net/route');
  if (!f.ok) return missing(t, f, V4_MISSING);
  const parsed = parseProcNetRoute(f.data);
  t.present = true;
  t.diagnostics = parsed.diagnostics;
  if (!numeric) {
    const hosts = parsed.records
      .filter((r) => r.destination !== 0 && isHostRoute(r))
      .map((r) => r.destination);
    await prefetch(ctx, [...hosts, ...parsed.records.map((r) => r.gateway)]);
  }
  for (const r of parsed.records) t.rows.push(ipv4RouteRow(r, ctx.resolver, numeric));
  const header = ipv4FibHeader(ext);
  return {
    table: t,
    status: parsed.ok ? 0 : 1,
    write(out) {
      out.out(`Kernel IP routing table\n${header === null ? '' : `${header}\n`}`);
      writeDiagnostics(out, t);
      if (header !== null) out.out(t.rows.map((row) => formatIpv4Route(row, ext)).join(''));
    },
  };
}

/** The IPv4 route cache section (spec §5.3). */
export async function ipv4CacheSection(ctx: PluginContext, ext: number, numeric: boolean): Promise<Section> {
  const t = table<RtCacheRow>('inet', 'rt_cache', '/proc/net/rt_cache');
  const f = ctx.host.read('/proc/net/rt_cache');
  if (!f.ok) return missing(t, f, V4_MISSING);
  const parsed = parseRtCache(f.data);
  t.present = true;
  t.diagnostics = parsed.diagnostics;
  const format = parsed.format;
  if (format !== null) {
    if (!numeric) {
      const addrs = parsed.records.flatMap((r) => [r.source, r.destination, r.gateway, r.specDst ?? 0]);
      await prefetch(
        ctx,
        addrs.filter((a) => a >>> 24 !== 0),
      );
    }
    for (const r of parsed.records) t.rows.push(rtCacheRow(r, format, ctx.resolver, numeric));
  }
  const header = rtCacheHeader(ext, format);
  if (parsed.empty) {
    return {
      table: t,
      status: 255,
      write(out) {
        out.out('Kernel IP routing cache\n');
        writeDiagnostics(out, t);
      },
    };
  }
  return {
    table: t,
    status: parsed.ok ? 0 : 1,
    write(out) {
      out.out('Kernel IP routing cache\n');
      const guess = t.diagnostics.filter((d) => d.stream === 'stdout');
      writeDiagnostics(out, { ...t, diagnostics: guess });
      if (header !== null) out.out(`${header}\n`);
      writeDiagnostics(out, { ...t, diagnostics: t.diagnostics.filter((d) => d.stream !== 'stdout') });
      if (header !== null && format !== null)
        out.out(t.rows.map((row) => formatRtCacheRow(row, ext, format)).join(''));
    },
  };
}

/** The IPv6 table section: FIB (non-cache entries) or cache (RTF_CACHE entries) (spec §5.4). */
export async function ipv6RouteSection(
  ctx: PluginContext,
  cache: boolean,
  numeric: boolean,
): Promise<Section> {
  const t = table<Ipv6RouteRow>('inet6', cache ? 'ipv6_route_cache' : 'ipv6_route', '/proc/net/ipv6_route');
  const f = ctx.host.read('/proc/net/ipv6_route');
  if (!f.ok) return missing(t, f, V6_MISSING);
  t.present = true;
  const records = parseIpv6Route(f.data).filter((r) => ((r.flagBits & RTF_CACHE) !== 0) === cache);
  if (!numeric)
    await prefetch(
      ctx,
      [],
      records.flatMap((r) => [r.destination, r.nextHop]),
    );
  for (const r of records) t.rows.push(ipv6RouteRow(r, ctx.resolver, numeric));
  return {
    table: t,
    status: 0,
    write(out) {
      out.out(`Kernel IPv6 routing ${cache ? 'cache' : 'table'}\n${IPV6_ROUTE_HEADER}\n`);
      out.out(t.rows.map(formatIpv6Route).join(''));
    },
  };
}

/** The IPv6 cache: the 2.2-era neighbour cache when /proc/net/ndisc exists, else RTF_CACHE routes (spec §5.5). */
export async function ipv6CacheSection(ctx: PluginContext, ext: number, numeric: boolean): Promise<Section> {
  const f = ctx.host.read('/proc/net/ndisc');
  if (!f.ok) return ipv6RouteSection(ctx, true, numeric);
  const t = table<NdiscRow>('inet6', 'ndisc', '/proc/net/ndisc');
  t.present = true;
  const records = parseNdisc(f.data);
  if (!numeric)
    await prefetch(
      ctx,
      [],
      records.map((r) => r.address),
    );
  for (const r of records) t.rows.push(ndiscRow(r, ctx.resolver, numeric));
  return {
    table: t,
    status: 0,
    write(out) {
      out.out(`Kernel IPv6 Neighbour Cache\n${ndiscHeader(ext)}\n`);
      out.out(t.rows.map((row) => formatNdiscRow(row, ext)).join(''));
    },
  };
}

/**
 * `netstat -r` for one family (`inet` or `inet6`): FIB and/or cache per `-F`/`-C` (neither →
 * FIB), in that order. A section with a non-zero status ends the listing (the CLI stops there).
 */
export async function routeSections(ctx: PluginContext, family: string): Promise<Section[]> {
  const o = ctx.options;
  const ext = routeExt(o.extend);
  const numeric = routeNumeric(o);
  const fib = o.fib || !o.cache;
  const out: Section[] = [];
  if (family === 'inet') {
    if (fib) out.push(await ipv4FibSection(ctx, ext, numeric));
    if (o.cache && out.every((s) => s.status === 0)) out.push(await ipv4CacheSection(ctx, ext, numeric));
  } else if (family === 'inet6') {
    if (fib) out.push(await ipv6RouteSection(ctx, false, numeric));
    if (o.cache && out.every((s) => s.status === 0)) out.push(await ipv6CacheSection(ctx, ext, numeric));
  }
  return out;
}

/** The `@netstat-ts/routing` plugin: IPv4 and IPv6 routing tables and caches (`-r`). */
const plugin: FamilyPlugin = {
  apiVersion: 1,
  meta: { name: '@netstat-ts/routing', version: '0.1.0' },
  families: { inet: { title: 'DARPA Internet' }, inet6: { title: 'IPv6' } },
  routes: routeSections,
};

export default plugin;
