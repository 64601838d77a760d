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

/**
 * Output that gathers standard output in a byte buffer and writes it in large chunks. Standard
 * error is written through at once (unbuffered, as in C); standard output in chunks of 256 KiB
 * and on {@link flush}. Texts are byte strings, stored as latin1 (one byte per character).
 */
export class ChunkedOutput implements Output, ByteWriter {
  buf: Buffer = Buffer.allocUnsafe(CHUNK).fill(32);
  pos = 0;

  constructor(
    private readonly stdout: ByteSink,
    private readonly stderr: ByteSink,
  ) {}

  /** This output's own buffer. */
  get bytes(): ByteWriter {
    return this;
  }

  out(text: string): void {
    const n = text.length;
    if (this.pos + n > this.buf.length) {
      this.flush();
      if (n > this.buf.length) {
        this.stdout.write(Buffer.from(text, 'latin1'));
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
    this.stdout.write(chunk);
    // A stream that wrote everything at once (stdout on a file, or a blocking pipe, as Node
    // makes them on Linux) keeps nothing queued, and the buffer can be used again; otherwise the
    // stream still holds the chunk and a fresh buffer is needed.
    if ((this.stdout as { writableLength?: number }).writableLength === 0) chunk.fill(32);
    else this.buf = Buffer.allocUnsafe(Math.max(CHUNK, this.buf.length)).fill(32);
  }
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
