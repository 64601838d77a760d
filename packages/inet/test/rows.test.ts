import { join } from 'node:path';
import { createContext, type Section } from '@netstat-ts/core';
import { FIXTURES, keysSeen, type RowKeys, rowKeyProblems } from '@netstat-ts/test-support';
import { describe, expect, expectTypeOf, it } from 'vitest';
import plugin, {
  type GroupRow,
  type InetRow,
  type InetSocketRow,
  inetGroups,
  inetSockets,
  isSctpRow,
  type SctpAssocRow,
  type SctpEndpointRow,
} from '../src/index.js';

// Every key of each row type (the compiler checks each list against its type).
const SOCKET_KEYS = {
  proto: 'required',
  family: 'required',
  local: 'required',
  remote: 'required',
  state: 'required',
  stateCode: 'required',
  recvQ: 'required',
  sendQ: 'required',
  uid: 'required',
  user: 'required',
  inode: 'required',
  timer: 'required',
  owner: 'required',
} as const satisfies RowKeys<InetSocketRow>;
const EP_KEYS = {
  proto: 'required',
  kind: 'required',
  port: 'required',
  addresses: 'required',
  state: 'required',
  stateCode: 'required',
  uid: 'required',
  user: 'required',
  inode: 'required',
  owner: 'required',
} as const satisfies RowKeys<SctpEndpointRow>;
const ASSOC_KEYS = {
  proto: 'required',
  kind: 'required',
  localPort: 'required',
  remotePort: 'required',
  local: 'required',
  remote: 'required',
  state: 'required',
  stateCode: 'required',
  recvQ: 'required',
  sendQ: 'required',
  uid: 'required',
  user: 'required',
  inode: 'required',
  owner: 'required',
} as const satisfies RowKeys<SctpAssocRow>;
const GROUP_KEYS = {
  family: 'required',
  interface: 'required',
  users: 'required',
  group: 'required',
} as const satisfies RowKeys<GroupRow>;

const ctx = () =>
  createContext({
    root: join(FIXTURES, 'genproc-s4-all', 'root'),
    options: { all: true, numericHosts: true, programs: true, extend: 2 },
  });

describe('typed inet rows', () => {
  it('the plugin gives Section<InetRow> and Section<GroupRow> without a cast', async () => {
    expectTypeOf(plugin.sockets).returns.resolves.toEqualTypeOf<Section<InetRow>[]>();
    expectTypeOf(inetSockets).returns.resolves.toEqualTypeOf<Section<InetRow>[]>();
    expectTypeOf(plugin.groups).returns.resolves.toEqualTypeOf<Section<GroupRow>[]>();
    expectTypeOf(inetGroups).returns.resolves.toEqualTypeOf<Section<GroupRow>[]>();
  });

  it('JSON rows have exactly the keys their row type declares (every key seen)', async () => {
    const seen = { socket: [] as object[], endpoint: [] as object[], association: [] as object[] };
    for (const s of await plugin.sockets(ctx()))
      for (const r of s.table?.rows ?? []) {
        if (!isSctpRow(r)) {
          expect(rowKeyProblems(r, SOCKET_KEYS)).toEqual([]);
          seen.socket.push(r);
        } else if (r.kind === 'endpoint') {
          expect(rowKeyProblems(r, EP_KEYS)).toEqual([]);
          seen.endpoint.push(r);
        } else {
          expect(rowKeyProblems(r, ASSOC_KEYS)).toEqual([]);
          seen.association.push(r);
        }
      }
    const groups = (await plugin.groups(ctx())).flatMap((s) => s.table?.rows ?? []);
    for (const r of groups) expect(rowKeyProblems(r, GROUP_KEYS)).toEqual([]);
    expect(keysSeen(seen.socket)).toEqual(Object.keys(SOCKET_KEYS).sort());
    expect(keysSeen(seen.endpoint)).toEqual(Object.keys(EP_KEYS).sort());
    expect(keysSeen(seen.association)).toEqual(Object.keys(ASSOC_KEYS).sort());
    expect(keysSeen(groups)).toEqual(Object.keys(GROUP_KEYS).sort());
  });
});
