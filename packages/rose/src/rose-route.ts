import { atoi, type ByteInput, field, forEachRecord, setNul, trimBlanks } from '@netstat-ts/core';

/** The ROSE node table. */
export const PROC_NET_ROSE_NODES = '/proc/net/rose_nodes';
/** The ROSE neighbour table. */
export const PROC_NET_ROSE_NEIGH = '/proc/net/rose_neigh';

/** A line of /proc/net/rose_nodes as net-tools 2.10 reads it (spec §4.6). */
export interface RoseNodeRecord {
  /** 0-based record number (the header is record 0). */
  line: number;
  /** ROSE address: bytes 0–9 without blank padding. */
  address: string;
  /** Number of neighbours: `atoi` of byte 16 (one digit: byte 17 is cut). */
  count: number;
  /** The neighbour numbers at bytes 18, 24, 30, … (`count` of them). */
  neighbourNumbers: number[];
}

/** A line of /proc/net/rose_neigh as net-tools 2.10 reads it. */
export interface RoseNeighbour {
  line: number;
  /** `atoi` of the line (the `addr` column). */
  number: number;
  /** Callsign: bytes 6–14 without blank padding. */
  callsign: string;
  /** Device: bytes 16–20 without blank padding. */
  device: string;
  /** Bytes 16–20 exactly as printed (`ax1  `). */
  deviceText: string;
}

/**
 * Scans /proc/net/rose_nodes (bytes, a byte string or the piece feed of a streamed file) in one
 * pass: `record` for every node; record 0 is the header and skipped.
 */
export function scanRoseNodes(input: ByteInput, record: (r: RoseNodeRecord) => void): void {
  forEachRecord(input, (buf, _len, line) => {
    if (line === 0) return;
    setNul(buf, 10, 15, 17, 23, 29, 35);
    const count = atoi(buf, 16);
    const neighbourNumbers: number[] = [];
    for (let i = 0; i < count; i++) neighbourNumbers.push(atoi(buf, 6 * (i + 3)));
    record({ line, address: trimBlanks(field(buf, 0, 10)), count, neighbourNumbers });
  });
}

/** Parses all of /proc/net/rose_nodes (bytes or byte string) at once (see {@link scanRoseNodes}). */
export function parseRoseNodes(input: Uint8Array | string): RoseNodeRecord[] {
  const out: RoseNodeRecord[] = [];
  scanRoseNodes(input, (r) => out.push(r));
  return out;
}

/**
 * Scans /proc/net/rose_neigh (bytes, a byte string or the piece feed of a streamed file) in one
 * pass: `record` for every neighbour line; record 0 is the header and skipped.
 */
export function scanRoseNeigh(input: ByteInput, record: (r: RoseNeighbour) => void): void {
  forEachRecord(input, (buf, _len, line) => {
    if (line === 0) return;
    const number = atoi(buf, 0);
    setNul(buf, 15, 21);
    const deviceText = field(buf, 16, 5);
    record({
      line,
      number,
      callsign: trimBlanks(field(buf, 6, 9)),
      device: trimBlanks(deviceText),
      deviceText,
    });
  });
}

/** Parses all of /proc/net/rose_neigh (bytes or byte string) at once (see {@link scanRoseNeigh}). */
export function parseRoseNeigh(input: Uint8Array | string): RoseNeighbour[] {
  const out: RoseNeighbour[] = [];
  scanRoseNeigh(input, (r) => out.push(r));
  return out;
}
