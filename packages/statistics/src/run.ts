/**
 * The two `netstat -s` runs of net-tools 2.10 (spec §9.2, §9.4): which files are read, in which
 * order, with which messages. Each file read becomes one {@link StatisticsPart}.
 *
 * The files are streamed, never read whole: a run is a list of {@link StatisticsStep}s, each
 * reading its file anew (piece by piece) every time it is played through a printer. The
 * printer's indentation state runs on from file to file, so a step played on its own starts from
 * the state the steps before it left ({@link stepStarts}).
 */
import { type Host, type HostError, type PieceFeed, streamPieces, type Table } from '@netstat-ts/core';
import {
  CounterPrinter,
  type Emission,
  type EmissionSink,
  emission,
  emitError,
  type IndentState,
  type StatisticsRow,
} from './render.js';
import { scanSctpSnmp } from './sctp-snmp.js';
import { PAIR_LINE_MAX, scanPairs } from './snmp.js';
import { scanSnmp6 } from './snmp6.js';
import type { CounterTable, TableFlag } from './tables.js';
import { IPV4_TABLES, SCTP_TABLE } from './tables-ipv4.js';
import { IPV6_TABLES } from './tables-ipv6.js';

/** One file's contribution to a run: its JSON table and the output to replay. */
export interface StatisticsPart {
  table: Table<StatisticsRow>;
  emission: Emission;
}

/** The protocol flags of `-s` (spec §9.1). */
export type StatisticsFlags = Readonly<Record<TableFlag, boolean>>;

/**
 * One file of a run: its table's identity and how it prints. `play` reads the file anew each
 * time, sending its lines, rows and messages to `sink` through `printer` (whose state it
 * changes as 2.10's does).
 */
export interface StatisticsStep {
  family: string;
  name: string;
  path: string;
  /** False when the file could not be opened or read. */
  present: boolean;
  play(printer: CounterPrinter, sink: EmissionSink): void;
}

type Opened =
  | { state: 'ok'; feed: PieceFeed; error: () => HostError | null }
  | { state: 'unopenable'; message: string }
  | { state: 'unreadable'; message: string };

/**
 * Opens like fopen+read: a directory opens but fails to read (`EISDIR`). The open is checked
 * now; the feed streams the file at each call (`error()`: why the last one stopped early).
 */
function open(host: Host, path: string): Opened {
  const r = host.probe(path);
  if (r === null) {
    let late: HostError | null = null;
    return {
      state: 'ok',
      feed: (max, each) => {
        late = streamPieces(host, path, max, each);
      },
      error: () => late,
    };
  }
  if (r.code === 'EISDIR') return { state: 'unreadable', message: r.message };
  return { state: 'unopenable', message: r.message };
}

/** A read that failed midway: the message of a file that opened but could not be read. */
function lateError(f: Opened & { state: 'ok' }, sink: EmissionSink, path: string): void {
  const e = f.error();
  if (e !== null) emitError(sink, `${path}: ${e.message}`);
}

/** Reads a pair file through the printer; `ended` is true when the run stops (a required file cannot be opened). */
function pairFile(
  host: Host,
  family: string,
  name: string,
  path: string,
  tables: ReadonlyMap<string, CounterTable>,
  mode: { filter?: string; report: boolean; mustOpen: boolean },
): StatisticsStep & { ended: boolean } {
  const f = open(host, path);
  const step = { family, name, path, present: f.state === 'ok' };
  if (f.state === 'unopenable') {
    const message = `cannot open ${path}: ${f.message}`;
    return {
      ...step,
      ended: mode.mustOpen,
      play: (_p, sink) => {
        if (mode.mustOpen) emitError(sink, message);
      },
    };
  }
  if (f.state === 'unreadable') {
    const message = `${path}: ${f.message}`;
    return { ...step, ended: false, play: (_p, sink) => emitError(sink, message) };
  }
  return {
    ...step,
    ended: false,
    play(printer, sink) {
      const parsed = scanPairs(
        f.feed,
        (s) => {
          const t = printer.startTable(sink, s.title, tables.get(s.title));
          for (const c of s.counters) printer.counter(sink, t, c);
        },
        { filter: mode.filter, maxLine: PAIR_LINE_MAX },
      );
      lateError(f, sink, path);
      if (parsed.longLine !== undefined)
        emitError(
          sink,
          `netstat: ${path}: line ${parsed.longLine} is longer than ${PAIR_LINE_MAX} bytes (not read, nor the rest of the file)`,
        );
      if (parsed.formatError && mode.report) emitError(sink, `Problem while parsing ${path}`);
    },
  };
}

/** The steps of the IPv4 run: /proc/net/snmp, /proc/net/netstat, /proc/net/sctp/snmp. */
export function ipv4Steps(host: Host): StatisticsStep[] {
  const steps: StatisticsStep[] = [];
  const snmp = pairFile(host, 'inet', 'snmp', '/proc/net/snmp', IPV4_TABLES, {
    report: true,
    mustOpen: true,
  });
  steps.push(snmp);
  if (snmp.ended) return steps;
  steps.push(
    pairFile(host, 'inet', 'netstat', '/proc/net/netstat', IPV4_TABLES, { report: true, mustOpen: false }),
  );
  const path = '/proc/net/sctp/snmp';
  const f = open(host, path);
  steps.push({
    family: 'inet',
    name: 'sctp',
    path,
    present: f.state === 'ok',
    play(printer, sink) {
      if (f.state === 'unopenable') return;
      const t = printer.startTable(sink, 'Sctp', SCTP_TABLE);
      if (f.state === 'unreadable') emitError(sink, `${path}: ${f.message}`);
      else {
        scanSctpSnmp(f.feed, (c) => printer.counter(sink, t, c));
        lateError(f, sink, path);
      }
    },
  });
  return steps;
}

/** The steps of the IPv6 run: /proc/net/snmp6, then the `Tcp` sections of /proc/net/snmp. */
export function ipv6Steps(host: Host): StatisticsStep[] {
  const path = '/proc/net/snmp6';
  const f = open(host, path);
  const snmp6: StatisticsStep = {
    family: 'inet6',
    name: 'snmp6',
    path,
    present: f.state === 'ok',
    play(printer, sink) {
      if (f.state !== 'ok') {
        emitError(
          sink,
          f.state === 'unopenable' ? `cannot open ${path}: ${f.message}` : `${path}: ${f.message}`,
        );
        return;
      }
      let t: ReturnType<CounterPrinter['startTable']> | null = null;
      scanSnmp6(
        f.feed,
        (title) => {
          t = printer.startTable(sink, title, IPV6_TABLES.get(title));
        },
        (c) => printer.counter(sink, t!, c),
      );
      lateError(f, sink, path);
    },
  };
  if (f.state === 'unopenable') return [snmp6];
  const snmp = pairFile(host, 'inet6', 'snmp', '/proc/net/snmp', IPV4_TABLES, {
    filter: 'Tcp',
    report: false,
    mustOpen: true,
  });
  return [snmp6, snmp];
}

/** A sink that keeps nothing (a pass that only moves the printer's state on). */
const DISCARD: EmissionSink = {
  lines: { push: () => 0 },
  rows: { push: () => 0 },
  diagnostics: { push: () => 0 },
};

/**
 * The printer state each step starts from: the steps but the last are played once, in order,
 * keeping nothing (each of their files is streamed once).
 */
export function stepStarts(steps: readonly StatisticsStep[], flags: StatisticsFlags): IndentState[] {
  const starts = new StepStarts(steps, flags);
  return steps.map((_, i) => starts.at(i));
}

/**
 * The printer state each step starts from, found lazily: a step played from its start tells the
 * next step's start ({@link StepStarts.ended}), so steps played in order (the text of `-s`) read
 * each file once; a step asked for out of order first plays the steps before it that are not
 * known yet, keeping nothing.
 */
export class StepStarts {
  private readonly known: (IndentState | undefined)[];

  constructor(
    private readonly steps: readonly StatisticsStep[],
    private readonly flags: StatisticsFlags,
  ) {
    this.known = [new CounterPrinter(flags).state];
  }

  /** The state step `i` starts from. */
  at(i: number): IndentState {
    let j = i;
    while (this.known[j] === undefined) j--;
    if (j === i) return this.known[i]!;
    const printer = new CounterPrinter(this.flags);
    printer.state = this.known[j]!;
    for (; j < i; j++) {
      this.steps[j]!.play(printer, DISCARD);
      this.known[j + 1] = printer.state;
    }
    return this.known[i]!;
  }

  /** Records the state step `i` left when it was played from {@link at}`(i)`. */
  ended(i: number, state: IndentState): void {
    this.known[i + 1] ??= state;
  }
}

/** Plays the steps of a run into parts held in memory (the whole output of each file). */
function collect(steps: readonly StatisticsStep[], flags: StatisticsFlags): StatisticsPart[] {
  const printer = new CounterPrinter(flags);
  return steps.map((s) => {
    const e = emission();
    s.play(printer, e);
    const table: Table<StatisticsRow> = {
      kind: 'statistics',
      family: s.family,
      name: s.name,
      sources: [s.path],
      present: s.present,
      rows: e.rows,
      diagnostics: e.diagnostics,
    };
    return { table, emission: e };
  });
}

/** The IPv4 run: /proc/net/snmp, /proc/net/netstat, /proc/net/sctp/snmp (each file's output held). */
export function ipv4Run(host: Host, flags: StatisticsFlags): StatisticsPart[] {
  return collect(ipv4Steps(host), flags);
}

/** The IPv6 run: /proc/net/snmp6, then the `Tcp` sections of /proc/net/snmp (each file's output held). */
export function ipv6Run(host: Host, flags: StatisticsFlags): StatisticsPart[] {
  return collect(ipv6Steps(host), flags);
}
