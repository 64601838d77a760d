/**
 * The `-i` plugin: reads the interface list for one pass and returns one Section that prints
 * net-tools 2.10's text for it (short table, or the `-e` layout when extend ≥ 2).
 */
import type { Diagnostic, FamilyPlugin, Host, PluginContext, Section, Table } from '@netstat-ts/core';
import { strerror } from '@netstat-ts/core';
import type { AddressSource } from './addresses.js';
import { type InterfaceList, type InterfaceRow, readInterfaceList } from './interface-list.js';
import { longBlock } from './render-long.js';
import { SHORT_HEADER, shortRow, TITLE } from './render-short.js';
import { type DefaultSourceOptions, defaultAddressSource } from './rtnetlink.js';

/** Settings of {@link createInterfacesPlugin}. */
export interface InterfacesPluginSettings {
  /** Where IPv4 addresses and labels come from (default: {@link defaultAddressSource}). */
  addressSource?: (host: Host, opts: DefaultSourceOptions) => AddressSource;
}

/** The `-v` notes: what this run cannot show compared with net-tools' ioctls. */
function verboseNotes(list: InterfaceList, extend: number): string[] {
  const notes: string[] = [];
  const a = list.addressResult;
  if (!a.ok) notes.push(`netstat: note: IPv4 addresses and alias labels (eth0:1) are not shown: ${a.reason}`);
  else if (a.source.startsWith('/'))
    notes.push(`netstat: note: IPv4 addresses and alias labels from ${a.source.slice(1)}`);
  if (list.linkSource !== '/sys/class/net')
    notes.push(`netstat: note: flags, MTU, hardware type and address, queue length from ${list.linkSource}`);
  if (extend >= 2 && !list.mapsRead)
    notes.push(
      'netstat: note: the device map line (interrupt/base/memory/dma) needs the native layer (SIOCGIFMAP) and is not shown',
    );
  if (extend >= 2) notes.push('netstat: note: the media line and SLIP outfill/keepalive are not shown');
  return notes;
}

/** Builds the Section of one `-i` pass from what was read. */
export function interfacesSection(
  list: InterfaceList,
  ctx: Pick<PluginContext, 'options' | 'pass'>,
): Section<InterfaceRow> {
  const o = ctx.options;
  const long = o.extend >= 2;
  const diagnostics: Diagnostic[] = [...list.diagnostics];
  const before = list.diagnostics.filter((d) => d.level !== 'info').map((d) => d.message);
  const after: string[] = [];
  if (list.unknown !== undefined)
    after.push(`${list.unknown}: error fetching interface information: Device not found`);
  if (list.failure) {
    const f = list.failure;
    after.push(`${f.name}: error fetching interface information: ${f.message}`);
    after.push(`missing interface information: ${strerror(f.code)}`);
  }
  for (const m of after) diagnostics.push({ level: 'error', message: m });
  const notes = o.verbose > 0 && ctx.pass === 0 ? verboseNotes(list, o.extend) : [];
  for (const m of notes) diagnostics.push({ level: 'info', message: m });
  const a = list.addressResult;
  const table: Table<InterfaceRow> = {
    kind: 'interfaces',
    family: 'inet',
    name: 'interfaces',
    sources: [
      '/proc/net/dev',
      list.linkSource,
      '/proc/net/if_inet6',
      a.ok ? a.source : 'no IPv4 address source',
    ],
    present: list.devPresent,
    rows: list.rows,
    diagnostics,
  };
  const status = after.length > 0 ? 1 : 0;
  return {
    table,
    status,
    write(out) {
      for (const m of notes) out.err(`${m}\n`);
      if (list.unknown !== undefined) {
        for (const m of after) out.err(`${m}\n`);
        return;
      }
      if (ctx.pass === 0) out.out(TITLE);
      for (const m of before) out.err(`${m}\n`);
      if (!long) out.out(SHORT_HEADER);
      let text = '';
      for (const r of list.rows) text += long ? longBlock(r) : shortRow(r);
      if (text) out.out(text);
      for (const m of after) out.err(`${m}\n`);
    },
  };
}

/** Reads and renders one `-i` pass with the given address source. */
export async function interfaceSections(
  ctx: PluginContext,
  source: AddressSource,
): Promise<Section<InterfaceRow>[]> {
  const o = ctx.options;
  const list = await readInterfaceList(ctx.host, source, {
    all: o.all,
    only: o.interface,
    maps: o.extend >= 2,
  });
  return [interfacesSection(list, ctx)];
}

/** The interfaces plugin, typed precisely: `interfaces(ctx)` gives `Section<InterfaceRow>[]`. */
export interface InterfacesPlugin extends FamilyPlugin {
  /** The interface table (`-i`): one section whose rows are {@link InterfaceRow}s. */
  interfaces(ctx: PluginContext): Promise<Section<InterfaceRow>[]>;
}

/** Makes an interfaces plugin, optionally with another IPv4 address source (tests, embedding). */
export function createInterfacesPlugin(settings: InterfacesPluginSettings = {}): InterfacesPlugin {
  const sourceFor = settings.addressSource ?? defaultAddressSource;
  return {
    apiVersion: 1,
    meta: { name: '@netstat-ts/interfaces', version: '0.1.0' },
    families: { inet: { title: 'DARPA Internet' } },
    interfaces: (ctx) => interfaceSections(ctx, sourceFor(ctx.host, { nativeDisabled: ctx.nativeDisabled })),
  };
}

/** The interface table plugin (`netstat -i`). */
const plugin: InterfacesPlugin = createInterfacesPlugin();
export default plugin;
