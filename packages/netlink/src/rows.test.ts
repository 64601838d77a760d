import { join } from 'node:path';
import { createContext, type Section } from '@netstat-ts/core';
import { FIXTURES, keysSeen, type RowKeys, rowKeyProblems } from '@netstat-ts/test-support';
import { describe, expect, expectTypeOf, it } from 'vitest';
import plugin, { createNetlinkPlugin, type NetlinkSocketRow, netlinkSockets } from './index.js';

/** Every key of NetlinkSocketRow (the compiler checks the list against the type). */
const KEYS = {
  address: 'required',
  protocolNumber: 'required',
  protocol: 'required',
  portId: 'required',
  groups: 'required',
  recvQ: 'required',
  sendQ: 'required',
  dump: 'required',
  locks: 'required',
  drops: 'required',
  inode: 'required',
  owner: 'required',
  program: 'optional',
} as const satisfies RowKeys<NetlinkSocketRow>;

describe('typed netlink rows', () => {
  it('the plugin gives Section<NetlinkSocketRow> without a cast; JSON rows have exactly its keys', async () => {
    expectTypeOf(netlinkSockets).returns.resolves.toEqualTypeOf<Section<NetlinkSocketRow>[]>();
    expectTypeOf(createNetlinkPlugin().sockets).returns.resolves.toEqualTypeOf<Section<NetlinkSocketRow>[]>();
    const rows: NetlinkSocketRow[] = [];
    for (const programs of [false, true]) {
      const ctx = createContext({
        root: join(FIXTURES, 'genproc-s2', 'root'),
        options: { families: new Set(['netlink']), flagArg: 1, extend: 2, programs },
      });
      const sections = await plugin.sockets(ctx);
      expectTypeOf(sections).toEqualTypeOf<Section<NetlinkSocketRow>[]>();
      rows.push(...sections.flatMap((s) => s.table?.rows ?? []));
    }
    expect(rows.map((r) => r.protocol)).toContain('rtnl');
    for (const r of rows) expect(rowKeyProblems(r, KEYS)).toEqual([]);
    expect(keysSeen(rows)).toEqual(Object.keys(KEYS).sort());
  });
});
