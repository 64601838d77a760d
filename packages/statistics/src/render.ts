/**
 * The counter printer of net-tools 2.10's `netstat -s` (spec §9.3): table titles, the global
 * indentation state and the sentence for each counter, collected as text lines plus JSON rows.
 */
import type { Diagnostic } from '@netstat-ts/core';
import { jsonValue } from './scan.js';
import type { Counter } from './snmp.js';
import { type CounterTable, findCounter, type TableFlag } from './tables.js';

/** One JSON row: a counter as read and the sentence 2.10 prints for it (null when it prints none). */
export interface StatisticsRow {
  /** The table title (`Tcp`, `IcmpMsg`, `Ip6`, …). */
  section: string;
  name: string;
  /** The unsigned 64-bit value: a number up to 2^53-1, else its decimal string. */
  value: number | string;
  /** The printed sentence without indentation, or null when nothing is printed for it. */
  text: string | null;
}

/** The indentation state, global across tables: normal and opt print at 4, histograms at 8. */
export type IndentState = 'normal' | 'opt' | 'inHist' | 'outHist';

/** One piece of output, in order. */
export interface OutputLine {
  stream: 'stdout' | 'stderr';
  /** The text including its newline. */
  text: string;
}

/** What one /proc file contributes: output lines, rows and diagnostics. */
export interface Emission {
  lines: OutputLine[];
  rows: StatisticsRow[];
  diagnostics: Diagnostic[];
}

/**
 * Where a printer's output goes, in order: an {@link Emission} collects it; a streamed section
 * writes the lines as they come and keeps nothing.
 */
export interface EmissionSink {
  lines: { push(line: OutputLine): unknown };
  rows: { push(row: StatisticsRow): unknown };
  diagnostics: { push(d: Diagnostic): unknown };
}

/** A new, empty {@link Emission}. */
export function emission(): Emission {
  return { lines: [], rows: [], diagnostics: [] };
}

/** Adds a stderr message (text without newline) to an emission, as output and diagnostic. */
export function emitError(e: EmissionSink, message: string): void {
  e.lines.push({ stream: 'stderr', text: message + '\n' });
  e.diagnostics.push({ level: 'error', message, stream: 'stderr' });
}

/** The table a counter goes to: a known table, or undefined for an unknown title. */
export interface OpenTable {
  title: string;
  known?: CounterTable;
  /** Whether the table's counters are printed (unknown tables always are). */
  shown: boolean;
}

const INDENT: Record<IndentState, string> = {
  normal: '    ',
  opt: '    ',
  inHist: '        ',
  outHist: '        ',
};

/** The stateful printer; one instance serves a whole `-s` run. */
export class CounterPrinter {
  state: IndentState = 'normal';

  constructor(private readonly flags: Readonly<Record<TableFlag, boolean>>) {}

  /**
   * Starts a table: a known title prints `Title:` only when its flag is set and always resets
   * the state; an unknown title always prints and keeps the state.
   */
  startTable(e: EmissionSink, title: string, known: CounterTable | undefined): OpenTable {
    const shown = known === undefined || this.flags[known.flag];
    if (shown) e.lines.push({ stream: 'stdout', text: title + ':\n' });
    if (known) this.state = 'normal';
    return { title, known, shown };
  }

  /** Prints one counter of an open table (nothing when the table is not shown). */
  counter(e: EmissionSink, t: OpenTable, c: Counter): void {
    if (!t.shown) return;
    const text = this.sentence(e, t, c);
    e.rows.push({ section: t.title, name: c.name, value: jsonValue(c.value), text });
  }

  private line(e: EmissionSink, indent: string, text: string): void {
    e.lines.push({ stream: 'stdout', text: indent + text + '\n' });
  }

  private sentence(e: EmissionSink, t: OpenTable, c: Counter): string | null {
    const entry = t.known ? findCounter(t.known, c.name) : undefined;
    const v = c.value.toString();
    if (!entry) {
      if (c.value === 0n) return null;
      const text = `${c.name}: ${v}`;
      this.line(e, INDENT[this.state], text);
      return text;
    }
    if (entry.kind === 'static' || entry.template === '') return null;
    const text = entry.template.replace('%llu', v);
    switch (entry.kind) {
      case 'inHist':
      case 'outHist': {
        if (this.state !== entry.kind) {
          const title = entry.kind === 'inHist' ? 'ICMP input histogram:' : 'ICMP output histogram:';
          this.line(e, INDENT[this.state], title);
        }
        this.state = entry.kind;
        if (c.value === 0n) return null;
        this.line(e, INDENT[entry.kind], text);
        return text;
      }
      case 'number':
        this.state = 'normal';
        this.line(e, INDENT.normal, text);
        return text;
      case 'opt':
        this.state = 'opt';
        if (c.value === 0n) return null;
        this.line(e, INDENT.opt, text);
        return text;
    }
  }
}
