import { join } from 'node:path';
import { createContext, type NetstatOptions, type Section } from '@netstat-ts/core';
import { expectRowKeys, FIXTURES, type RowKeys } from '@netstat-ts/test-support';
import { describe, expect, expectTypeOf, it } from 'vitest';
import plugin, { type Ax25RouteRow, type Ax25SocketRow, ax25Routes, ax25Sockets } from '../src/index.js';

// Every key of each row type (the compiler checks each list against its type).
const SOCKET_KEYS = {
  line: 'required',
  format: 'required',
  dest: 'required',
  digipeaters: 'required',
  source: 'required',
  device: 'required',
  state: 'required',
  vs: 'required',
  vr: 'required',
  sendQ: 'required',
  recvQ: 'required',
  stateName: 'required',
  vrVs: 'required',
} as const satisfies RowKeys<Ax25SocketRow>;
const ROUTE_KEYS = {
  line: 'required',
  callsign: 'required',
  iface: 'required',
  use: 'required',
} as const satisfies RowKeys<Ax25RouteRow>;

/** Fixture roots holding ax25 tables (between them, rows with every key). */
const FIXTURE_ROOTS = ['genproc-s4-all'].map((f) => join(FIXTURES, f, 'root'));
const OPTIONS: Partial<NetstatOptions>[] = [
  { all: true },
  { all: true, extend: 2, programs: true, numericUsers: true },
];

describe('typed ax25 rows', () => {
  it('the plugin gives Section<Ax25SocketRow> and Section<Ax25RouteRow> without a cast', async () => {
    const ctx = createContext({ root: FIXTURE_ROOTS[0]!, options: { all: true } });
    const sockets = await plugin.sockets(ctx);
    expectTypeOf(sockets).toEqualTypeOf<Section<Ax25SocketRow>[]>();
    expectTypeOf(await plugin.routes(ctx, 'ax25')).toEqualTypeOf<Section<Ax25RouteRow>[]>();
    expectTypeOf(ax25Sockets).returns.resolves.toEqualTypeOf<Section<Ax25SocketRow>[]>();
    expectTypeOf(ax25Routes).returns.resolves.toEqualTypeOf<Section<Ax25RouteRow>[]>();
    const rows = sockets.flatMap((s) => s.table?.rows ?? []);
    expectTypeOf(rows).toEqualTypeOf<Ax25SocketRow[]>();
    for (const r of rows) expect(typeof r.vrVs).toBe('string');
  });

  it('JSON rows have exactly the keys their row type declares (every key seen)', () =>
    expectRowKeys(FIXTURE_ROOTS, OPTIONS, [
      { name: 'ax25', keys: SOCKET_KEYS, read: (ctx) => plugin.sockets(ctx) },
      { name: 'ax25_route', keys: ROUTE_KEYS, read: (ctx) => plugin.routes(ctx, 'ax25') },
    ]));
});
