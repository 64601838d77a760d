import { atoi, type ByteInput, field, forEachRecord, trimBlanks } from '@netstat-ts/core';

/** The file of the AX.25 routing table. */
export const PROC_NET_AX25_ROUTE = '/proc/net/ax25_route';

/** One line of /proc/net/ax25_route as net-tools 2.10 reads it (spec §4.6). */
export interface Ax25RouteRecord {
  /** 0-based record number (the header is record 0). */
  line: number;
  /** Destination callsign: bytes 0–8 without the kernel's blank padding (`default` for the default route). */
  callsign: string;
  /** Interface: bytes 10–13 without blank padding (longer names are cut to 4 bytes). */
  iface: string;
  /**
   * The "Use" column: `atoi` of the text from byte 15. With the kernel's format
   * (`callsign dev mode digipeaters`) that is the mode letter, so always 0.
   */
  use: number;
}

/**
 * Scans /proc/net/ax25_route (bytes, a byte string or the piece feed of a streamed file) in one
 * pass: `record` for every route; record 0 is the header and skipped.
 */
export function scanAx25Route(input: ByteInput, record: (r: Ax25RouteRecord) => void): void {
  forEachRecord(input, (buf, _len, line) => {
    if (line === 0) return;
    record({
      line,
      callsign: trimBlanks(field(buf, 0, 9)),
      iface: trimBlanks(field(buf, 10, 4)),
      use: atoi(buf, 15),
    });
  });
}

/** Parses all of /proc/net/ax25_route (bytes or byte string) at once (see {@link scanAx25Route}). */
export function parseAx25Route(input: Uint8Array | string): Ax25RouteRecord[] {
  const out: Ax25RouteRecord[] = [];
  scanAx25Route(input, (r) => out.push(r));
  return out;
}
