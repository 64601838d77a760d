import { join } from 'node:path';
import { createContext, type NetstatOptions, type Section } from '@netstat-ts/core';
import { expectRowKeys, FIXTURES, type RowKeys } from '@netstat-ts/test-support';
import { describe, expect, expectTypeOf, it } from 'vitest';
import plugin, {
  type NetromRouteRow,
  type NetromSocketRow,
  netromRoutes,
  netromSockets,
} from '../src/index.js';

// Every key of each row type (the compiler checks each list against its type).
const SOCKET_KEYS = {
  line: 'required',
  user: 'required',
  dest: 'required',
  source: 'required',
  device: 'required',
  state: 'required',
  vs: 'required',
  vr: 'required',
  sendQ: 'required',
  recvQ: 'required',
  stateName: 'required',
  vrVs: 'required',
} as const satisfies RowKeys<NetromSocketRow>;
const ROUTE_KEYS = {
  line: 'required',
  callsign: 'required',
  mnemonic: 'required',
  which: 'required',
  quality: 'required',
  neighbourNumber: 'required',
  neighbour: 'required',
} as const satisfies RowKeys<NetromRouteRow>;

/** Fixture roots holding netrom tables (between them, rows with every key). */
const FIXTURE_ROOTS = ['genproc-s4-all'].map((f) => join(FIXTURES, f, 'root'));
const OPTIONS: Partial<NetstatOptions>[] = [
  { all: true },
  { all: true, extend: 2, programs: true, numericUsers: true },
];

describe('typed netrom rows', () => {
  it('the plugin gives Section<NetromSocketRow> and Section<NetromRouteRow> without a cast', async () => {
    const ctx = createContext({ root: FIXTURE_ROOTS[0]!, options: { all: true } });
    const sockets = await plugin.sockets(ctx);
    expectTypeOf(sockets).toEqualTypeOf<Section<NetromSocketRow>[]>();
    expectTypeOf(await plugin.routes(ctx, 'netrom')).toEqualTypeOf<Section<NetromRouteRow>[]>();
    expectTypeOf(netromSockets).returns.resolves.toEqualTypeOf<Section<NetromSocketRow>[]>();
    expectTypeOf(netromRoutes).returns.resolves.toEqualTypeOf<Section<NetromRouteRow>[]>();
    const rows = sockets.flatMap((s) => s.table?.rows ?? []);
    expectTypeOf(rows).toEqualTypeOf<NetromSocketRow[]>();
    for (const r of rows) expect(typeof r.vrVs).toBe('string');
  });

  it('JSON rows have exactly the keys their row type declares (every key seen)', () =>
    expectRowKeys(FIXTURE_ROOTS, OPTIONS, [
      { name: 'nr', keys: SOCKET_KEYS, read: (ctx) => plugin.sockets(ctx) },
      { name: 'nr_nodes', keys: ROUTE_KEYS, read: (ctx) => plugin.routes(ctx, 'netrom') },
    ]));
});
