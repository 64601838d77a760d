import type { Section } from '@netstat-ts/core';
import { keysSeen, type RowKeys, rowKeyProblems } from '@netstat-ts/test-support';
import { describe, expect, expectTypeOf, it } from 'vitest';
import plugin, {
  type AddressSource,
  createInterfacesPlugin,
  type InterfaceRow,
  interfaceSections,
} from '../src/index.js';
import { loAlias, run, shortRoot } from './helpers.js';

/** Every key of InterfaceRow (the compiler checks the list against the type). */
const KEYS = {
  name: 'required',
  device: 'required',
  mtu: 'required',
  flags: 'required',
  flagBits: 'required',
  flagNames: 'required',
  operstate: 'required',
  arphrd: 'required',
  hwtype: 'required',
  hwtitle: 'required',
  hwaddr: 'required',
  txqueuelen: 'required',
  rx: 'optional',
  tx: 'optional',
  ipv4: 'required',
  ipv6: 'required',
  map: 'optional',
} as const satisfies RowKeys<InterfaceRow>;

describe('typed interface rows', () => {
  it('the plugin and its factory give Section<InterfaceRow> without a cast', () => {
    expectTypeOf(plugin.interfaces).returns.resolves.toEqualTypeOf<Section<InterfaceRow>[]>();
    expectTypeOf(createInterfacesPlugin().interfaces).returns.resolves.toEqualTypeOf<
      Section<InterfaceRow>[]
    >();
    expectTypeOf(interfaceSections).returns.resolves.toEqualTypeOf<Section<InterfaceRow>[]>();
  });

  it('JSON rows have exactly the keys InterfaceRow declares (every key seen: alias without counters, -e map)', async () => {
    const maps: AddressSource = {
      ...loAlias,
      deviceMaps: async () =>
        new Map([['lo', { irq: 0, baseAddr: 0, memStart: 0, memEnd: 0, dma: 5, port: 0 }]]),
    };
    const rows: InterfaceRow[] = [];
    for (const extend of [0, 2]) {
      const r = await run(shortRoot, { all: true, extend }, maps);
      rows.push(...r.sections.flatMap((s) => s.table?.rows ?? []));
    }
    expect(rows.map((r) => r.name)).toContain('lo:1');
    for (const r of rows) expect(rowKeyProblems(r, KEYS), r.name).toEqual([]);
    expect(keysSeen(rows)).toEqual(Object.keys(KEYS).sort());
  });
});
