import {
  defineRowStream,
  type FamilyPlugin,
  formatIPv4,
  formatIPv6,
  type HostError,
  type NetstatOptions,
  type Output,
  type PluginContext,
  perror,
  type Section,
  streamPieces,
  type Table,
} from '@netstat-ts/core';
import { type Ipv6RouteCursor, ipv6RouteRecord, RTF_CACHE, scanIpv6Route } from './ipv6-route.js';
import { scanNdisc } from './ndisc.js';
import { ROUTE_LINE_BUFFER } from './proc-fmt.js';
import { ipv4RouteRecord, procNetRouteHeader, scanProcNetRoute } from './proc-net-route.js';
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
import { ipv4NumericRowWriter, ipv6NumericRowWriter, rtCacheNumericRowWriter } from './route-writer.js';
import { rtCacheRecord, scanRtCache } from './rt-cache.js';
import type { PieceFeed } from './scan.js';

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
function missing<R extends object>(t: Table<R>, e: HostError, text: string): Section<R> {
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

/** Writes diagnostics (those marked `stdout` to stdout). Takes no table: spreading one would build its lazy rows. */
function writeDiagnostics(out: Output, t: Pick<Table<object>, 'diagnostics'>): void {
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

/**
 * Opens a route table for streaming: the open is checked now, the bytes are read piece by piece
 * at each pass (constant memory, any size); `head` is the first fgets piece's bytes (the header
 * line of the files that have one). A read that fails midway ends the pass there.
 */
function openTable(ctx: PluginContext, path: string): { feed: PieceFeed; head: Buffer } | HostError {
  const e = ctx.host.probe(path);
  if (e !== null) return e;
  const h = ctx.host.read(path, { max: ROUTE_LINE_BUFFER - 1 });
  return {
    head: h.ok ? h.data : Buffer.alloc(0),
    feed: (max, each) => {
      streamPieces(ctx.host, path, max, each);
    },
  };
}

/**
 * Defines `table.rows` as built on first access (library use), not for the text, and the row
 * stream JSON writes them from one at a time (`defineRowStream`). `each` hands over every row.
 */
function lazyRows<R>(t: Table<R>, each: (fn: (row: R) => void) => void): void {
  let rows: R[] | undefined;
  Object.defineProperty(t, 'rows', {
    enumerable: true,
    configurable: true,
    get: () => {
      if (rows === undefined) {
        const all: R[] = [];
        each((r) => all.push(r));
        rows = all;
      }
      return rows;
    },
  });
  defineRowStream(t, (fn) => {
    if (rows !== undefined) for (const r of rows) fn(r);
    else each(fn);
  });
}

/**
 * The IPv4 FIB section (spec §5.2). The file is streamed: the text is written route by route
 * (as bytes for `-rn`), and rows are built only when `table.rows` is read.
 */
export async function ipv4FibSection(
  ctx: PluginContext,
  ext: number,
  numeric: boolean,
): Promise<Section<Ipv4RouteRow>> {
  const t = table<Ipv4RouteRow>('inet', 'route', '/proc/net/route');
  const f = openTable(ctx, '/proc/net/route');
  if (!('feed' in f)) return missing(t, f, V4_MISSING);
  const data = f.feed;
  const head = procNetRouteHeader(f.head);
  t.present = true;
  t.diagnostics = head.diagnostics;
  if (!numeric && head.ok) {
    const addrs: number[] = [];
    scanProcNetRoute(
      data,
      (r) => {
        if (r.destination !== 0 && isHostRoute(r)) addrs.push(r.destination);
      },
      head,
    );
    scanProcNetRoute(data, (r) => addrs.push(r.gateway), head);
    await prefetch(ctx, addrs);
  }
  const resolver = ctx.resolver;
  lazyRows<Ipv4RouteRow>(t, (fn) => {
    scanProcNetRoute(data, (r) => fn(ipv4RouteRow(ipv4RouteRecord(r), resolver, numeric)), head);
  });
  const header = ipv4FibHeader(ext);
  return {
    table: t,
    status: head.ok ? 0 : 1,
    write(out) {
      out.out(`Kernel IP routing table\n${header === null ? '' : `${header}\n`}`);
      writeDiagnostics(out, t);
      if (header === null) return;
      const w = out.bytes;
      if (w && numeric && (ext === 2 || ext === 1)) {
        const row = ipv4NumericRowWriter(ext);
        scanProcNetRoute(data, (r) => row(r, w), head);
        return;
      }
      let chunk = '';
      scanProcNetRoute(
        data,
        (r) => {
          chunk += formatIpv4Route(ipv4RouteRow(ipv4RouteRecord(r), resolver, numeric), ext);
          if (chunk.length > 65536) {
            out.out(chunk);
            chunk = '';
          }
        },
        head,
      );
      if (chunk) out.out(chunk);
    },
  };
}

/** The IPv4 route cache section (spec §5.3), streamed like {@link ipv4FibSection}. */
export async function ipv4CacheSection(
  ctx: PluginContext,
  ext: number,
  numeric: boolean,
): Promise<Section<RtCacheRow>> {
  const t = table<RtCacheRow>('inet', 'rt_cache', '/proc/net/rt_cache');
  const f = openTable(ctx, '/proc/net/rt_cache');
  if (!('feed' in f)) return missing(t, f, V4_MISSING);
  const data = f.feed;
  // The header decides the format and the diagnostics; names need a pass over the entries.
  const nl = f.head.indexOf(10);
  const parsed = scanRtCache(nl < 0 ? f.head : f.head.subarray(0, nl + 1), () => {});
  const addrs: number[] = [];
  t.present = true;
  t.diagnostics = parsed.diagnostics;
  const format = parsed.format;
  const resolver = ctx.resolver;
  if (format !== null) {
    if (!numeric) {
      scanRtCache(data, (r) => {
        addrs.push(r.source, r.destination, r.gateway, format === '2.2' ? r.specDst : 0);
      });
      await prefetch(
        ctx,
        addrs.filter((a) => a >>> 24 !== 0),
      );
    }
    lazyRows<RtCacheRow>(t, (fn) => {
      scanRtCache(data, (r) => fn(rtCacheRow(rtCacheRecord(r, format), format, resolver, numeric)));
    });
  }
  addrs.length = 0;
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
      writeDiagnostics(out, { diagnostics: guess });
      if (header !== null) out.out(`${header}\n`);
      writeDiagnostics(out, { diagnostics: t.diagnostics.filter((d) => d.stream !== 'stdout') });
      if (header === null || format === null) return;
      const w = out.bytes;
      if (w && numeric && (ext === 1 || ext === 2)) {
        const row = rtCacheNumericRowWriter(ext, format);
        scanRtCache(data, (r) => row(r, w));
        return;
      }
      let chunk = '';
      scanRtCache(data, (r) => {
        chunk += formatRtCacheRow(
          rtCacheRow(rtCacheRecord(r, format), format, resolver, numeric),
          ext,
          format,
        );
        if (chunk.length > 65536) {
          out.out(chunk);
          chunk = '';
        }
      });
      if (chunk) out.out(chunk);
    },
  };
}

/**
 * The IPv6 table section: FIB (non-cache entries) or cache (RTF_CACHE entries) (spec §5.4).
 * Streamed like {@link ipv4FibSection}.
 */
export async function ipv6RouteSection(
  ctx: PluginContext,
  cache: boolean,
  numeric: boolean,
): Promise<Section<Ipv6RouteRow>> {
  const t = table<Ipv6RouteRow>('inet6', cache ? 'ipv6_route_cache' : 'ipv6_route', '/proc/net/ipv6_route');
  const f = openTable(ctx, '/proc/net/ipv6_route');
  if (!('feed' in f)) return missing(t, f, V6_MISSING);
  t.present = true;
  const data = f.feed;
  const shown = (r: Ipv6RouteCursor) => ((r.flagBits & RTF_CACHE) !== 0) === cache;
  if (!numeric) {
    const addrs: Uint8Array[] = [];
    scanIpv6Route(data, (r) => {
      if (shown(r)) addrs.push(r.destination.slice(), r.nextHop.slice());
    });
    await prefetch(ctx, [], addrs);
  }
  const resolver = ctx.resolver;
  const each = (fn: (r: Ipv6RouteCursor) => void) =>
    scanIpv6Route(data, (r) => {
      if (shown(r)) fn(r);
    });
  lazyRows<Ipv6RouteRow>(t, (fn) => {
    each((r) => fn(ipv6RouteRow(ipv6RouteRecord(r), resolver, numeric)));
  });
  return {
    table: t,
    status: 0,
    write(out) {
      out.out(`Kernel IPv6 routing ${cache ? 'cache' : 'table'}\n${IPV6_ROUTE_HEADER}\n`);
      const w = out.bytes;
      const row = w && numeric ? ipv6NumericRowWriter() : null;
      let chunk = '';
      each((r) => {
        if (row !== null && w !== undefined) {
          if (row(r, w)) return;
          if (chunk) out.out(chunk);
          chunk = '';
        }
        chunk += formatIpv6Route(ipv6RouteRow(ipv6RouteRecord(r), resolver, numeric));
        if (row !== null || chunk.length > 65536) {
          out.out(chunk);
          chunk = '';
        }
      });
      if (chunk) out.out(chunk);
    },
  };
}

/** The IPv6 cache: the 2.2-era neighbour cache when /proc/net/ndisc exists, else RTF_CACHE routes (spec §5.5). */
export async function ipv6CacheSection(
  ctx: PluginContext,
  ext: number,
  numeric: boolean,
): Promise<Section<Inet6RouteRow>> {
  // Streamed at every pass, never read whole (a file that cannot be opened: the RTF_CACHE routes).
  if (ctx.host.probe('/proc/net/ndisc') !== null) return ipv6RouteSection(ctx, true, numeric);
  const t = table<NdiscRow>('inet6', 'ndisc', '/proc/net/ndisc');
  t.present = true;
  const data: PieceFeed = (max, each) => {
    streamPieces(ctx.host, '/proc/net/ndisc', max, each);
  };
  if (!numeric && ctx.resolver.dnsAllowed) {
    const addrs: Uint8Array[] = [];
    scanNdisc(data, (r) => addrs.push(r.address));
    await prefetch(ctx, [], addrs);
  }
  const resolver = ctx.resolver;
  lazyRows<NdiscRow>(t, (fn) => {
    scanNdisc(data, (r) => fn(ndiscRow(r, resolver, numeric)));
  });
  return {
    table: t,
    status: 0,
    write(out) {
      out.out(`Kernel IPv6 Neighbour Cache\n${ndiscHeader(ext)}\n`);
      let chunk = '';
      scanNdisc(data, (r) => {
        chunk += formatNdiscRow(ndiscRow(r, resolver, numeric), ext);
        if (chunk.length > 65536) {
          out.out(chunk);
          chunk = '';
        }
      });
      if (chunk) out.out(chunk);
    },
  };
}

/** A row of an IPv4 routing table: the FIB (`route`) or the route cache (`rt_cache`, has `sourceName`). */
export type InetRouteRow = Ipv4RouteRow | RtCacheRow;

/** A row of an IPv6 routing table: routes (`ipv6_route`, `ipv6_route_cache`) or the 2.2-era neighbour cache (`ndisc`, has `mac`). */
export type Inet6RouteRow = Ipv6RouteRow | NdiscRow;

/** A row of any table of `netstat -r` this package prints. */
export type RouteRow = InetRouteRow | Inet6RouteRow;

/**
 * `netstat -r` for one family (`inet` or `inet6`): FIB and/or cache per `-F`/`-C` (neither →
 * FIB), in that order. A section with a non-zero status ends the listing (the CLI stops there).
 * The rows are typed by the family: `'inet'` gives {@link InetRouteRow}s, `'inet6'`
 * {@link Inet6RouteRow}s (narrow a union with `'sourceName' in row`, `'mac' in row`).
 */
export function routeSections(ctx: PluginContext, family: 'inet'): Promise<Section<InetRouteRow>[]>;
export function routeSections(ctx: PluginContext, family: 'inet6'): Promise<Section<Inet6RouteRow>[]>;
export function routeSections(ctx: PluginContext, family: string): Promise<Section<RouteRow>[]>;
export async function routeSections(ctx: PluginContext, family: string): Promise<Section<RouteRow>[]> {
  const o = ctx.options;
  const ext = routeExt(o.extend);
  const numeric = routeNumeric(o);
  const fib = o.fib || !o.cache;
  const out: Section<RouteRow>[] = [];
  if (family === 'inet') {
    if (fib) out.push(await ipv4FibSection(ctx, ext, numeric));
    if (o.cache && out.every((s) => s.status === 0)) out.push(await ipv4CacheSection(ctx, ext, numeric));
  } else if (family === 'inet6') {
    if (fib) out.push(await ipv6RouteSection(ctx, false, numeric));
    if (o.cache && out.every((s) => s.status === 0)) out.push(await ipv6CacheSection(ctx, ext, numeric));
  }
  return out;
}

/**
 * The `@netstat-ts/routing` plugin: IPv4 and IPv6 routing tables and caches (`-r`). Typed
 * precisely (`satisfies FamilyPlugin`): `plugin.routes(ctx, 'inet')` gives
 * `Section<InetRouteRow>[]`, `plugin.routes(ctx, 'inet6')` `Section<Inet6RouteRow>[]`.
 */
const plugin = {
  apiVersion: 1,
  meta: { name: '@netstat-ts/routing', version: '0.1.0' },
  families: { inet: { title: 'DARPA Internet' }, inet6: { title: 'IPv6' } },
  routes: routeSections,
} satisfies FamilyPlugin;

export default plugin;
