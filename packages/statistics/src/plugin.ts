/**
 * The `@netstat-ts/statistics` plugin: `netstat -s` exactly as net-tools 2.10 prints it (spec §9).
 */
import {
  type Diagnostic,
  defineRowStream,
  type FamilyPlugin,
  type NetstatOptions,
  type PluginContext,
  type Section,
  type Table,
} from '@netstat-ts/core';
import { CounterPrinter, type EmissionSink, type OutputLine, type StatisticsRow } from './render.js';
import {
  ipv4Steps,
  ipv6Steps,
  type StatisticsFlags,
  type StatisticsPart,
  type StatisticsStep,
  StepStarts,
} from './run.js';

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

/** Text gathered before it is handed to the output in one piece. */
const TEXT_CHUNK = 1 << 16;

/**
 * The sections of a run whose files are streamed at every pass, never held whole (status 0): the
 * text is written as each file is read, `table.rows` and `table.diagnostics` are made on first
 * access (library use), and JSON writes the rows one at a time from a fresh pass. Each step is
 * played from the printer state the steps before it leave ({@link StepStarts}: in order, as the
 * text is written, each file is read once).
 */
export function streamedSections(
  steps: readonly StatisticsStep[],
  flags: StatisticsFlags,
): Section<StatisticsRow>[] {
  const starts = new StepStarts(steps, flags);
  return steps.map((step, i) => {
    const play = (sink: EmissionSink) => {
      const p = new CounterPrinter(flags);
      p.state = starts.at(i);
      step.play(p, sink);
      starts.ended(i, p.state);
    };
    const table = {
      kind: 'statistics',
      family: step.family,
      name: step.name,
      sources: [step.path],
      present: step.present,
    } as Table<StatisticsRow>;
    let rows: StatisticsRow[] | undefined;
    let diagnostics: Diagnostic[] | undefined;
    const collect = (row: (r: StatisticsRow) => void) => {
      const d: Diagnostic[] = [];
      play({ lines: { push: () => 0 }, rows: { push: row }, diagnostics: d });
      diagnostics ??= d;
    };
    Object.defineProperties(table, {
      rows: {
        enumerable: true,
        configurable: true,
        get: () => {
          if (rows === undefined) {
            const r: StatisticsRow[] = [];
            collect((row) => r.push(row));
            rows = r;
          }
          return rows;
        },
      },
      diagnostics: {
        enumerable: true,
        configurable: true,
        get: () => {
          if (diagnostics === undefined) collect(() => {});
          return diagnostics;
        },
      },
    });
    defineRowStream(table, (fn) => {
      if (rows !== undefined) for (const r of rows) fn(r);
      else collect(fn);
    });
    return {
      table,
      status: 0,
      write(out) {
        let text = '';
        const flush = () => {
          if (text) out.out(text);
          text = '';
        };
        const sink: EmissionSink = {
          lines: {
            push(l: OutputLine) {
              if (l.stream === 'stdout') {
                text += l.text;
                if (text.length >= TEXT_CHUNK) flush();
              } else {
                flush();
                out.err(l.text);
              }
            },
          },
          rows: { push: () => 0 },
          diagnostics: { push: () => 0 },
        };
        play(sink);
        flush();
      },
    };
  });
}

/**
 * Everything `netstat -s` prints for the context: the IPv4 run for `inet`, the IPv6 run for
 * `inet6`, else `netstat: No statistics support for specified address family: <af>` on stdout
 * with status 1. Never throws on hostile input.
 */
export async function statistics(ctx: PluginContext): Promise<Section<StatisticsRow>[]> {
  const af = statisticsFamily(ctx.options);
  const flags = statisticsFlags(ctx.options);
  if (af === 'inet') return streamedSections(ipv4Steps(ctx.host), flags);
  if (af === 'inet6') return streamedSections(ipv6Steps(ctx.host), flags);
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
