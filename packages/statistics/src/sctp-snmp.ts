/**
 * /proc/net/sctp/snmp (spec §9.2 step 3): `Name<blanks>value` lines. Pure parser reproducing
 * net-tools 2.10, which reads each line with `fgets` into one reused 1024-byte buffer, ends the
 * name at the first blank, tab, newline or NUL by writing a NUL there, skips blanks, tabs and
 * newlines after it, and skips the line when it then stands on a NUL; otherwise the value is
 * `strtoull` of the rest (0 when it is not a number). Because the buffer is reused, a last line
 * without newline or blank can pick up bytes left by an earlier, longer line (verified); this
 * module reproduces that by emulating the buffer (initially zeroed).
 */

import { type ByteInput, forEachInputPiece } from '@netstat-ts/core';
import { strtoull } from './scan.js';
import type { Counter } from './snmp.js';

/** The fgets buffer size of 2.10's sctp/snmp reader. */
export const SCTP_LINE_BUFFER = 1024;

const isNameEnd = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 0;
const isGap = (c: number): boolean => c === 32 || c === 9 || c === 10;

/** The reader's line buffer and its scanning of one line piece. */
export class SctpLineScanner {
  private readonly buf = new Uint8Array(SCTP_LINE_BUFFER);

  /** Byte at `i`; bytes past the buffer read as NUL. */
  private at(i: number): number {
    return i < this.buf.length ? this.buf[i]! : 0;
  }

  private cStringFrom(i: number): string {
    let end = i;
    while (end < this.buf.length && this.buf[end] !== 0) end++;
    return Buffer.from(this.buf.subarray(i, end)).toString('latin1');
  }

  /** Scans one fgets piece (at most 1023 bytes): the counter, or undefined when the line is skipped. */
  scan(piece: string): Counter | undefined {
    const n = Math.min(piece.length, this.buf.length - 1);
    for (let k = 0; k < n; k++) this.buf[k] = piece.charCodeAt(k) & 0xff;
    this.buf[n] = 0;
    let i = 0;
    while (!isNameEnd(this.at(i))) i++;
    const name = Buffer.from(this.buf.subarray(0, i)).toString('latin1');
    if (i < this.buf.length) this.buf[i] = 0;
    let j = i + 1;
    while (isGap(this.at(j))) j++;
    if (this.at(j) === 0) return undefined;
    return { name, value: strtoull(this.cStringFrom(j), 0).value };
  }
}

/** Scans a single line piece with a fresh buffer: the counter, or undefined when 2.10 skips it. */
export function scanSctpLine(piece: string): Counter | undefined {
  return new SctpLineScanner().scan(piece);
}

/**
 * One pass over sctp/snmp (a byte string, bytes or the piece feed of a streamed file): `each` for
 * every counter, in file order. Read as 1023-byte fgets pieces into the one reused buffer:
 * constant memory whatever the file's size.
 */
export function scanSctpSnmp(input: ByteInput, each: (c: Counter) => void): void {
  const scanner = new SctpLineScanner();
  forEachInputPiece(input, SCTP_LINE_BUFFER - 1, (buf, start, end) => {
    const c = scanner.scan(buf.toString('latin1', start, end));
    if (c) each(c);
  });
}

/** Parses sctp/snmp text into its counters, in file order ({@link scanSctpSnmp} streams it). */
export function parseSctpSnmp(text: string): Counter[] {
  const counters: Counter[] = [];
  scanSctpSnmp(text, (c) => counters.push(c));
  return counters;
}
