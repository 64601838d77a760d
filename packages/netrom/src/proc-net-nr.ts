import { type ByteInput, type Diagnostic, field, forEachRecord, scan, trimBlanks } from '@netstat-ts/core';

/** The file of the NET/ROM socket table. */
export const PROC_NET_NR = '/proc/net/nr';

/** The stdout message for an unreadable record. */
export const NR_PROBLEM = `Problem reading data from ${PROC_NET_NR}`;

/** One NET/ROM socket as net-tools 2.10 reads it (spec §4.3). */
export interface NetromSocketRecord {
  /** 0-based record number (the header is record 0). */
  line: number;
  /** User callsign (bytes 0–8 without blank padding). */
  user: string;
  /** Destination node (bytes 10–18; `*` when listening). */
  dest: string;
  /** Source (our) node (bytes 20–28). */
  source: string;
  /** Device name. */
  device: string;
  /** Kernel state: 0 LISTENING, 1 CONN SENT, 2 DISC SENT, 3 ESTABLISHED. */
  state: number;
  /** V(S). */
  vs: number;
  /** V(R). */
  vr: number;
  sendQ: number;
  recvQ: number;
}

/** A message tied to the record that produced it (net-tools prints these on stdout). */
export interface LineDiagnostic extends Diagnostic {
  line: number;
}

/** What {@link parseProcNetNr} returns. */
export interface NetromParseResult {
  records: NetromSocketRecord[];
  diagnostics: LineDiagnostic[];
}

const TAIL = '%s %*x/%*x %*x/%*x %d %d %d %*d %*d/%*d %*d/%*d %*d/%*d %*d/%*d %*d/%*d %*d %d %d %*d';

/**
 * Scans /proc/net/nr (bytes, a byte string or the piece feed of a streamed file) in one pass:
 * `record` for every socket, `problem` for every unreadable record, in file order. Fixed columns
 * 0–8, 10–18, 20–28, then from byte 30 `dev my/your … st vs vr … sndq rcvq`; exactly 6 values or
 * the record is a problem line. A record never borrows bytes of an earlier one (see README:
 * stale buffer deviation).
 */
export function scanProcNetNr(
  input: ByteInput,
  record: (r: NetromSocketRecord) => void,
  problem: (d: LineDiagnostic) => void = () => {},
): void {
  forEachRecord(input, (buf, _len, line) => {
    if (line === 0) return;
    const r = scan(buf, 30, TAIL);
    if (r.count !== 6) {
      problem({ level: 'warning', message: NR_PROBLEM, stream: 'stdout', line });
      return;
    }
    const v = r.values;
    record({
      line,
      user: trimBlanks(field(buf, 0, 9)),
      dest: trimBlanks(field(buf, 10, 9)),
      source: trimBlanks(field(buf, 20, 9)),
      device: v[0] as string,
      state: v[1] as number,
      vs: v[2] as number,
      vr: v[3] as number,
      sendQ: v[4] as number,
      recvQ: v[5] as number,
    });
  });
}

/** Parses all of /proc/net/nr (bytes or byte string) at once: {@link scanProcNetNr}'s records and messages. */
export function parseProcNetNr(input: Uint8Array | string): NetromParseResult {
  const records: NetromSocketRecord[] = [];
  const diagnostics: LineDiagnostic[] = [];
  scanProcNetNr(
    input,
    (r) => records.push(r),
    (d) => diagnostics.push(d),
  );
  return { records, diagnostics };
}
