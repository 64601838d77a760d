/**
 * The "pair" format of /proc/net/snmp and /proc/net/netstat (spec §9.3): each section is a header
 * line `Title: Name1 Name2 …` followed by a value line `Title: v1 v2 …`. This module is a pure
 * parser with net-tools 2.10's tolerance and failures.
 */
import { type ByteInput, forEachInputPiece } from '@netstat-ts/core';
import { cString, strtoull } from './scan.js';

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
  /** The number (from 1) of a line over {@link PairScanOptions.maxLine}, where reading stopped. */
  longLine?: number;
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
 * Longest line a streamed pair file may have: a section's header line must be held until its
 * value line has been read (the names are paired with the values), so the lines are bounded
 * here, far above the kernel's (the longest, `TcpExt:`, is about 3 KiB). A longer line stops the
 * reading there ({@link PairParse.longLine}).
 */
export const PAIR_LINE_MAX = 64 << 10;

/** How {@link scanPairs} reads. */
export interface PairScanOptions {
  /** Keep only the sections whose title starts with this. */
  filter?: string;
  /**
   * Longest line read (bytes): a longer one stops the reading. Default: no limit for bytes or a
   * string in memory, {@link PAIR_LINE_MAX} for a piece feed.
   */
  maxLine?: number;
}

/**
 * One pass over a pair file (a byte string, bytes or the piece feed of a streamed file), in file
 * order: `each` for every section, with {@link parsePairs}' rules. Only one header line and its
 * value line are held at a time: with `maxLine` (see {@link PAIR_LINE_MAX}), memory is bounded
 * whatever the file's size. `sections` of the result is empty.
 */
export function scanPairs(
  input: ByteInput,
  each: (s: PairSection) => void,
  options: PairScanOptions = {},
): PairParse {
  const { filter, maxLine } = options;

  const r: PairParse = { sections: [], formatError: false };
  let head: string | null = null;
  let line = 0;
  let stopped = false;
  const limit = maxLine ?? (typeof input === 'function' ? PAIR_LINE_MAX : undefined);
  const max = limit === undefined ? Number.POSITIVE_INFINITY : limit + 1;
  forEachInputPiece(input, max, (buf, start, end) => {
    if (stopped) return;
    line++;
    if (end - start === max && buf[end - 1] !== 10) {
      r.longLine = line;
      stopped = true;
      return;
    }
    const text = buf.toString('latin1', start, end);
    if (head === null) {
      if (text !== '\n') head = text;
      return;
    }
    const a = cString(head);
    const b = cString(text);
    head = null;
    const ca = a.indexOf(':');
    const cb = b.indexOf(':');
    if (ca < 0 || cb < 0) {
      r.formatError = true;
      stopped = true;
      return;
    }
    const title = a.slice(0, ca);
    if (filter !== undefined && !title.startsWith(filter)) return;
    each({ title, counters: pairCounters(a.slice(ca + 1), b.slice(cb + 1)) });
  });
  return r;
}

/**
 * Parses a pair file. Lines may be of any length. A header line that is just `\n` is skipped; a
 * header without a value line ends the file silently; a line without `:` (before any NUL byte)
 * ends it with `formatError`. With `filter`, sections whose title does not start with it are
 * dropped (after the colon check, as in 2.10's second pass of the IPv6 run). The whole file at
 * once: {@link scanPairs} streams it.
 */
export function parsePairs(text: string, filter?: string): PairParse {
  const sections: PairSection[] = [];
  const r = scanPairs(text, (s) => sections.push(s), { filter });
  return { sections, formatError: r.formatError };
}
