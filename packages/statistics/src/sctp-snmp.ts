/**
 * /proc/net/sctp/snmp (spec §9.2 step 3): `Name<blanks>value` lines. Pure parser reproducing
 * net-tools 2.10: 1023-byte line pieces; the name ends at the first blank, tab, newline or NUL;
 * a line whose name reaches the end of the piece, or with nothing after the blanks that follow
 * the name, is skipped; otherwise the value is `strtoull` of the rest (0 when it is not a number).
 */

import { cString, fgetsChunks, strtoull } from './scan.js';
import type { Counter } from './snmp.js';

/** The fgets buffer size of 2.10's sctp/snmp reader. */
export const SCTP_LINE_BUFFER = 1024;

const isNameEnd = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\0';
const isGap = (c: string): boolean => c === ' ' || c === '\t' || c === '\n';

/** Scans one line piece: the counter, or undefined when 2.10 skips the line. */
export function scanSctpLine(piece: string): Counter | undefined {
  let i = 0;
  while (i < piece.length && !isNameEnd(piece[i]!)) i++;
  if (i >= piece.length) return undefined;
  const name = piece.slice(0, i);
  let j = i + 1;
  while (j < piece.length && isGap(piece[j]!)) j++;
  if (j >= piece.length || piece[j] === '\0') return undefined;
  const rest = cString(piece.slice(j));
  return { name, value: strtoull(rest, 0).value };
}

/** Parses sctp/snmp text into its counters, in file order. */
export function parseSctpSnmp(text: string): Counter[] {
  const counters: Counter[] = [];
  for (const piece of fgetsChunks(text, SCTP_LINE_BUFFER)) {
    const c = scanSctpLine(piece);
    if (c) counters.push(c);
  }
  return counters;
}
