import {
  type ByteInput,
  bytesToString,
  type Diagnostic,
  field,
  forEachRecord,
  scan,
  trimBlanks,
} from '@netstat-ts/core';

/** The file of the AX.25 socket table. */
export const PROC_NET_AX25 = '/proc/net/ax25';

/** One AX.25 socket as net-tools 2.10 reads it (spec §4.2). */
export interface Ax25SocketRecord {
  /** 0-based record number in the file (records are lines, or 255-byte pieces of longer ones). */
  line: number;
  /** `new` (no header, every kernel since 2.2) or `old` (2.0 kernels, `dest_addr` header). */
  format: 'new' | 'old';
  /** Destination callsign (new format: the path before the first `,`). */
  dest: string;
  /** Digipeaters of the destination path (new format; not shown by netstat). */
  digipeaters: string[];
  /** Source callsign. */
  source: string;
  /** Device name. */
  device: string;
  /** Kernel state: 0 LISTENING, 1 SABM SENT, 2 DISC SENT, 3 ESTABLISHED, 4 RECOVERY. */
  state: number;
  /** Send state variable V(S). */
  vs: number;
  /** Receive state variable V(R). */
  vr: number;
  /** Send queue bytes (0 for a socket without a user: `* * *`). */
  sendQ: number;
  /** Receive queue bytes. */
  recvQ: number;
}

/** A message tied to the record that produced it (net-tools prints these on stdout). */
export interface LineDiagnostic extends Diagnostic {
  line: number;
}

/** What {@link parseProcNetAx25} returns. */
export interface Ax25ParseResult {
  format: 'new' | 'old';
  records: Ax25SocketRecord[];
  /** "Problem reading data" messages (stdout), in file order. */
  diagnostics: LineDiagnostic[];
}

/** The stdout message for an unreadable record: 2.10 spells it with a capital P only for the old format. */
export function ax25Problem(format: 'new' | 'old'): string {
  return `${format === 'new' ? 'p' : 'P'}roblem reading data from ${PROC_NET_AX25}`;
}

const NEW_TAIL = `%d %d %d${' %*d'.repeat(14)} %d %d %*d`;
const OLD_TAIL = '%s %d %d %d %*d %*d/%*d %*d/%*d %*d/%*d %*d/%*d %*d/%*d %*d %*d %*d %d %d %*d';
const DEST_ADDR = 'dest_addr';

function startsWith(buf: Uint8Array, prefix: string): boolean {
  for (let i = 0; i < prefix.length; i++) if (buf[i] !== prefix.charCodeAt(i)) return false;
  return true;
}

/** Splits the C string of a new-format record at single blanks: magic, dev, src, dest and the rest. */
function newFields(buf: Uint8Array): { dev: string; src: string; dest: string; rest: number } | null {
  let end = buf.indexOf(0);
  if (end < 0) end = buf.length;
  const cut: number[] = [];
  for (let p = 0; p < end && cut.length < 4; p++) if (buf[p] === 32) cut.push(p);
  if (cut.length < 4) return null;
  const text = (a: number, b: number) => bytesToString(buf, a, b);
  return {
    dev: text(cut[0]! + 1, cut[1]!),
    src: text(cut[1]! + 1, cut[2]!),
    dest: text(cut[2]! + 1, cut[3]!),
    rest: cut[3]! + 1,
  };
}

/**
 * Scans /proc/net/ax25 (bytes, a byte string or the piece feed of a streamed file) in one pass:
 * `record` for every socket, `problem` for every unreadable record, in file order; returns the
 * format. New format: fields at single blanks (an empty field between two blanks counts), then
 * `st vs vr` + 14 skipped numbers + `sndq rcvq`; 3 or 5 numbers are accepted. Old format: fixed
 * columns 0–8 and 10–18, then `dev st vs vr … sndq rcvq`; 4 or 6 values accepted. Anything else
 * is a "problem reading data" record.
 */
export function scanProcNetAx25(
  input: ByteInput,
  record: (r: Ax25SocketRecord) => void,
  problem: (d: LineDiagnostic) => void,
): 'new' | 'old' {
  let format: 'new' | 'old' = 'new';
  forEachRecord(input, (buf, _len, line) => {
    if (line === 0 && startsWith(buf, DEST_ADDR)) {
      format = 'old';
      return;
    }
    const bad = () => problem({ level: 'warning', message: ax25Problem(format), stream: 'stdout', line });
    if (format === 'new') {
      const f = newFields(buf);
      const r = f ? scan(buf, f.rest, NEW_TAIL) : null;
      if (!f || !r || (r.count !== 3 && r.count !== 5)) return bad();
      const v = r.values as number[];
      const path = f.dest.split(',');
      record({
        line,
        format,
        dest: path[0]!,
        digipeaters: path.slice(1),
        source: f.src,
        device: f.dev,
        state: v[0]!,
        vs: v[1]!,
        vr: v[2]!,
        sendQ: r.count === 5 ? v[3]! : 0,
        recvQ: r.count === 5 ? v[4]! : 0,
      });
    } else {
      const dest = trimBlanks(field(buf, 0, 9));
      const source = trimBlanks(field(buf, 10, 9));
      const r = scan(buf, 20, OLD_TAIL);
      if (r.count !== 4 && r.count !== 6) return bad();
      const v = r.values;
      record({
        line,
        format,
        dest,
        digipeaters: [],
        source,
        device: v[0] as string,
        state: v[1] as number,
        vs: v[2] as number,
        vr: v[3] as number,
        sendQ: r.count === 6 ? (v[4] as number) : 0,
        recvQ: r.count === 6 ? (v[5] as number) : 0,
      });
    }
  });
  return format;
}

/** Parses all of /proc/net/ax25 (bytes or a byte string) at once: {@link scanProcNetAx25}'s records and messages. */
export function parseProcNetAx25(input: Uint8Array | string): Ax25ParseResult {
  const records: Ax25SocketRecord[] = [];
  const diagnostics: LineDiagnostic[] = [];
  const format = scanProcNetAx25(
    input,
    (r) => records.push(r),
    (d) => diagnostics.push(d),
  );
  return { format, records, diagnostics };
}
