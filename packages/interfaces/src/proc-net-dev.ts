/**
 * Pure parser for `/proc/net/dev` (spec §6.1): two header lines, the second one deciding the
 * layout (v1, v2 or v3), then one line per interface. Malformed lines never throw: they become
 * diagnostics (net-tools itself is silent about them, so the diagnostics are `info` level and are
 * not printed by the text renderer).
 */
import { type ByteInput, type Diagnostic, digitsToBigInt, forEachInputPiece } from '@netstat-ts/core';

/** A 64-bit counter: a number when it is exactly representable, else its exact decimal text. */
export type Counter = number | string;

/** The three column layouts of `/proc/net/dev` (spec §6.1). */
export type DevLayout = 'v1' | 'v2' | 'v3';

/** Receive counters, named after netstat's columns (`ok` = packets, `ovr` = fifo). */
export interface RxCounters {
  ok: Counter;
  err: Counter;
  drp: Counter;
  ovr: Counter;
  bytes: Counter;
  frame: Counter;
  compressed: Counter;
  multicast: Counter;
}

/** Transmit counters, named after netstat's columns (`ok` = packets, `ovr` = fifo). */
export interface TxCounters {
  ok: Counter;
  err: Counter;
  drp: Counter;
  ovr: Counter;
  bytes: Counter;
  colls: Counter;
  carrier: Counter;
  compressed: Counter;
}

/** One interface line of `/proc/net/dev`. */
export interface DevEntry {
  name: string;
  rx: RxCounters;
  tx: TxCounters;
}

/** The parsed file: its layout, the interface lines in file order, and diagnostics. */
export interface ProcNetDev {
  layout: DevLayout;
  entries: DevEntry[];
  diagnostics: Diagnostic[];
}

/** Which numbers each layout holds, in file order (missing ones stay 0). */
const LAYOUT_FIELDS: Record<DevLayout, string[]> = {
  v1: [
    'rx.ok',
    'rx.err',
    'rx.drp',
    'rx.ovr',
    'rx.frame',
    'tx.ok',
    'tx.err',
    'tx.drp',
    'tx.ovr',
    'tx.colls',
    'tx.carrier',
  ],
  v2: [
    ...['rx.bytes', 'rx.ok', 'rx.err', 'rx.drp', 'rx.ovr', 'rx.frame'],
    ...['tx.bytes', 'tx.ok', 'tx.err', 'tx.drp', 'tx.ovr', 'tx.colls', 'tx.carrier'],
  ],
  v3: [
    ...['rx.bytes', 'rx.ok', 'rx.err', 'rx.drp', 'rx.ovr', 'rx.frame', 'rx.compressed', 'rx.multicast'],
    ...['tx.bytes', 'tx.ok', 'tx.err', 'tx.drp', 'tx.ovr', 'tx.colls', 'tx.carrier', 'tx.compressed'],
  ],
};

/** The layout announced by the second header line. */
export function detectLayout(header2: string): DevLayout {
  if (header2.includes('compressed')) return 'v3';
  if (header2.includes('bytes')) return 'v2';
  return 'v1';
}

const MAX_U64 = (1n << 64n) - 1n;

/** Converts a bigint counter to a {@link Counter}. */
export function toCounter(v: bigint): Counter {
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
}

const isSpace = (c: string): boolean =>
  c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\v' || c === '\f';
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/**
 * Splits an interface line into its name and the text holding the numbers: leading blanks are
 * skipped, the name runs to a blank or `:` (`eth0:1:` keeps `:1`), and is cut at 15 bytes.
 */
export function splitDevLine(line: string): { name: string; rest: string } {
  let p = 0;
  while (p < line.length && isSpace(line[p]!)) p++;
  const start = p;
  let end = p;
  while (p < line.length && !isSpace(line[p]!) && line[p] !== ':') p++;
  end = p;
  if (line[p] === ':') {
    let q = p + 1;
    while (isDigit(line[q])) q++;
    if (q > p + 1 && line[q] === ':') end = q;
    p = (end === q ? q : p) + 1;
  }
  return { name: line.slice(start, end).slice(0, 15), rest: line.slice(p) };
}

/** Reads up to `max` numbers like sscanf `%llu`: stops at the first non-number; wraps like strtoull. */
export function scanNumbers(text: string, max: number): bigint[] {
  const out: bigint[] = [];
  const re = /^[ \t\n\r\v\f]*([+-]?)(\d+)/;
  let rest = text;
  while (out.length < max) {
    const m = re.exec(rest);
    if (!m) break;
    let v = digitsToBigInt(m[2]!);
    if (v > MAX_U64) v = MAX_U64;
    else if (m[1] === '-') v = (MAX_U64 + 1n - v) & MAX_U64;
    out.push(v);
    rest = rest.slice(m[0].length);
  }
  return out;
}

function zeroRx(): RxCounters {
  return { ok: 0, err: 0, drp: 0, ovr: 0, bytes: 0, frame: 0, compressed: 0, multicast: 0 };
}

function zeroTx(): TxCounters {
  return { ok: 0, err: 0, drp: 0, ovr: 0, bytes: 0, colls: 0, carrier: 0, compressed: 0 };
}

const MAX_NAME = 15;

/** C `isspace` by character code. */
function isSpaceCode(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/**
 * One interface line read byte by byte, with the rules of {@link splitDevLine} and
 * {@link scanNumbers}, keeping only what the entry needs (the name's first 15 bytes, the numbers):
 * constant memory however long the line.
 */
class DevLineReader {
  /** 0 leading blanks, 1 name, 2 digits after the name's colon, 3 numbers, 4 done. */
  private phase = 0;
  private base = '';
  private ext = '';
  private extDigits = 0;
  private extended = false;
  /** Number state: 0 blanks, 1 after a sign, 2 digits. */
  private num = 0;
  private neg = false;
  /** Significant digits of the current number (at most 21: more saturate). */
  private sig = '';
  nums: bigint[] = [];

  constructor(private readonly max: number) {}

  reset(): void {
    this.phase = 0;
    this.base = '';
    this.ext = '';
    this.extDigits = 0;
    this.extended = false;
    this.num = 0;
    this.neg = false;
    this.sig = '';
    this.nums = [];
  }

  get name(): string {
    return this.extended ? (this.base + this.ext).slice(0, MAX_NAME) : this.base;
  }

  feed(buf: Uint8Array, start: number, end: number): void {
    for (let i = start; i < end; i++) {
      const c = buf[i]!;
      switch (this.phase) {
        case 0:
          if (isSpaceCode(c)) break;
          this.phase = 1;
          this.nameByte(c);
          break;
        case 1:
          this.nameByte(c);
          break;
        case 2:
          if (c >= 48 && c <= 57) {
            this.extDigits++;
            if (this.ext.length < MAX_NAME) this.ext += String.fromCharCode(c);
            this.numByte(c);
          } else if (c === 58 && this.extDigits > 0) {
            // `eth0:1:`: the digits belong to the name, the numbers start after the second colon.
            this.extended = true;
            this.num = 0;
            this.sig = '';
            this.phase = 3;
          } else {
            this.phase = 3;
            this.numByte(c);
          }
          break;
        case 3:
          this.numByte(c);
          break;
        default:
          return;
      }
    }
  }

  /** Ends the line: the number being read is complete. */
  end(): void {
    if (this.num === 2) this.endNumber();
  }

  private nameByte(c: number): void {
    if (isSpaceCode(c)) {
      this.phase = 3;
    } else if (c === 58) {
      this.ext = ':';
      this.phase = 2;
    } else if (this.base.length < MAX_NAME) this.base += String.fromCharCode(c);
  }

  private numByte(c: number): void {
    const digit = c >= 48 && c <= 57;
    if (this.num === 2) {
      if (digit) {
        if (this.sig.length <= 20 && (this.sig !== '' || c !== 48)) this.sig += String.fromCharCode(c);
        return;
      }
      this.endNumber();
      if (this.phase === 4) return;
    }
    if (this.num === 1) {
      if (digit) {
        this.num = 2;
        this.numByte(c);
      } else this.phase = 4;
      return;
    }
    if (isSpaceCode(c)) return;
    if (c === 43 || c === 45) {
      this.neg = c === 45;
      this.num = 1;
    } else if (digit) {
      this.neg = false;
      this.num = 2;
      this.numByte(c);
    } else this.phase = 4;
  }

  private endNumber(): void {
    let v = this.sig.length > 20 ? MAX_U64 + 1n : BigInt(this.sig === '' ? '0' : this.sig);
    if (v > MAX_U64) v = MAX_U64;
    else if (this.neg) v = (MAX_U64 + 1n - v) & MAX_U64;
    this.nums.push(v);
    this.num = 0;
    this.neg = false;
    this.sig = '';
    if (this.nums.length >= this.max) this.phase = 4;
  }
}

/** A piece of a line this long at most is looked at at once (a longer line arrives in pieces). */
const DEV_PIECE = 64 << 10;

/**
 * One pass over `/proc/net/dev` (bytes, a latin1 string or the piece feed of a streamed file), in
 * file order: `each` for every interface line, `diagnostic` for every note on a malformed one.
 * Returns the layout the second header line announced. Lines of any length are read piece by
 * piece: constant memory whatever the file's size.
 */
export function scanProcNetDev(
  input: ByteInput,
  each: (e: DevEntry) => void,
  diagnostic: (d: Diagnostic) => void,
): DevLayout {
  let line = 0;
  // The second header line: where "compressed" or "bytes" occurs (searched across pieces).
  let tail = '';
  let compressed = false;
  let bytes = false;
  let layout: DevLayout | null = null;
  let fields = LAYOUT_FIELDS.v1;
  let reader = new DevLineReader(fields.length);
  let open = false;
  const endLine = () => {
    if (line >= 2) {
      reader.end();
      const name = reader.name;
      if (name === '') {
        diagnostic({
          level: 'info',
          message: `/proc/net/dev: line ${line + 1} has no interface name (ignored)`,
        });
      } else {
        const nums = reader.nums;
        if (nums.length < fields.length)
          diagnostic({
            level: 'info',
            message: `/proc/net/dev: line ${line + 1} (${name}) has ${nums.length} of ${fields.length} numbers (the rest read as 0)`,
          });
        const e: DevEntry = { name, rx: zeroRx(), tx: zeroTx() };
        nums.forEach((v, k) => {
          const [dir, key] = fields[k]!.split('.') as ['rx' | 'tx', string];
          (e[dir] as unknown as Record<string, Counter>)[key] = toCounter(v);
        });
        each(e);
      }
      reader.reset();
    }
    line++;
    open = false;
  };
  forEachInputPiece(input, DEV_PIECE, (buf, start, end) => {
    const ended = buf[end - 1] === 10;
    const stop = ended ? end - 1 : end;
    open = true;
    if (line === 1) {
      const text = tail + buf.toString('latin1', start, stop);
      compressed ||= text.includes('compressed');
      bytes ||= text.includes('bytes');
      tail = text.slice(-9);
    } else if (line >= 2) {
      if (layout === null) {
        layout = compressed ? 'v3' : bytes ? 'v2' : 'v1';
        fields = LAYOUT_FIELDS[layout];
        reader = new DevLineReader(fields.length);
      }
      reader.feed(buf, start, stop);
    }
    if (ended) endLine();
  });
  if (open) endLine();
  return layout ?? (compressed ? 'v3' : bytes ? 'v2' : 'v1');
}

/** Parses the text of `/proc/net/dev` at once: {@link scanProcNetDev} streams it. */
export function parseProcNetDev(text: string): ProcNetDev {
  const entries: DevEntry[] = [];
  const diagnostics: Diagnostic[] = [];
  const layout = scanProcNetDev(
    text,
    (e) => entries.push(e),
    (d) => diagnostics.push(d),
  );
  return { layout, entries, diagnostics };
}
