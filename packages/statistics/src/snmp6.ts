/**
 * /proc/net/snmp6 (spec §9.4): one `Name value` line per counter. Pure parser reproducing
 * net-tools 2.10: lines are read in 1023-byte pieces and scanned like `sscanf("%s %llu")`, so a
 * line without a usable value reuses the previous value (and an empty line the previous name);
 * counters are grouped into tables by name prefix.
 */

import { type ByteInput, forEachInputPiece } from '@netstat-ts/core';
import { cString, isCSpace, strtoull } from './scan.js';
import type { Counter } from './snmp.js';

/** The fgets buffer size of 2.10's snmp6 reader. */
export const SNMP6_LINE_BUFFER = 1024;

/** A run of snmp6 counters that 2.10 prints under one table title. */
export interface Snmp6Group {
  title: string;
  counters: Counter[];
}

/** The table title of a snmp6 name: its prefix up to and including the first `6`, or the whole name. */
export function snmp6Title(name: string): string {
  const six = name.indexOf('6');
  return six < 0 ? name : name.slice(0, six + 1);
}

/**
 * Scans one line like `sscanf(line, "%s %llu", name, &value)`: returns the name (undefined when
 * the line holds only white space) and the value (undefined when it does not convert).
 */
export function scanNameValue(line: string): { name?: string; value?: bigint } {
  const s = cString(line);
  let i = 0;
  while (i < s.length && isCSpace(s[i])) i++;
  if (i >= s.length) return {};
  const start = i;
  while (i < s.length && !isCSpace(s[i])) i++;
  const name = s.slice(start, i);
  const r = strtoull(s, i);
  // scanf's %llu, unlike strtoull, never accepts a sign alone; strtoull already rejects that.
  return r.converted ? { name, value: r.value } : { name };
}

/**
 * One pass over snmp6 (a byte string, bytes or the piece feed of a streamed file), in file order,
 * with {@link parseSnmp6}'s grouping: `group` when a new table group starts, `counter` for every
 * counter. Read as 1023-byte fgets pieces: constant memory whatever the file's size.
 */
export function scanSnmp6(
  input: ByteInput,
  group: (title: string) => void,
  counter: (c: Counter) => void,
): void {
  let name = '';
  let value = 0n;
  let title: string | null = null;
  forEachInputPiece(input, SNMP6_LINE_BUFFER - 1, (buf, start, end) => {
    const scanned = scanNameValue(buf.toString('latin1', start, end));
    if (scanned.name !== undefined) name = scanned.name;
    if (scanned.value !== undefined) value = scanned.value;
    if (title === null || !name.includes(title)) {
      title = snmp6Title(name);
      group(title);
    }
    counter({ name, value });
  });
}

/**
 * Parses snmp6 text into table groups. A new group starts at the first line and whenever the
 * current title is not a substring of the line's name (so an empty first line gives the title
 * `""`, which never changes). The whole file at once: {@link scanSnmp6} streams it.
 */
export function parseSnmp6(text: string): Snmp6Group[] {
  const groups: Snmp6Group[] = [];
  let current: Snmp6Group | undefined;
  scanSnmp6(
    text,
    (title) => {
      current = { title, counters: [] };
      groups.push(current);
    },
    (c) => current!.counters.push(c),
  );
  return groups;
}
