import { utf8SequenceLength } from './bytes.js';
/** Where bytes go: a stream such as process.stdout, or a collector in tests. */
export interface ByteSink {
  write(chunk: Uint8Array): unknown;
}

/**
 * Direct access to the bytes of standard output, for renderers that format rows as bytes
 * instead of building strings. Bytes written here and texts given to {@link Output.out} come
 * out in the order they were written.
 */
export interface ByteWriter {
  /**
   * The current buffer: bytes `[pos, pos + n)` may be written after {@link reserve}(n). They are
   * blanks (0x20) until written, so a writer pads a column by moving {@link pos} past them; a
   * writer that writes beyond the `pos` it leaves must put the blanks back.
   */
  buf: Buffer;
  /** The next free byte of {@link buf}. */
  pos: number;
  /** Makes room for `n` more bytes; may hand the buffered bytes on and replace {@link buf}. */
  reserve(n: number): void;
}

/** The text channels a renderer writes to; texts are byte strings (see bytes.ts). */
export interface Output {
  /** Appends to standard output. */
  out(text: string): void;
  /** Appends to standard error. */
  err(text: string): void;
  /** Byte-level access to standard output, when this output offers it (see {@link ByteWriter}). */
  readonly bytes?: ByteWriter;
}

const CHUNK = 1 << 18;

/** How {@link ChunkedOutput} treats standard output. */
export interface OutputOptions {
  /**
   * Standard output is a terminal: control bytes and invalid UTF-8 are shown escaped
   * ({@link escapeForTerminal}); otherwise the bytes go out exactly as 2.10 writes them.
   */
  terminal?: boolean;
}

/**
 * Output that gathers standard output in a byte buffer and writes it in large chunks. Standard
 * error is written through at once (unbuffered, as in C); standard output in chunks of 256 KiB
 * and on {@link flush}. Texts are byte strings, stored as latin1 (one byte per character).
 */
export class ChunkedOutput implements Output, ByteWriter {
  buf: Buffer = Buffer.allocUnsafe(CHUNK).fill(32);
  pos = 0;

  private readonly terminal: boolean;

  constructor(
    private readonly stdout: ByteSink,
    private readonly stderr: ByteSink,
    options: OutputOptions = {},
  ) {
    this.terminal = options.terminal === true;
  }

  /** This output's own buffer. */
  get bytes(): ByteWriter {
    return this;
  }

  out(text: string): void {
    const n = text.length;
    if (this.pos + n > this.buf.length) {
      this.flush();
      if (n > this.buf.length) {
        const all = Buffer.from(text, 'latin1');
        this.stdout.write(this.terminal ? escapeForTerminal(all) : all);
        return;
      }
    }
    const b = this.buf;
    let p = this.pos;
    if (n < 48) {
      for (let i = 0; i < n; i++) b[p++] = text.charCodeAt(i);
      this.pos = p;
    } else this.pos = p + b.write(text, p, 'latin1');
  }

  err(text: string): void {
    this.stderr.write(Buffer.from(text, 'latin1'));
  }

  reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    this.flush();
    if (n > this.buf.length) this.buf = Buffer.allocUnsafe(n).fill(32);
  }

  /** Writes what standard output has gathered. */
  flush(): void {
    if (this.pos === 0) return;
    const chunk = this.buf.subarray(0, this.pos);
    this.pos = 0;
    if (this.terminal) {
      const shown = escapeForTerminal(chunk);
      if (shown !== chunk) {
        this.stdout.write(shown);
        chunk.fill(32);
        return;
      }
    }
    this.stdout.write(chunk);
    // A stream that wrote everything at once (stdout on a file, or a blocking pipe, as Node
    // makes them on Linux) keeps nothing queued, and the buffer can be used again; otherwise the
    // stream still holds the chunk and a fresh buffer is needed.
    if ((this.stdout as { writableLength?: number }).writableLength === 0) chunk.fill(32);
    else this.buf = Buffer.allocUnsafe(Math.max(CHUNK, this.buf.length)).fill(32);
  }
}

const HEX = '0123456789abcdef';

/**
 * Length of the valid UTF-8 sequence at `i` that a terminal may show (0: escape byte `i`): a
 * sequence {@link utf8SequenceLength} accepts, except C1 controls (U+0080-9F) and the
 * bidirectional controls that reorder what follows (U+200E/F, U+202A-E, U+2066-9).
 */
function printableSequence(b: Uint8Array, i: number, end: number): number {
  const n = utf8SequenceLength(b, i, end);
  const c = b[i]!;
  const c1 = b[i + 1]!;
  if (n === 2 && c === 0xc2 && c1 < 0xa0) return 0;
  if (n === 3 && c === 0xe2) {
    const c2 = b[i + 2]!;
    if (c1 === 0x80 && (c2 === 0x8e || c2 === 0x8f || (c2 >= 0xaa && c2 <= 0xae))) return 0;
    if (c1 === 0x81 && c2 >= 0xa6 && c2 <= 0xa9) return 0;
  }
  return n;
}

/**
 * What standard output shows on a terminal (README, "Security"): printable ASCII, newlines and
 * valid UTF-8 pass unchanged; every other byte is written as `\xHH` (lower-case hex), tab and
 * carriage return as `\t` and `\r`. Escaped: C0 controls but the newline, DEL, C1 controls (also
 * when UTF-8 encoded), bytes that are not valid UTF-8 (stray, overlong, surrogate, beyond
 * U+10FFFF) and the bidirectional-override controls. Backslashes are not doubled. Returns `bytes`
 * itself when nothing needs escaping (the common case: one scan, no copy).
 */
export function escapeForTerminal(bytes: Uint8Array): Uint8Array {
  const end = bytes.length;
  let i = 0;
  while (i < end) {
    const c = bytes[i]!;
    if ((c >= 0x20 && c < 0x7f) || c === 10) i++;
    else {
      const n = c >= 0xc2 ? printableSequence(bytes, i, end) : 0;
      if (n === 0) break;
      i += n;
    }
  }
  if (i === end) return bytes;
  const parts: number[] = [];
  const out: Buffer[] = [Buffer.from(bytes.subarray(0, i))];
  while (i < end) {
    const c = bytes[i]!;
    if ((c >= 0x20 && c < 0x7f) || c === 10) {
      parts.push(c);
      i++;
      continue;
    }
    const n = c >= 0xc2 ? printableSequence(bytes, i, end) : 0;
    if (n > 0) {
      for (let k = 0; k < n; k++) parts.push(bytes[i + k]!);
      i += n;
      continue;
    }
    if (c === 9) parts.push(92, 116);
    else if (c === 13) parts.push(92, 114);
    else parts.push(92, 120, HEX.charCodeAt(c >> 4), HEX.charCodeAt(c & 15));
    i++;
    if (parts.length > 65536) out.push(Buffer.from(parts.splice(0)));
  }
  out.push(Buffer.from(parts));
  return Buffer.concat(out);
}

/**
 * JSON text as shown on a terminal: DEL and the C1 controls, which JSON.stringify leaves raw,
 * become `\u007f`…`\u009f` escapes (the same string to a JSON reader). Other controls are
 * already escaped by JSON.
 */
export function escapeJsonForTerminal(json: string): string {
  return json.replace(
    /[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A ByteSink that keeps everything written to it (for tests and library use). */
export class CollectingSink implements ByteSink {
  readonly chunks: Buffer[] = [];
  /** Nothing is ever queued: each chunk is copied when written. */
  readonly writableLength = 0;

  write(chunk: Uint8Array): boolean {
    this.chunks.push(Buffer.from(chunk));
    return true;
  }

  /** Everything written, as bytes. */
  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }

  /** Everything written, decoded as latin1 (a byte string). */
  text(): string {
    return this.bytes().toString('latin1');
  }
}
