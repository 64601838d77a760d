import { join } from 'node:path';
import { createContext, type Section } from '@netstat-ts/core';
import { FIXTURES, keysSeen, type RowKeys, rowKeyProblems } from '@netstat-ts/test-support';
import { describe, expect, expectTypeOf, it } from 'vitest';
import plugin, { type StatisticsRow, statistics } from '../src/index.js';

/** Every key of StatisticsRow (the compiler checks the list against the type). */
const KEYS = {
  section: 'required',
  name: 'required',
  value: 'required',
  text: 'required',
} as const satisfies RowKeys<StatisticsRow>;

const ALL = { tcp: true, sctp: true, udp: true, udplite: true, raw: true };

describe('typed statistics rows', () => {
  it('the plugin gives Section<StatisticsRow> without a cast; JSON rows have exactly its keys', async () => {
    const rows: StatisticsRow[] = [];
    for (const familyList of [['inet'], ['inet6']]) {
      const ctx = createContext({
        root: join(FIXTURES, 'genproc-s4-all', 'root'),
        options: { protocols: ALL, familyList },
      });
      const sections = await plugin.statistics(ctx);
      expectTypeOf(sections).toEqualTypeOf<Section<StatisticsRow>[]>();
      for (const s of sections) rows.push(...(s.table?.rows ?? []));
    }
    expectTypeOf(statistics).returns.resolves.toEqualTypeOf<Section<StatisticsRow>[]>();
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.find((r) => r.section === 'Tcp' && r.name === 'ActiveOpens')?.text).toMatch(
      /active connection/,
    );
    for (const r of rows) expect(rowKeyProblems(r, KEYS)).toEqual([]);
    expect(keysSeen(rows)).toEqual(Object.keys(KEYS).sort());
  });
});
