import { type ByteInput, type Diagnostic, forEachBoundedLine } from '@netstat-ts/core';
import { cAtoi, cString } from './c-text.js';

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

/**
 * How much of a line is read: every byte 2.10 looks at lies in its first 35 (the device ends
 * at offset 35), so a longer line reads the same cut here, and its rest is skipped.
 */
const LINE_MAX = 64;

/**
 * Scans the X.25 routing table (bytes, a byte string or the piece feed of a streamed file) line
 * by line in one pass: `record` for every route, `problem` for every line too short to be one,
 * in file order; the header line is skipped. Memory stays bounded whatever the lines' length.
 */
export function scanX25Route(
  input: ByteInput,
  record: (r: X25RouteRecord) => void,
  problem: (d: Diagnostic & { line: number }) => void = () => {},
): void {
  forEachBoundedLine(
    input,
    (line, i) => {
      const lineNo = i + 1;
      if (lineNo === 1) return;
      if (line.length < MIN_LINE || (line.indexOf('\0') >= 0 && line.indexOf('\0') < MIN_LINE)) {
        // 2.10 would read the missing bytes from earlier lines left in its buffer.
        problem({
          level: 'info',
          line: lineNo,
          message: `/proc/net/x25/route: line ${lineNo} is too short for an X.25 route (not shown)`,
        });
        return;
      }
      const digitsRaw = cAtoi(line.slice(0, 24), 17);
      const digits = digitsRaw < 0 || digitsRaw > 15 ? 15 : digitsRaw;
      const device = cString(line.slice(0, 35), 25);
      const head = cString(line, 0);
      const destination = digits === 0 ? '*' : `${head.slice(0, digits)}/${digits}`;
      record({
        line: lineNo,
        address: cString(line.slice(0, 15), 0).replace(/[ \t]+$/, ''),
        digitsRaw,
        digits,
        device,
        destination,
      });
    },
    LINE_MAX,
  );
}

/**
 * Parses all of the X.25 routing table (bytes or a byte string) at once: {@link scanX25Route}'s
 * records and notes.
 */
export function parseX25Routes(text: Uint8Array | string): X25RouteParse {
  const records: X25RouteRecord[] = [];
  const diagnostics: X25RouteParse['diagnostics'] = [];
  scanX25Route(
    text,
    (r) => records.push(r),
    (d) => diagnostics.push(d),
  );
  return { records, diagnostics };
}
