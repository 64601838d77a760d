/**
 * Line pieces of a byte stream as C's `fgets(buf, size)` returns them, found without ever holding
 * the whole file: a table of any size is read through {@link Host.stream} in fixed chunks, and a
 * line that spans two chunks is put together in a small carry buffer (at most one piece long).
 * Memory stays constant and time linear, however long the file or its lines.
 */
import type { Host, HostError } from './host.js';

/**
 * Gets one piece: the bytes `buf[start, end)`, the newline included when the line ended within
 * the piece; `nul` is the position of the first NUL byte in the piece (where a C string ends), or
 * -1. `buf` is reused after the call: copy what must outlive it.
 */
export type PieceHandler = (buf: Buffer, start: number, end: number, nul: number) => void;

/**
 * Cuts a byte stream, pushed chunk by chunk, into the pieces `fgets(buf, max + 1)` would return:
 * each ends after a newline or after `max` bytes, whichever comes first (a longer line arrives
 * in several pieces), and a final piece without a newline is handed over by {@link end}. Every
 * newline and NUL is searched once (linear in the input, however long its lines).
 */
export class PieceSplitter {
  private readonly carry: Buffer;
  private carryLen = 0;

  /** `max` is the largest piece in bytes (fgets' size minus 1); `each` gets every piece. */
  constructor(
    private readonly max: number,
    private readonly each: PieceHandler,
  ) {
    this.carry = Buffer.allocUnsafe(max);
  }

  /** Hands over the pieces that end inside `chunk`; the unfinished rest waits for the next one. */
  push(chunk: Buffer): void {
    const n = chunk.length;
    const max = this.max;
    let pos = 0;
    // The next newline and NUL at or after `pos` (-1: none left in this chunk).
    let nl = chunk.indexOf(10);
    let nul = -2;
    if (this.carryLen > 0) {
      let take = Math.min(max - this.carryLen, n);
      if (nl >= 0 && nl < take) take = nl + 1;
      chunk.copy(this.carry, this.carryLen, 0, take);
      this.carryLen += take;
      pos = take;
      if (this.carry[this.carryLen - 1] !== 10 && this.carryLen < max) return;
      const len = this.carryLen;
      this.carryLen = 0;
      const z = this.carry.indexOf(0);
      this.each(this.carry, 0, len, z >= 0 && z < len ? z : -1);
    }
    while (pos < n) {
      if (nl !== -1 && nl < pos) nl = chunk.indexOf(10, pos);
      let end = nl < 0 ? pos + max + 1 : nl + 1;
      if (end - pos > max) end = pos + max;
      if (end > n) {
        chunk.copy(this.carry, 0, pos, n);
        this.carryLen = n - pos;
        return;
      }
      if (nul !== -1 && nul < pos) nul = chunk.indexOf(0, pos);
      this.each(chunk, pos, end, nul >= 0 && nul < end ? nul : -1);
      pos = end;
    }
  }

  /** Hands over the last piece when the stream did not end with a newline. */
  end(): void {
    const len = this.carryLen;
    if (len === 0) return;
    this.carryLen = 0;
    const z = this.carry.indexOf(0);
    this.each(this.carry, 0, len, z >= 0 && z < len ? z : -1);
  }
}

/** Calls `each` for every fgets piece (at most `max` bytes) of bytes already in memory. */
export function forEachPiece(data: Uint8Array, max: number, each: PieceHandler): void {
  const buf = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const n = buf.length;
  let pos = 0;
  let nl = -2;
  let nul = -2;
  while (pos < n) {
    if (nl !== -1 && nl < pos) nl = buf.indexOf(10, pos);
    let end = nl < 0 ? n : nl + 1;
    if (end - pos > max) end = pos + max;
    if (nul !== -1 && nul < pos) nul = buf.indexOf(0, pos);
    each(buf, pos, end, nul >= 0 && nul < end ? nul : -1);
    pos = end;
  }
}

/**
 * Streams a file of the Host as fgets pieces of at most `max` bytes (see {@link PieceSplitter}):
 * constant memory whatever the file's size. Returns null at the end of the file, or why it could
 * not be opened or read (pieces before a read error were handed over).
 */
export function streamPieces(host: Host, path: string, max: number, each: PieceHandler): HostError | null {
  const split = new PieceSplitter(max, each);
  const e = host.stream(path, (chunk) => split.push(chunk));
  split.end();
  return e;
}

/**
 * Hands over the fgets pieces of a file, of at most `max` bytes each, in file order. A feed of a
 * streamed file reads it anew at each call (constant memory; see {@link openTableFeed}).
 */
export type PieceFeed = (max: number, each: PieceHandler) => void;

/**
 * Where a reader's bytes come from: the file's bytes in memory, a byte string (latin1), or the
 * {@link PieceFeed} of a streamed file, which is never held whole.
 */
export type ByteInput = Uint8Array | string | PieceFeed;

/** Calls `each` for every fgets piece (at most `max` bytes) of `input`, in order. */
export function forEachInputPiece(input: ByteInput, max: number, each: PieceHandler): void {
  if (typeof input === 'function') input(max, each);
  else forEachPiece(typeof input === 'string' ? Buffer.from(input, 'latin1') : input, max, each);
}

/** The feed of an empty file (a directory in place of a table file reads as empty under 2.10). */
export const EMPTY_FEED: PieceFeed = () => {};

/**
 * Calls `each(line, index)` for every line of `input` (without its newline) as a byte string,
 * with its 0-based number, where a
 * line longer than `max` bytes is cut there and its rest skipped, as a reader with a bounded
 * line buffer does: constant memory whatever the file's size or its lines' length. `max`
 * defaults to 64 KiB, far beyond any line the kernel writes in the files read this way.
 */
export function forEachBoundedLine(
  input: ByteInput,
  each: (line: string, index: number) => void,
  max = 64 << 10,
): void {
  let skipping = false;
  let index = 0;
  forEachInputPiece(input, max, (b, s, e) => {
    const ended = e > s && b[e - 1] === 10;
    if (!skipping) each(b.toString('latin1', s, ended ? e - 1 : e), index++);
    skipping = !ended && e - s >= max;
  });
}
