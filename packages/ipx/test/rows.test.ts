import { join } from 'node:path';
import { createContext, type NetstatOptions, type Section } from '@netstat-ts/core';
import { expectRowKeys, FIXTURES, type RowKeys } from '@netstat-ts/test-support';
import { describe, expect, expectTypeOf, it } from 'vitest';
import plugin, { type IpxRouteRow, type IpxSocketRow, ipxRoutes, ipxSockets } from '../src/index.js';

// Every key of each row type (the compiler checks each list against its type).
const SOCKET_KEYS = {
  line: 'required',
  local: 'required',
  remote: 'required',
  txQueue: 'required',
  rxQueue: 'required',
  recvQ: 'required',
  sendQ: 'required',
  state: 'required',
  uid: 'required',
  stateName: 'required',
  remoteText: 'required',
  user: 'optional',
} as const satisfies RowKeys<IpxSocketRow>;
const ROUTE_KEYS = {
  line: 'required',
  destination: 'required',
  destinationText: 'required',
  routerNet: 'required',
  routerNetText: 'required',
  routerNode: 'required',
  routerNodeText: 'required',
} as const satisfies RowKeys<IpxRouteRow>;

/** Fixture roots holding ipx tables (between them, rows with every key). */
const FIXTURE_ROOTS = ['genproc-s4-all', 'ipx-edge'].map((f) => join(FIXTURES, f, 'root'));
const OPTIONS: Partial<NetstatOptions>[] = [
  { all: true },
  { all: true, extend: 2, programs: true, numericUsers: true },
];

describe('typed ipx rows', () => {
  it('the plugin gives Section<IpxSocketRow> and Section<IpxRouteRow> without a cast', async () => {
    const ctx = createContext({ root: FIXTURE_ROOTS[0]!, options: { all: true } });
    const sockets = await plugin.sockets(ctx);
    expectTypeOf(sockets).toEqualTypeOf<Section<IpxSocketRow>[]>();
    expectTypeOf(await plugin.routes(ctx, 'ipx')).toEqualTypeOf<Section<IpxRouteRow>[]>();
    expectTypeOf(ipxSockets).returns.resolves.toEqualTypeOf<Section<IpxSocketRow>[]>();
    expectTypeOf(ipxRoutes).returns.resolves.toEqualTypeOf<Section<IpxRouteRow>[]>();
    const rows = sockets.flatMap((s) => s.table?.rows ?? []);
    expectTypeOf(rows).toEqualTypeOf<IpxSocketRow[]>();
    for (const r of rows) expect(typeof r.local.text).toBe('string');
  });

  it('JSON rows have exactly the keys their row type declares (every key seen)', () =>
    expectRowKeys(FIXTURE_ROOTS, OPTIONS, [
      { name: 'ipx', keys: SOCKET_KEYS, read: (ctx) => plugin.sockets(ctx) },
      { name: 'route', keys: ROUTE_KEYS, read: (ctx) => plugin.routes(ctx, 'ipx') },
    ]));
});
