import { join } from 'node:path';
import { createContext, type NetstatOptions, type Section } from '@netstat-ts/core';
import { expectRowKeys, FIXTURES, type RowKeys } from '@netstat-ts/test-support';
import { describe, expect, expectTypeOf, it } from 'vitest';
import plugin, { type RoseRouteRow, type RoseSocketRow, roseRoutes, roseSockets } from '../src/index.js';

// Every key of each row type (the compiler checks each list against its type).
const SOCKET_KEYS = {
  line: 'required',
  destAddr: 'required',
  destCall: 'required',
  srcAddr: 'required',
  srcCall: 'required',
  device: 'required',
  lci: 'required',
  neigh: 'required',
  state: 'required',
  stateName: 'required',
} as const satisfies RowKeys<RoseSocketRow>;
const ROUTE_KEYS = {
  line: 'required',
  address: 'required',
  count: 'required',
  neighbourNumbers: 'required',
  neighbours: 'required',
} as const satisfies RowKeys<RoseRouteRow>;

/** Fixture roots holding rose tables (between them, rows with every key). */
const FIXTURE_ROOTS = ['genproc-s4-all'].map((f) => join(FIXTURES, f, 'root'));
const OPTIONS: Partial<NetstatOptions>[] = [
  { all: true },
  { all: true, extend: 2, programs: true, numericUsers: true },
];

describe('typed rose rows', () => {
  it('the plugin gives Section<RoseSocketRow> and Section<RoseRouteRow> without a cast', async () => {
    const ctx = createContext({ root: FIXTURE_ROOTS[0]!, options: { all: true } });
    const sockets = await plugin.sockets(ctx);
    expectTypeOf(sockets).toEqualTypeOf<Section<RoseSocketRow>[]>();
    expectTypeOf(await plugin.routes(ctx, 'rose')).toEqualTypeOf<Section<RoseRouteRow>[]>();
    expectTypeOf(roseSockets).returns.resolves.toEqualTypeOf<Section<RoseSocketRow>[]>();
    expectTypeOf(roseRoutes).returns.resolves.toEqualTypeOf<Section<RoseRouteRow>[]>();
    const rows = sockets.flatMap((s) => s.table?.rows ?? []);
    expectTypeOf(rows).toEqualTypeOf<RoseSocketRow[]>();
    for (const r of rows) expect(typeof r.stateName).toBe('string');
  });

  it('JSON rows have exactly the keys their row type declares (every key seen)', () =>
    expectRowKeys(FIXTURE_ROOTS, OPTIONS, [
      { name: 'rose', keys: SOCKET_KEYS, read: (ctx) => plugin.sockets(ctx) },
      { name: 'rose_nodes', keys: ROUTE_KEYS, read: (ctx) => plugin.routes(ctx, 'rose') },
    ]));
});
