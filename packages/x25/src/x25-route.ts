import type { Diagnostic } from '@netstat-ts/core';
import { cAtoi, cString, splitLines } from './c-text.js';

/**
 * One line of the X.25 routing table (`/proc/net/x25/route` or 2.4's `/proc/net/x25_routes`,
 * kernel format `%-15s  %-7d %-5s`: address, significant digits, device), read the way net-tools
 * 2.10 reads it: NULs at offsets 24 and 35, digits = `atoi` at offset 17 (outside 0..15 → 15),
 * address = the first `digits` bytes, device = the text from offset 25 (at most 10 bytes).
 */
export interface X25RouteRecord {
  /** 1-based line number in the file. */
  line: number;
  /** The address column (bytes 0–14, trailing blanks removed). */
  address: string;
  /** `atoi` of the Digits column before clamping. */
  digitsRaw: number;
  /** Significant digits as used (0..15). */
  digits: number;
  /** Device name as shown (bytes 25–34). */
  device: string;
  /** The Destination column text: `*` for 0 digits, else `<first digits bytes>/<digits>`. */
  destination: string;
}

/** The parse of the X.25 routing table: records in file order, and notes about lines not shown. */
export interface X25RouteParse {
  records: X25RouteRecord[];
  diagnostics: Array<Diagnostic & { line: number }>;
}

/** Shortest line that holds every field 2.10 reads (the device starts at offset 25). */
const MIN_LINE = 26;

/** Parses the X.25 routing table (a byte string); the header line is skipped. */
export function parseX25Routes(text: string): X25RouteParse {
  const records: X25RouteRecord[] = [];
  const diagnostics: X25RouteParse['diagnostics'] = [];
  const lines = splitLines(text);
  for (let n = 1; n < lines.length; n++) {
    const line = lines[n]!;
    const lineNo = n + 1;
    if (line.length < MIN_LINE || (line.indexOf('\0') >= 0 && line.indexOf('\0') < MIN_LINE)) {
      // 2.10 would read the missing bytes from earlier lines left in its buffer.
      diagnostics.push({
        level: 'info',
        line: lineNo,
        message: `/proc/net/x25/route: line ${lineNo} is too short for an X.25 route (not shown)`,
      });
      continue;
    }
    const digitsRaw = cAtoi(line.slice(0, 24), 17);
    const digits = digitsRaw < 0 || digitsRaw > 15 ? 15 : digitsRaw;
    const device = cString(line.slice(0, 35), 25);
    const head = cString(line, 0);
    const destination = digits === 0 ? '*' : `${head.slice(0, digits)}/${digits}`;
    records.push({
      line: lineNo,
      address: cString(line.slice(0, 15), 0).replace(/[ \t]+$/, ''),
      digitsRaw,
      digits,
      device,
      destination,
    });
  }
  return { records, diagnostics };
}
