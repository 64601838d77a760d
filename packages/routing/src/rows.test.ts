import { join } from 'node:path';
import { createContext, type Section } from '@netstat-ts/core';
import { FIXTURES, keysSeen, type RowKeys, rowKeyProblems } from '@netstat-ts/test-support';
import { describe, expect, expectTypeOf, it } from 'vitest';
import plugin, {
  type Inet6RouteRow,
  type InetRouteRow,
  type Ipv4RouteRow,
  type Ipv6RouteRow,
  ipv4FibSection,
  type NdiscRow,
  type RouteRow,
  type RtCacheRow,
  routeSections,
} from './index.js';

// Every key of each row type (the compiler checks each list against its type).
const IPV4_ROUTE = {
  destination: 'required',
  gateway: 'required',
  genmask: 'required',
  flags: 'required',
  flagBits: 'required',
  metric: 'required',
  ref: 'required',
  use: 'required',
  iface: 'required',
  mss: 'required',
  window: 'required',
  irtt: 'required',
  destinationName: 'required',
  gatewayName: 'required',
} as const satisfies RowKeys<Ipv4RouteRow>;
const RT_CACHE = {
  source: 'required',
  destination: 'required',
  gateway: 'required',
  flags: 'required',
  flagBits: 'required',
  metric: 'required',
  ref: 'required',
  use: 'required',
  iface: 'required',
  mss: 'required',
  window: 'required',
  irtt: 'required',
  tos: 'optional',
  hhRef: 'optional',
  hhUptodate: 'optional',
  specDst: 'optional',
  hh: 'optional',
  arp: 'optional',
  sourceName: 'required',
  destinationName: 'required',
  gatewayName: 'required',
  specDstName: 'optional',
} as const satisfies RowKeys<RtCacheRow>;
const IPV6_ROUTE = {
  destination: 'required',
  prefixLength: 'required',
  source: 'required',
  sourcePrefixLength: 'required',
  nextHop: 'required',
  flags: 'required',
  flagBits: 'required',
  metric: 'required',
  ref: 'required',
  use: 'required',
  iface: 'required',
  destinationName: 'required',
  nextHopName: 'required',
} as const satisfies RowKeys<Ipv6RouteRow>;
const NDISC = {
  address: 'required',
  prefixLength: 'required',
  addressName: 'required',
  mac: 'required',
  iface: 'required',
  flags: 'required',
  ndFlags: 'required',
  ref: 'required',
  state: 'required',
  stateBits: 'required',
  staleSeconds: 'required',
  deleteSeconds: 'required',
} as const satisfies RowKeys<NdiscRow>;
const KEYS: Record<string, Record<string, 'optional' | 'required'>> = {
  route: IPV4_ROUTE,
  rt_cache: RT_CACHE,
  ipv6_route: IPV6_ROUTE,
  ipv6_route_cache: IPV6_ROUTE,
  ndisc: NDISC,
};

const ctxOf = (fixture: string, fib = true) =>
  createContext({ root: join(FIXTURES, fixture, 'root'), options: { numericHosts: true, fib, cache: true } });

describe('typed routing rows', () => {
  it('the plugin gives rows typed by family, without a cast', async () => {
    const ctx = ctxOf('genproc-s4-all');
    const v4 = await plugin.routes(ctx, 'inet');
    expectTypeOf(v4).toEqualTypeOf<Section<InetRouteRow>[]>();
    expectTypeOf(await plugin.routes(ctx, 'inet6')).toEqualTypeOf<Section<Inet6RouteRow>[]>();
    expectTypeOf(await routeSections(ctx, 'x' as string)).toEqualTypeOf<Section<RouteRow>[]>();
    expectTypeOf(ipv4FibSection).returns.resolves.toEqualTypeOf<Section<Ipv4RouteRow>>();
    const fib = v4[0]!.table!.rows;
    // Fields common to the FIB and the cache need no narrowing; 'sourceName' in row tells the cache.
    expect(fib.map((r) => r.iface)).toContain('eth0');
    const cache = v4[1]!.table!.rows.filter((r) => 'sourceName' in r);
    expectTypeOf(cache).toEqualTypeOf<RtCacheRow[]>();
    expect(cache.length).toBe(v4[1]!.table!.rows.length);
    expect(cache.length).toBeGreaterThan(0);
  });

  it('JSON rows have exactly the keys their row type declares (every key seen)', async () => {
    const seen = new Map<string, object[]>();
    // routing-legacy: a 2.0-layout rt_cache and a 2.2-era ndisc, without an ipv6_route (so -C only).
    for (const [fixture, fib] of [
      ['genproc-s4-all', true],
      ['routing-legacy', false],
    ] as const)
      for (const family of ['inet', 'inet6'] as const)
        for (const s of await plugin.routes(ctxOf(fixture, fib), family)) {
          const t = s.table!;
          const keys = KEYS[t.name]!;
          for (const row of t.rows) expect(rowKeyProblems(row, keys), `${t.name}`).toEqual([]);
          seen.set(t.name, [...(seen.get(t.name) ?? []), ...t.rows]);
        }
    expect([...seen.keys()].sort()).toEqual(['ipv6_route', 'ipv6_route_cache', 'ndisc', 'route', 'rt_cache']);
    for (const [name, rows] of seen) expect(keysSeen(rows), name).toEqual(Object.keys(KEYS[name]!).sort());
  });
});
