/**
 * The `@netstat-ts/statistics` plugin: `netstat -s` exactly as net-tools 2.10 prints it (spec §9).
 */
import type { FamilyPlugin, NetstatOptions, PluginContext, Section, Table } from '@netstat-ts/core';
import type { OutputLine, StatisticsRow } from './render.js';
import { ipv4Run, ipv6Run, type StatisticsFlags, type StatisticsPart } from './run.js';

/** 2.10's "afname": the -A list joined by commas, `inet` when no family was given. */
export function statisticsFamily(options: NetstatOptions): string {
  return options.familyList.length === 0 ? 'inet' : options.familyList.join(',');
}

/** The table flags of `-s` from the options (raw, tcp, udp, sctp; udplite shows no table). */
export function statisticsFlags(options: NetstatOptions): StatisticsFlags {
  const p = options.protocols;
  return { raw: p.raw, tcp: p.tcp, udp: p.udp, sctp: p.sctp };
}

function replay(lines: readonly OutputLine[]): Section['write'] {
  return (out) => {
    for (const l of lines) {
      if (l.stream === 'stdout') out.out(l.text);
      else out.err(l.text);
    }
  };
}

/** Turns the parts of a run into sections (status 0: `-s` always exits 0 after a run). */
export function partSections(parts: readonly StatisticsPart[]): Section<StatisticsRow>[] {
  return parts.map((p) => ({ table: p.table, status: 0, write: replay(p.emission.lines) }));
}

/**
 * Everything `netstat -s` prints for the context: the IPv4 run for `inet`, the IPv6 run for
 * `inet6`, else `netstat: No statistics support for specified address family: <af>` on stdout
 * with status 1. Never throws on hostile input.
 */
export async function statistics(ctx: PluginContext): Promise<Section<StatisticsRow>[]> {
  const af = statisticsFamily(ctx.options);
  const flags = statisticsFlags(ctx.options);
  if (af === 'inet') return partSections(ipv4Run(ctx.host, flags));
  if (af === 'inet6') return partSections(ipv6Run(ctx.host, flags));
  const message = `netstat: No statistics support for specified address family: ${af}`;
  const table: Table<StatisticsRow> = {
    kind: 'statistics',
    family: af,
    name: 'statistics',
    sources: [],
    present: false,
    rows: [],
    diagnostics: [{ level: 'error', message, stream: 'stdout' }],
  };
  return [{ table, status: 1, write: (out) => out.out(message + '\n') }];
}

/**
 * The plugin object (default export of the package). Typed precisely (`satisfies FamilyPlugin`):
 * `plugin.statistics(ctx)` gives `Section<StatisticsRow>[]`.
 */
const plugin = {
  apiVersion: 1,
  meta: { name: '@netstat-ts/statistics', version: '0.1.0' },
  families: { inet: { title: 'DARPA Internet' }, inet6: { title: 'IPv6' } },
  statistics,
} satisfies FamilyPlugin;

export default plugin;
