import { join } from 'node:path';
import { createContext, type NetstatOptions, type Section } from '@netstat-ts/core';
import { expectRowKeys, FIXTURES, type RowKeys } from '@netstat-ts/test-support';
import { describe, expect, expectTypeOf, it } from 'vitest';
import plugin, { type DdpRouteRow, type DdpSocketRow, ddpRoutes, ddpSockets } from '../src/index.js';

// Every key of each row type (the compiler checks each list against its type).
const SOCKET_KEYS = {
  line: 'required',
  type: 'required',
  local: 'required',
  remote: 'required',
  sendQ: 'required',
  recvQ: 'required',
  state: 'required',
  uid: 'required',
  typeName: 'required',
  stateName: 'required',
  remoteText: 'required',
  user: 'optional',
  program: 'optional',
} as const satisfies RowKeys<DdpSocketRow>;
const ROUTE_KEYS = {
  line: 'required',
  target: 'required',
  router: 'required',
  flags: 'required',
  flagsText: 'required',
  device: 'required',
} as const satisfies RowKeys<DdpRouteRow>;

/** Fixture roots holding ddp tables (between them, rows with every key). */
const FIXTURE_ROOTS = ['genproc-s4-all', 'genproc-s2'].map((f) => join(FIXTURES, f, 'root'));
const OPTIONS: Partial<NetstatOptions>[] = [
  { all: true },
  { all: true, extend: 2, programs: true, numericUsers: true },
];

describe('typed ddp rows', () => {
  it('the plugin gives Section<DdpSocketRow> and Section<DdpRouteRow> without a cast', async () => {
    const ctx = createContext({ root: FIXTURE_ROOTS[0]!, options: { all: true } });
    const sockets = await plugin.sockets(ctx);
    expectTypeOf(sockets).toEqualTypeOf<Section<DdpSocketRow>[]>();
    expectTypeOf(await plugin.routes(ctx, 'ddp')).toEqualTypeOf<Section<DdpRouteRow>[]>();
    expectTypeOf(ddpSockets).returns.resolves.toEqualTypeOf<Section<DdpSocketRow>[]>();
    expectTypeOf(ddpRoutes).returns.resolves.toEqualTypeOf<Section<DdpRouteRow>[]>();
    const rows = sockets.flatMap((s) => s.table?.rows ?? []);
    expectTypeOf(rows).toEqualTypeOf<DdpSocketRow[]>();
    for (const r of rows) expect(typeof r.typeName).toBe('string');
  });

  it('JSON rows have exactly the keys their row type declares (every key seen)', () =>
    expectRowKeys(FIXTURE_ROOTS, OPTIONS, [
      { name: 'appletalk', keys: SOCKET_KEYS, read: (ctx) => plugin.sockets(ctx) },
      { name: 'atalk_route', keys: ROUTE_KEYS, read: (ctx) => plugin.routes(ctx, 'ddp') },
    ]));
});
