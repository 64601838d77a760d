import { type ByteInput, type Diagnostic, forEachRecord, scan } from '@netstat-ts/core';

/** The file of the ROSE socket table. */
export const PROC_NET_ROSE = '/proc/net/rose';

/** The stdout message for an unreadable record. */
export const ROSE_PROBLEM = `Problem reading data from ${PROC_NET_ROSE}`;

/** One ROSE socket (spec §4.4), with every field as the kernel wrote it. */
export interface RoseSocketRecord {
  /** 0-based record number (the header is record 0). */
  line: number;
  /** Destination ROSE address (10 digits, or `*`). */
  destAddr: string;
  /** Destination callsign. */
  destCall: string;
  /** Source ROSE address. */
  srcAddr: string;
  /** Source callsign. */
  srcCall: string;
  /** Device (`rose0`, `???` when unbound). */
  device: string;
  /** Logical channel identifier (the kernel prints it in hex; 2.10 reads it as decimal). */
  lci: number;
  /** Neighbour number. */
  neigh: number;
  /** Kernel state: 0 LISTENING, 1 CONN SENT, 2 DISC SENT, 3 ESTABLISHED. */
  state: number;
}

/** A message tied to the record that produced it (net-tools prints these on stdout). */
export interface LineDiagnostic extends Diagnostic {
  line: number;
}

/** What {@link parseProcNetRose} returns. */
export interface RoseParseResult {
  records: RoseSocketRecord[];
  diagnostics: LineDiagnostic[];
}

const FORMAT = '%s %s %s %s %s %d %d %d';

/**
 * Scans /proc/net/rose (bytes, a byte string or the piece feed of a streamed file) in one pass:
 * `record` for every socket, `problem` for every unreadable record, in file order. Fields:
 * `dest_addr dest_call src_addr src_call dev lci neigh st`; anything but 8 values is a problem
 * line (e.g. a hex lci such as `FFF` or `1B2`). The strings are kept whole: 2.10's adjacent fixed
 * buffers are not emulated (see README).
 */
export function scanProcNetRose(
  input: ByteInput,
  record: (r: RoseSocketRecord) => void,
  problem: (d: LineDiagnostic) => void = () => {},
): void {
  forEachRecord(input, (buf, _len, line) => {
    if (line === 0) return;
    const r = scan(buf, 0, FORMAT);
    if (r.count !== 8) {
      problem({ level: 'warning', message: ROSE_PROBLEM, stream: 'stdout', line });
      return;
    }
    const v = r.values;
    record({
      line,
      destAddr: v[0] as string,
      destCall: v[1] as string,
      srcAddr: v[2] as string,
      srcCall: v[3] as string,
      device: v[4] as string,
      lci: v[5] as number,
      neigh: v[6] as number,
      state: v[7] as number,
    });
  });
}

/** Parses all of /proc/net/rose (bytes or byte string) at once: {@link scanProcNetRose}'s records and messages. */
export function parseProcNetRose(input: Uint8Array | string): RoseParseResult {
  const records: RoseSocketRecord[] = [];
  const diagnostics: LineDiagnostic[] = [];
  scanProcNetRose(
    input,
    (r) => records.push(r),
    (d) => diagnostics.push(d),
  );
  return { records, diagnostics };
}
