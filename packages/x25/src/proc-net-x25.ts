import { type ByteInput, type Diagnostic, forEachBoundedLine, isSpace, LINE_BUFFER } from '@netstat-ts/core';
import { cString, cStrtolInt, fields } from './c-text.js';

/** X.25 socket states as net-tools 2.10 names them (index = kernel state). */
export const X25_STATES = ['LISTENING', 'SABM_SENT', 'DISC_SENT', 'ESTABLISHED', 'RECOVERY'] as const;

/** State text: the 2.10 name for 0..4, `UNKNOWN(n)` otherwise (2.10 reads out of bounds there). */
export function x25StateName(state: number): string {
  return state >= 0 && state < X25_STATES.length ? X25_STATES[state]! : `UNKNOWN(${state})`;
}

/**
 * One record of the 2.4-era `/proc/net/x25` (kernel `x25_proc.c`:
 * `dest_addr src_addr dev lci st vs vr va t t2 t21 t22 t23 Snd-Q Rcv-Q inode`).
 * Raw values are the line's own fields; `shown` holds the texts netstat prints.
 */
export interface X25SocketRecord {
  /** 1-based line number in the file. */
  line: number;
  /** Destination address as written by the kernel (`*` = none). */
  dest: string;
  /** Source address, complete (`*` = none). */
  source: string;
  /** Device name (`???` = none). */
  device: string;
  /** Logical channel identifier: its true value (the kernel prints it in hex, `%3.3X`). */
  lci: number;
  state: number;
  stateName: string;
  vs: number;
  vr: number;
  va: number;
  sendQ: number;
  recvQ: number;
  /** Inode, or null when the line has none. */
  inode: number | null;
  /**
   * True when the line has the kernel's column layout and net-tools 2.10 reads it
   * deterministically: the shown texts are then exactly 2.10's (source cut to 9 bytes, lci
   * digits read as decimal). False when 2.10 would print stale or uninitialised values (an
   * address longer than 10 bytes, an lci with hex letters, …): the shown texts are then the
   * line's own fields (documented deviation).
   */
  exact: boolean;
  /** Texts of the Dest, Source, Device and LCI columns. */
  shown: { dest: string; source: string; device: string; lci: string };
  /** The lci value 2.10's row filter and column use (`exact`) or the true value. */
  shownLci: number;
}

/** A note about one line of an X.25 table (`info`: net-tools prints nothing for it). */
export type X25LineDiagnostic = Diagnostic & { line: number };

/** The parse of `/proc/net/x25`: records in file order, and notes about lines not shown. */
export interface X25SocketParse {
  records: X25SocketRecord[];
  diagnostics: X25LineDiagnostic[];
}

/**
 * The longest line read whole (64 KiB): the kernel writes lines of about 80 bytes; of a longer
 * line only its first 64 KiB are read, the rest is skipped (memory stays bounded).
 */
const LINE_MAX = 64 << 10;

const DECIMAL = /^[+-]?[0-9]+$/;
const HEX = /^[0-9A-Fa-f]+$/;

/**
 * 2.10's reading of one line: NULs forced at offsets 10 and 20 of the line buffer, then
 * `sscanf(buffer + 22, "%s %d %d %d %d %*d %*d %*d %*d %*d %*d %d %d %*d")`. Returns the 13
 * fields it needs (device + 12 numbers, as the texts consumed) or null when a conversion fails
 * (2.10 then keeps values of an earlier line).
 */
function scan210(line: string): { source: string; tokens: string[]; values: number[] } | null {
  if (line.length < 22) return null;
  const source = cString(line.slice(11, 20), 0);
  const rest = cString(line, 22);
  const tokens: string[] = [];
  const values: number[] = [];
  let i = 0;
  while (i < rest.length && isSpace(rest.charCodeAt(i))) i++;
  const start = i;
  while (i < rest.length && !isSpace(rest.charCodeAt(i))) i++;
  if (i === start) return null;
  tokens.push(rest.slice(start, i));
  for (let k = 0; k < 12; k++) {
    while (i < rest.length && isSpace(rest.charCodeAt(i))) i++;
    const from = i;
    const r = cStrtolInt(rest, i);
    if (r.end === i) return null;
    tokens.push(rest.slice(from, r.end));
    values.push(r.value);
    i = r.end;
  }
  return { source, tokens, values };
}

/** `padRight` to 10 with blanks: how the kernel writes an address column (`%-10s`). */
function column10(s: string): string {
  return s.length >= 10 ? s : s + ' '.repeat(10 - s.length);
}

function parseIntField(t: string): number {
  return cStrtolInt(t).value;
}

/**
 * Scans `/proc/net/x25` (bytes, a byte string or the piece feed of a streamed file) line by line
 * in one pass: `record` for every socket record, `problem` for every note, in file order (a
 * record's note comes before it). The header line is skipped. Lines are physical lines of any
 * length (2.10's 256-byte record buffer is not applied: such a line is shown from its own
 * fields), up to 64 KiB (the rest of a longer line is skipped). Lines without the 15 fields up to Rcv-Q (or with
 * non-numeric ones) are not shown and give an `info` note — net-tools prints no message for them.
 */
export function scanProcNetX25(
  input: ByteInput,
  record: (r: X25SocketRecord) => void,
  problem: (d: X25LineDiagnostic) => void = () => {},
): void {
  forEachBoundedLine(
    input,
    (line, i) => {
      if (i > 0) scanLine(line, i + 1, record, problem);
    },
    LINE_MAX,
  );
}

/**
 * Parses all of `/proc/net/x25` (bytes or a byte string) at once: {@link scanProcNetX25}'s
 * records and notes.
 */
export function parseProcNetX25(text: Uint8Array | string): X25SocketParse {
  const records: X25SocketRecord[] = [];
  const diagnostics: X25LineDiagnostic[] = [];
  scanProcNetX25(
    text,
    (r) => records.push(r),
    (d) => diagnostics.push(d),
  );
  return { records, diagnostics };
}

/** One line (without its newline) of `/proc/net/x25`, numbered from 1. */
function scanLine(
  line: string,
  lineNo: number,
  record: (r: X25SocketRecord) => void,
  problem: (d: X25LineDiagnostic) => void,
): void {
  const f = fields(line);
  const ok =
    f.length >= 15 && HEX.test(f[3]!) && f.slice(4, 15).every((t) => DECIMAL.test(t)) && f[0]!.length > 0;
  if (!ok) {
    problem({
      level: 'info',
      line: lineNo,
      message: `/proc/net/x25: line ${lineNo} is not an X.25 socket record (not shown)`,
    });
    return;
  }
  const lciTrue = Number.parseInt(f[3]!, 16);
  const inode = f.length > 15 && DECIMAL.test(f[15]!) ? Number(f[15]) : null;
  const num = f.slice(4, 15).map(parseIntField);
  const rec: X25SocketRecord = {
    line: lineNo,
    dest: f[0]!,
    source: f[1]!,
    device: f[2]!,
    lci: lciTrue,
    state: num[0]!,
    stateName: x25StateName(num[0]!),
    vs: num[1]!,
    vr: num[2]!,
    va: num[3]!,
    sendQ: num[9]!,
    recvQ: num[10]!,
    inode,
    exact: false,
    shown: { dest: f[0]!, source: f[1]!, device: f[2]!, lci: f[3]!.replace(/^0+(?=.)/, '') },
    shownLci: lciTrue,
  };
  // Is 2.10's fixed-offset reading deterministic and in agreement with the fields?
  const s = line.length < LINE_BUFFER ? scan210(line) : null;
  if (
    s &&
    f[0]!.length <= 10 &&
    f[1]!.length <= 10 &&
    line.slice(0, 10) === column10(f[0]!) &&
    isSpace(line.charCodeAt(10)) &&
    line.slice(11, 21) === column10(f[1]!) &&
    isSpace(line.charCodeAt(21)) &&
    s.tokens.every((t, k) => t === f[k + 2])
  ) {
    // Exactly 2.10's texts: source cut at offset 20 (9 bytes), lci hex digits read as decimal.
    const v = s.values;
    rec.exact = true;
    rec.shown = {
      dest: f[0]!,
      source: s.source.replace(/ +$/, ''),
      device: s.tokens[0]!,
      lci: String(v[0]),
    };
    rec.shownLci = v[0]!;
    rec.state = v[1]!;
    rec.stateName = x25StateName(v[1]!);
    rec.vs = v[2]!;
    rec.vr = v[3]!;
    rec.sendQ = v[10]!;
    rec.recvQ = v[11]!;
  } else {
    problem({
      level: 'info',
      line: lineNo,
      message: `/proc/net/x25: line ${lineNo}: net-tools 2.10 would print stale or uninitialised values here; the line's own fields are shown`,
    });
  }
  record(rec);
}
