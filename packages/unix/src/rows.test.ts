import { join } from 'node:path';
import { createContext, type Section } from '@netstat-ts/core';
import { makeRoot } from '@netstat-ts/core/testing';
import { FIXTURES, keysSeen, type RowKeys, rowKeyProblems } from '@netstat-ts/test-support';
import { describe, expect, expectTypeOf, it } from 'vitest';
import plugin, { type UnixSocketRow, unixSockets } from './index.js';

/** Every key of UnixSocketRow (the compiler checks the list against the type). */
const UNIX_KEYS = {
  line: 'required',
  address: 'required',
  refCount: 'required',
  protocol: 'required',
  flags: 'required',
  type: 'required',
  state: 'required',
  inode: 'required',
  path: 'required',
  exact: 'optional',
  protocolName: 'required',
  flagsText: 'required',
  typeName: 'required',
  stateName: 'required',
  program: 'optional',
  context: 'optional',
} as const satisfies RowKeys<UnixSocketRow>;

const HEADER = 'Num       RefCount Protocol Flags    Type St Inode Path\n';

describe('typed unix rows', () => {
  it('the plugin and unixSockets give Section<UnixSocketRow> without a cast', async () => {
    const ctx = createContext({ root: join(FIXTURES, 'genproc-s4-all', 'root'), options: { all: true } });
    const sections = await plugin.sockets(ctx);
    expectTypeOf(sections).toEqualTypeOf<Section<UnixSocketRow>[]>();
    expectTypeOf(unixSockets).returns.resolves.toEqualTypeOf<Section<UnixSocketRow>[]>();
    const rows = sections.flatMap((s) => s.table?.rows ?? []);
    expectTypeOf(rows).toEqualTypeOf<UnixSocketRow[]>();
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.map((r) => r.typeName)).toContain('STREAM');
  });

  it('JSON rows have exactly the keys UnixSocketRow declares (all of them seen with -p -Z and a huge inode)', async () => {
    const files = {
      '/proc/net/unix': `${HEADER}1: 00000002 0 00010000 0001 01 100 /run/l\n2: 3 0 0 2 3 99999999999999999999\n`,
    };
    const all: object[] = [];
    for (const options of [{ all: true }, { all: true, programs: true, context: true }]) {
      const ctx = createContext({ root: makeRoot(files), options });
      for (const s of await plugin.sockets(ctx))
        for (const row of s.table?.rows ?? []) {
          expect(rowKeyProblems(row, UNIX_KEYS)).toEqual([]);
          all.push(row);
        }
    }
    expect(keysSeen(all)).toEqual(Object.keys(UNIX_KEYS).sort());
  });
});
