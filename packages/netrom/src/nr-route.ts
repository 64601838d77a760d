import { atoi, type ByteInput, field, forEachRecord, setNul, trimBlanks } from '@netstat-ts/core';

/** The NET/ROM node table. */
export const PROC_NET_NR_NODES = '/proc/net/nr_nodes';
/** The NET/ROM neighbour table. */
export const PROC_NET_NR_NEIGH = '/proc/net/nr_neigh';

/** A line of /proc/net/nr_neigh as net-tools 2.10 reads it. */
export interface NetromNeighbour {
  /** 0-based record number (the header is record 0). */
  line: number;
  /** Neighbour number: `atoi` of the line (the `addr` column). */
  number: number;
  /** Callsign: bytes 6–14 without blank padding. */
  callsign: string;
  /** Device: bytes 16–19 without blank padding (longer names are cut to 4 bytes). */
  device: string;
  /** Bytes 16–19 exactly as printed (`ax1 `, `mkis`). */
  deviceText: string;
}

/** A line of /proc/net/nr_nodes as net-tools 2.10 reads it. */
export interface NetromNodeRecord {
  line: number;
  /** Node callsign: bytes 0–8 without blank padding. */
  callsign: string;
  /** Mnemonic: bytes 10–16 without blank padding. */
  mnemonic: string;
  /** The `w` column: 1-based index of the route in use. */
  which: number;
  /** Quality of that route. */
  quality: number;
  /** Neighbour number of that route. */
  neighbourNumber: number;
}

/**
 * Scans /proc/net/nr_neigh (bytes, a byte string or the piece feed of a streamed file) in one
 * pass: `record` for every neighbour line; record 0 is the header and skipped.
 */
export function scanNrNeigh(input: ByteInput, record: (r: NetromNeighbour) => void): void {
  forEachRecord(input, (buf, _len, line) => {
    if (line === 0) return;
    const number = atoi(buf, 0);
    setNul(buf, 15, 20);
    const deviceText = field(buf, 16, 4);
    record({
      line,
      number,
      callsign: trimBlanks(field(buf, 6, 9)),
      device: trimBlanks(deviceText),
      deviceText,
    });
  });
}

/** Parses all of /proc/net/nr_neigh (bytes or byte string) at once (see {@link scanNrNeigh}). */
export function parseNrNeigh(input: Uint8Array | string): NetromNeighbour[] {
  const out: NetromNeighbour[] = [];
  scanNrNeigh(input, (r) => out.push(r));
  return out;
}

/**
 * Scans /proc/net/nr_nodes (bytes, a byte string or the piece feed of a streamed file) in one
 * pass: `record` for every node; record 0 is the header and skipped. Callsign bytes 0–8,
 * mnemonic 10–16, `w` at byte 19; the quality and neighbour of route `w` at bytes 24 + 15·(w−1)
 * and 32 + 15·(w−1).
 */
export function scanNrNodes(input: ByteInput, record: (r: NetromNodeRecord) => void): void {
  forEachRecord(input, (buf, _len, line) => {
    if (line === 0) return;
    setNul(buf, 9, 17);
    const which = atoi(buf, 19);
    const w = which - 1;
    record({
      line,
      callsign: trimBlanks(field(buf, 0, 9)),
      mnemonic: trimBlanks(field(buf, 10, 7)),
      which,
      quality: atoi(buf, 24 + 15 * w),
      neighbourNumber: atoi(buf, 32 + 15 * w),
    });
  });
}

/** Parses all of /proc/net/nr_nodes (bytes or byte string) at once (see {@link scanNrNodes}). */
export function parseNrNodes(input: Uint8Array | string): NetromNodeRecord[] {
  const out: NetromNodeRecord[] = [];
  scanNrNodes(input, (r) => out.push(r));
  return out;
}
