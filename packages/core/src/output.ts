/** Where bytes go: a stream such as process.stdout, or a collector in tests. */
export interface ByteSink {
  write(chunk: Uint8Array): unknown;
}

/** The text channels a renderer writes to; texts are byte strings (see bytes.ts). */
export interface Output {
  /** Appends to standard output. */
  out(text: string): void;
  /** Appends to standard error. */
  err(text: string): void;
}

const CHUNK = 1 << 18;

/**
 * Output that gathers byte strings and writes them in large latin1-encoded chunks. Standard error
 * is written through at once (unbuffered, as in C); standard output in chunks of 256 KiB and on
 * {@link flush}.
 */
export class ChunkedOutput implements Output {
  private parts: string[] = [];
  private size = 0;

  constructor(
    private readonly stdout: ByteSink,
    private readonly stderr: ByteSink,
  ) {}

  out(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= CHUNK) this.flush();
  }

  err(text: string): void {
    this.stderr.write(Buffer.from(text, 'latin1'));
  }

  /** Writes what standard output has gathered. */
  flush(): void {
    if (this.size === 0 && this.parts.length === 0) return;
    const text = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (text.length > 0) this.stdout.write(Buffer.from(text, 'latin1'));
  }
}

/** A ByteSink that keeps everything written to it (for tests and library use). */
export class CollectingSink implements ByteSink {
  readonly chunks: Buffer[] = [];

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
