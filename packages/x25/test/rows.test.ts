import { join } from 'node:path';
import { createContext, type NetstatOptions, type Section } from '@netstat-ts/core';
import { expectRowKeys, FIXTURES, type RowKeys } from '@netstat-ts/test-support';
import { describe, expect, expectTypeOf, it } from 'vitest';
import plugin, { type X25RouteRow, type X25SocketRow, x25Routes, x25Sockets } from '../src/index.js';

// Every key of each row type (the compiler checks each list against its type).
const SOCKET_KEYS = {
  line: 'required',
  dest: 'required',
  source: 'required',
  device: 'required',
  lci: 'required',
  state: 'required',
  stateName: 'required',
  vs: 'required',
  vr: 'required',
  va: 'required',
  sendQ: 'required',
  recvQ: 'required',
  inode: 'required',
  exact: 'required',
  shown: 'required',
  shownLci: 'required',
} as const satisfies RowKeys<X25SocketRow>;
const ROUTE_KEYS = {
  line: 'required',
  address: 'required',
  digitsRaw: 'required',
  digits: 'required',
  device: 'required',
  destination: 'required',
} as const satisfies RowKeys<X25RouteRow>;

/** Fixture roots holding x25 tables (between them, rows with every key). */
const FIXTURE_ROOTS = ['genproc-s4-all', 'genproc-s5-all-24', 'x25-edge'].map((f) =>
  join(FIXTURES, f, 'root'),
);
const OPTIONS: Partial<NetstatOptions>[] = [
  { all: true },
  { all: true, extend: 2, programs: true, numericUsers: true },
];

describe('typed x25 rows', () => {
  it('the plugin gives Section<X25SocketRow> and Section<X25RouteRow> without a cast', async () => {
    const ctx = createContext({ root: FIXTURE_ROOTS[0]!, options: { all: true } });
    const sockets = await plugin.sockets(ctx);
    expectTypeOf(sockets).toEqualTypeOf<Section<X25SocketRow>[]>();
    expectTypeOf(await plugin.routes(ctx, 'x25')).toEqualTypeOf<Section<X25RouteRow>[]>();
    expectTypeOf(x25Sockets).returns.resolves.toEqualTypeOf<Section<X25SocketRow>[]>();
    expectTypeOf(x25Routes).returns.resolves.toEqualTypeOf<Section<X25RouteRow>[]>();
    const rows = sockets.flatMap((s) => s.table?.rows ?? []);
    expectTypeOf(rows).toEqualTypeOf<X25SocketRow[]>();
    for (const r of rows) expect(typeof r.shown.dest).toBe('string');
  });

  it('JSON rows have exactly the keys their row type declares (every key seen)', () =>
    expectRowKeys(FIXTURE_ROOTS, OPTIONS, [
      { name: 'x25', keys: SOCKET_KEYS, read: (ctx) => plugin.sockets(ctx) },
      { name: 'route', keys: ROUTE_KEYS, read: (ctx) => plugin.routes(ctx, 'x25') },
    ]));
});
