/**
 * The counter tables of net-tools 2.10's `netstat -s` (spec §9.5), in their exact array order.
 *
 * The order matters: 2.10 looks names up with a binary search although the arrays are not sorted,
 * so some keys are never found and print as `Name: value` ({@link findCounter} reproduces this).
 * Templates hold one `%llu` for the value (STATIC entries hold `%s` and are never printed).
 */

/**
 * How a found counter prints: `number` always, `opt` only when non-zero, `inHist`/`outHist` as
 * an ICMP histogram entry, `static` never.
 */
export type CounterKind = 'number' | 'opt' | 'inHist' | 'outHist' | 'static';

/** The protocol flag (`-t`, `-u`, `-S`, `-w`) that shows a table. */
export type TableFlag = 'tcp' | 'udp' | 'sctp' | 'raw';

/** One table entry: kernel counter name, sentence template and kind. */
export interface CounterEntry {
  key: string;
  template: string;
  kind: CounterKind;
}

/** A known table: its title, the flag that shows it and its entries in array order. */
export interface CounterTable {
  title: string;
  flag: TableFlag;
  entries: readonly CounterEntry[];
}

/** One table row as written in the data files: key, template, kind. */
export type Row = readonly [string, string, CounterKind];

/** Builds a table from its rows. */
export function table(title: string, flag: TableFlag, rows: readonly Row[]): CounterTable {
  return { title, flag, entries: rows.map(([key, template, kind]) => ({ key, template, kind })) };
}

/** C `strcmp` on byte strings: negative, zero or positive. */
function strcmp(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/**
 * Looks `name` up exactly as glibc's `bsearch` with `strcmp` does over the table's array order
 * (which is not sorted): returns the entry, or undefined when the search misses it.
 */
export function findCounter(t: CounterTable, name: string): CounterEntry | undefined {
  let lo = 0;
  let hi = t.entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const entry = t.entries[mid]!;
    const c = strcmp(name, entry.key);
    if (c < 0) hi = mid;
    else if (c > 0) lo = mid + 1;
    else return entry;
  }
  return undefined;
}
