import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  checkPlugin,
  createContext,
  type FamilyPlugin,
  type PluginContext,
  type Section,
  type Table,
} from '../src/index.js';

/** A row type of a family package. */
interface DemoRow {
  name: string;
  count: number;
}

describe('Section<R> and the FamilyPlugin contract', () => {
  it('defaults keep the untyped form of a third-party plugin compiling', () => {
    // Written against the contract before Section/Table were generic: no type arguments.
    const table: Table = {
      kind: 'sockets',
      family: 'demo',
      name: 'demo',
      sources: [],
      present: true,
      rows: [{ name: 'a' }],
      diagnostics: [],
    };
    const section: Section = { table, status: 0, write: () => {} };
    const old: FamilyPlugin = {
      apiVersion: 1,
      meta: { name: 'old', version: '1.0.0' },
      families: { demo: { title: 'Demo' } },
      sockets: async (): Promise<Section[]> => [section],
    };
    expectTypeOf(section).toEqualTypeOf<Section<object>>();
    expectTypeOf<Section['table']>().toEqualTypeOf<Table<object> | undefined>();
    expect(checkPlugin(old)).toBeNull();
  });

  it('a precisely typed plugin satisfies FamilyPlugin and keeps its row type', async () => {
    const table: Table<DemoRow> = {
      kind: 'sockets',
      family: 'demo',
      name: 'demo',
      sources: [],
      present: true,
      rows: [{ name: 'a', count: 1 }],
      diagnostics: [],
    };
    const typed = {
      apiVersion: 1,
      meta: { name: 'typed', version: '1.0.0' },
      families: { demo: { title: 'Demo' } },
      sockets: async (_ctx: PluginContext): Promise<Section<DemoRow>[]> => [{ table, status: 0, write() {} }],
    } satisfies FamilyPlugin;
    // Assignable to the contract (Section<DemoRow> is a Section), and its own type is precise.
    const asContract: FamilyPlugin = typed;
    expectTypeOf(typed.sockets).returns.resolves.toEqualTypeOf<Section<DemoRow>[]>();
    expectTypeOf<Section<DemoRow>>().toExtend<Section>();
    const rows = (await typed.sockets(createContext())).flatMap((s) => s.table?.rows ?? []);
    expectTypeOf(rows).toEqualTypeOf<DemoRow[]>();
    expect(rows.map((r) => r.count)).toEqual([1]);
    expect(checkPlugin(asContract)).toBeNull();
  });
});
