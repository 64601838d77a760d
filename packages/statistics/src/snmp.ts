/**
 * The "pair" format of /proc/net/snmp and /proc/net/netstat (spec §9.3): each section is a header
 * line `Title: Name1 Name2 …` followed by a value line `Title: v1 v2 …`. This module is a pure
 * parser with net-tools 2.10's tolerance and failures.
 */
import { cString, splitLines, strtoull } from './scan.js';

/** One counter read from a /proc statistics file; `value` is an exact unsigned 64-bit integer. */
export interface Counter {
  name: string;
  value: bigint;
}

/** One section of a pair file: the text before the first `:` of the header line, and its counters. */
export interface PairSection {
  title: string;
  counters: Counter[];
}

/** The result of {@link parsePairs}. */
export interface PairParse {
  /** The sections in file order (up to the point of a format error). */
  sections: PairSection[];
  /** True when a header or value line had no `:`; reading stopped there (2.10's "Problem while parsing"). */
  formatError: boolean;
}

const NAME_DELIMS = ' \t\n';

/**
 * Pairs the names of a header line (the text after its first colon) with the values of a value
 * line: names are the tokens between blanks, tabs and newlines; each value is read with
 * `strtoull` from where the previous one stopped, so a missing or garbled value gives 0 for that
 * name and every later one.
 */
export function pairCounters(names: string, values: string): Counter[] {
  const counters: Counter[] = [];
  let pos = 0;
  let i = 0;
  while (i < names.length) {
    while (i < names.length && NAME_DELIMS.includes(names[i]!)) i++;
    const start = i;
    while (i < names.length && !NAME_DELIMS.includes(names[i]!)) i++;
    if (i === start) break;
    while (pos < values.length && NAME_DELIMS.includes(values[pos]!)) pos++;
    const r = strtoull(values, pos);
    pos = r.end;
    counters.push({ name: names.slice(start, i), value: r.value });
  }
  return counters;
}

/**
 * Parses a pair file. Lines may be of any length. A header line that is just `\n` is skipped; a
 * header without a value line ends the file silently; a line without `:` (before any NUL byte)
 * ends it with `formatError`. With `filter`, sections whose title does not start with it are
 * dropped (after the colon check, as in 2.10's second pass of the IPv6 run).
 */
export function parsePairs(text: string, filter?: string): PairParse {
  const lines = splitLines(text);
  const sections: PairSection[] = [];
  let i = 0;
  while (i < lines.length) {
    const head = lines[i++]!;
    if (head === '\n') continue;
    if (i >= lines.length) break;
    const a = cString(head);
    const b = cString(lines[i++]!);
    const ca = a.indexOf(':');
    const cb = b.indexOf(':');
    if (ca < 0 || cb < 0) return { sections, formatError: true };
    const title = a.slice(0, ca);
    if (filter !== undefined && !title.startsWith(filter)) continue;
    sections.push({ title, counters: pairCounters(a.slice(ca + 1), b.slice(cb + 1)) });
  }
  return { sections, formatError: false };
}
