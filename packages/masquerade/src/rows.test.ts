import { join } from 'node:path';
import { createContext, type Section } from '@netstat-ts/core';
import { FIXTURES, keysSeen, type RowKeys, rowKeyProblems } from '@netstat-ts/test-support';
import { describe, expect, expectTypeOf, it } from 'vitest';
import plugin, {
  type ConntrackRow,
  conntrackSections,
  type MasqRow,
  type MasqueradeRow,
  masqueradeSections,
} from './index.js';

// Every key of each row type (the compiler checks each list against its type).
const MASQ_KEYS = {
  protocolWord: 'required',
  protocol: 'required',
  source: 'required',
  sourcePort: 'required',
  destination: 'required',
  destinationPort: 'required',
  masqPort: 'required',
  initSeq: 'required',
  delta: 'required',
  pdelta: 'required',
  expires: 'required',
  sourceAddress: 'required',
  destinationAddress: 'required',
  sourceHost: 'required',
  destinationHost: 'required',
  sourceService: 'required',
  destinationService: 'required',
  masqService: 'required',
  expire: 'required',
} as const satisfies RowKeys<MasqRow>;
const CONNTRACK_KEYS = {
  l3: 'required',
  protocol: 'required',
  protonum: 'required',
  timeout: 'required',
  state: 'required',
  original: 'required',
  reply: 'required',
  flags: 'required',
  mark: 'required',
  zone: 'required',
  secctx: 'required',
  deltaTime: 'required',
  use: 'required',
  status: 'required',
  id: 'required',
  source: 'required',
  nat: 'required',
  masqAddress: 'required',
  masqPort: 'required',
  forwardAddress: 'required',
  forwardPort: 'required',
  protocolText: 'required',
  expire: 'required',
  sourceHost: 'required',
  destinationHost: 'required',
  sourceService: 'required',
  destinationService: 'required',
  masqService: 'required',
} as const satisfies RowKeys<ConntrackRow>;

const ctxOf = (fixture: string) =>
  createContext({ root: join(FIXTURES, fixture, 'root'), options: { numericHosts: true, all: true } });

describe('typed masquerade rows', () => {
  it('the plugin gives Section<MasqueradeRow> without a cast; `nat` in row tells conntrack rows', async () => {
    const sections = await plugin.masquerade(ctxOf('genproc-s4-all'));
    expectTypeOf(sections).toEqualTypeOf<Section<MasqueradeRow>[]>();
    expectTypeOf(masqueradeSections).returns.resolves.toEqualTypeOf<Section<MasqueradeRow>[]>();
    expectTypeOf(conntrackSections).returns.resolves.toEqualTypeOf<Section<ConntrackRow>[]>();
    const rows = sections.flatMap((s) => s.table?.rows ?? []);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      if ('nat' in r) throw new Error('a 2.2 ip_masquerade row has no nat');
      expectTypeOf(r).toEqualTypeOf<MasqRow>();
      expect(r.sourceAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    }
  });

  it('JSON rows have exactly the keys their row type declares (every key seen)', async () => {
    const masq = (await masqueradeSections(ctxOf('genproc-s4-all'))).flatMap((s) => s.table?.rows ?? []);
    // The conntrack table streams its rows (Section.stream; table.rows stays empty).
    const ct: object[] = [];
    const quiet = { out: () => {}, err: () => {} };
    for (const s of await masqueradeSections(ctxOf('conntrack-synthetic'), { ctnetlink: null })) {
      expect(s.stream).toBeTypeOf('function');
      expect(s.table?.rows).toEqual([]);
      s.stream!((r) => ct.push(r), quiet);
    }
    expect(masq.length).toBeGreaterThan(0);
    expect(ct.length).toBeGreaterThan(0);
    for (const r of masq) expect(rowKeyProblems(r, MASQ_KEYS)).toEqual([]);
    for (const r of ct) expect(rowKeyProblems(r, CONNTRACK_KEYS)).toEqual([]);
    expect(keysSeen(masq)).toEqual(Object.keys(MASQ_KEYS).sort());
    expect(keysSeen(ct)).toEqual(Object.keys(CONNTRACK_KEYS).sort());
  });
});
