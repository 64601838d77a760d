import type { Conversion } from './scan.js';

/** A column a header-driven reader needs: its header name and its conversion. */
export interface FieldSpec {
  name: string;
  conversion: Conversion;
}

/** The outcome of {@link headerFormat}. */
export type HeaderFormat =
  | {
      ok: true;
      /** The scanf conversions, one per header word up to the last required field. */
      conversions: Conversion[];
      /** For each required field, the index of its conversion. */
      slots: number[];
    }
  | { ok: false; message: string };

/** net-tools builds the scanf format in a 512-byte buffer: at most 127 conversions fit. */
const MAX_CONVERSIONS = 127;

/**
 * Builds a scanf format from a /proc header line the way net-tools' `proc_gen_fmt` does (spec
 * §5.2): words split at blanks, tabs and `|`; a word equal to the next required name takes its
 * conversion, any other word becomes `%*s`. A required name absent or out of order gives
 * `warning: <file> does not contain required field <NAME>`; too many columns give the Debian
 * `warning: format buffer overflow in <file>`.
 */
export function headerFormat(file: string, header: string, fields: readonly FieldSpec[]): HeaderFormat {
  const conversions: Conversion[] = [];
  const slots: number[] = [];
  const words = header.split(/[ \t|\n]+/);
  let r = 0;
  for (const w of words) {
    if (r === fields.length) break;
    if (w === '') continue;
    if (conversions.length === MAX_CONVERSIONS)
      return { ok: false, message: `warning: format buffer overflow in ${file}` };
    if (w === fields[r]!.name) {
      slots.push(conversions.length);
      conversions.push(fields[r]!.conversion);
      r++;
    } else conversions.push({ kind: 'skip', width: 0 });
  }
  if (r < fields.length) {
    return { ok: false, message: `warning: ${file} does not contain required field ${fields[r]!.name}` };
  }
  return { ok: true, conversions, slots };
}

/** Shorthands for the conversions the route readers use. */
export const conv = {
  iface: { kind: 's', width: 15 },
  str: { kind: 's', width: 0 },
  hex: { kind: 'x', width: 0 },
  int: { kind: 'd', width: 0 },
} as const satisfies Record<string, Conversion>;

/** Header line buffer of the route readers (fgets size). */
export const ROUTE_LINE_BUFFER = 512;
