import { type ByteInput, isSpace } from '@netstat-ts/core';
import { type ScannedNumber, ScanStream, toLong, toUnsignedLong } from './scanf.js';

/** The masquerading protocol words 2.10 accepts and the names it shows. */
export const MASQ_PROTOCOLS: Readonly<Record<string, string>> = {
  IP: 'ip',
  TCP: 'tcp',
  UDP: 'udp',
  ICMP: 'icmp',
  GRE: 'gre',
  ESP: 'esp',
};

/**
 * One entry of the Linux 2.2 `/proc/net/ip_masquerade`
 * (`Prc FromIP FPrt ToIP TPrt Masq Init-seq Delta [PDelta] Expires`), with the values net-tools 2.10
 * stores: addresses as host-order 32-bit numbers (the file is in natural order), ports as
 * 16-bit numbers, `delta`/`pdelta` as C `short`, `initSeq` and `expires` as 64-bit unsigned longs.
 */
export interface MasqEntry {
  /** The protocol word as written (`TCP`). */
  protocolWord: string;
  /** The protocol name shown (`tcp`). */
  protocol: string;
  /** Source address (host order: 192.168.0.2 = 0xC0A80002). */
  source: number;
  sourcePort: number;
  destination: number;
  destinationPort: number;
  /** The masquerading (local) port. */
  masqPort: number;
  /** Initial sequence number (a decimal string when above 2^53). */
  initSeq: number | string;
  delta: number;
  /** Previous delta, or null when the file has no PDelta column. */
  pdelta: number | null;
  /** Time to expiry in 1/100 s (a decimal string when above 2^53). */
  expires: number | string;
}

/**
 * Why 2.10 gives up on the file (the message goes to stderr, status 255, nothing on stdout);
 * `long` is netstat-ts's own: an entry longer than {@link MASQ_ENTRY_MAX} bytes, which no kernel
 * writes, is not held to be read (the file is streamed with bounded memory).
 */
export type MasqError = 'fgets' | 'format' | 'type' | 'long';

/** The longest entry (its text from its first non-blank byte) a streamed scan holds: 1 MiB. */
export const MASQ_ENTRY_MAX = 1 << 20;

/** The messages of {@link MasqError}. */
export const MASQ_ERRORS: Readonly<Record<MasqError, string>> = {
  fgets: "masq_info: Internal Error `fgets() failed'.",
  format: "masq_info.c: Internal Error `ip_masquerade format error'.",
  type: "masq_info.c: Internal Error `ip_masquerade unknown type'.",
  long: `netstat: /proc/net/ip_masquerade: an entry is longer than ${MASQ_ENTRY_MAX} bytes (not read).`,
};

/** The parse of `/proc/net/ip_masquerade`. */
export interface MasqParse {
  /** True when the header line contains `PDelta`. */
  hasPDelta: boolean;
  entries: MasqEntry[];
  /** Set when 2.10 stops with an internal error (entries read before it are not shown by 2.10). */
  error: MasqError | null;
}

function safe(v: bigint): number | string {
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
}

/**
 * The low 32 bits of strtoul's result, from the number form when the magnitude is small
 * (ToUint32 is exact modulo 2^32 for integers below 2^53); null when only the BigInt has it.
 */
const low32 = (n: ScannedNumber): number | null =>
  n.small === null ? null : (n.negative ? -n.small : n.small) >>> 0;
const u32 = (n: ScannedNumber): number => low32(n) ?? Number(toUnsignedLong(n) & 0xffffffffn);
const u16 = (n: ScannedNumber): number => {
  const v = low32(n);
  return v === null ? Number(toUnsignedLong(n) & 0xffffn) : v & 0xffff;
};
const s16 = (n: ScannedNumber): number => {
  const v = low32(n);
  return v === null ? Number(BigInt.asIntN(16, toLong(n))) : (v << 16) >> 16;
};
/** `%lu` as a JSON-safe value: the number itself when small and not negated. */
const ulong = (n: ScannedNumber): number | string =>
  n.small !== null && !n.negative ? n.small : safe(toUnsignedLong(n));

/**
 * Reads one entry like `fscanf("%s %X:%hX %X:%hX %hX %lX %hd [%hd] %lu")`. Returns `'eof'` when
 * the input ends before the first conversion, `'format'` when it stops part-way, else the entry
 * (with the protocol word not yet checked).
 */
function scanEntry(s: ScanStream, withPDelta: boolean): MasqEntry | 'eof' | 'format' {
  const word = s.word();
  if (word === null) return 'eof';
  const src = s.number(16);
  if (!src || !s.literal(':')) return 'format';
  const sport = s.number(16);
  if (!sport) return 'format';
  const dst = s.number(16);
  if (!dst || !s.literal(':')) return 'format';
  const dport = s.number(16);
  const mport = dport && s.number(16);
  const seq = mport && s.number(16);
  const delta = seq && s.number(10);
  const pdelta = delta && withPDelta ? s.number(10) : null;
  if (!delta || (withPDelta && !pdelta)) return 'format';
  const expires = s.number(10);
  if (!dport || !mport || !seq || !expires) return 'format';
  // `%s` stores a C string: a NUL byte ends the word for the comparison.
  const nul = word.indexOf('\0');
  const protocolWord = nul >= 0 ? word.slice(0, nul) : word;
  return {
    protocolWord,
    protocol: MASQ_PROTOCOLS[protocolWord] ?? '',
    source: u32(src),
    sourcePort: u16(sport),
    destination: u32(dst),
    destinationPort: u16(dport),
    masqPort: u16(mport),
    initSeq: ulong(seq),
    delta: s16(delta),
    pdelta: pdelta ? s16(pdelta) : null,
    expires: ulong(expires),
  };
}

/** Length of the header read: `fgets(buffer, 256, f)` takes at most 255 bytes, up to the newline. */
function headerEnd(text: string): number {
  const nl = text.indexOf('\n');
  const max = 255;
  return nl >= 0 && nl < max ? nl + 1 : Math.min(max, text.length);
}

/** Text gathered before entries are read from it (a streamed file arrives in pieces). */
const WINDOW = 64 << 10;

/**
 * {@link scanIpMasquerade} pushed piece by piece (byte strings, latin1), with bounded memory: the
 * text is read in windows, and an entry that may go on past a window's end is read again with
 * the next piece (at most {@link MASQ_ENTRY_MAX} bytes are held for it). The first piece may be
 * the whole file (then it is read in one go, as fast as a string).
 */
export class IpMasqueradeScanner {
  private head = '';
  private headDone = false;
  private hasPDelta = false;
  private win = '';
  private result: MasqParse | null = null;

  /**
   * `each` gets every entry in order (entries before an error included); `window` is how much
   * text is gathered before entries are read from it (small values serve tests).
   */
  constructor(
    private readonly each: (e: MasqEntry) => void,
    private readonly window = WINDOW,
  ) {}

  /** Reads the next piece of the file (ignored once the scan has stopped at an error). */
  push(chunk: string): void {
    if (this.result !== null || chunk.length === 0) return;
    if (!this.headDone) {
      this.head += chunk;
      const nl = this.head.indexOf('\n');
      if (!((nl >= 0 && nl < 255) || this.head.length >= 255)) return;
      this.startEntries();
    } else this.win += chunk;
    if (this.win.length >= this.window) this.drain(false);
  }

  /** Ends the file: reads what is left and returns the outcome (`entries` is empty). */
  end(): MasqParse {
    if (this.result !== null) return this.result;
    if (!this.headDone) {
      if (this.head.length === 0) return { hasPDelta: false, entries: [], error: 'fgets' };
      this.startEntries();
    }
    this.drain(true);
    return this.result ?? { hasPDelta: this.hasPDelta, entries: [], error: null };
  }

  private startEntries(): void {
    const end = headerEnd(this.head);
    const header = this.head.slice(0, end);
    const nul = header.indexOf('\0');
    this.hasPDelta = (nul >= 0 ? header.slice(0, nul) : header).includes('PDelta');
    this.win = this.head.slice(end);
    this.head = '';
    this.headDone = true;
  }

  private stop(error: MasqError | null): void {
    this.result = { hasPDelta: this.hasPDelta, entries: [], error };
    this.win = '';
  }

  /**
   * Reads the entries of the window. Unless `final`, an entry whose reading got within one byte
   * of the window's end (where a number, word or blank run may go on) is left for the next piece.
   */
  private drain(final: boolean): void {
    const win = this.win;
    const s = new ScanStream(win, 0);
    for (;;) {
      const start = s.pos;
      const e = scanEntry(s, this.hasPDelta);
      if (!final && s.pos + 1 >= win.length) {
        let k = start;
        while (k < win.length && isSpace(win.charCodeAt(k))) k++;
        this.win = win.slice(k);
        if (this.win.length > MASQ_ENTRY_MAX) this.stop('long');
        return;
      }
      if (e === 'eof' || e === 'format' || e.protocol === '') {
        this.stop(e === 'eof' ? null : e === 'format' ? 'format' : 'type');
        return;
      }
      this.each(e);
    }
  }
}

/**
 * Parses `/proc/net/ip_masquerade` (a byte string) as net-tools 2.10 does: the first line (at most
 * 255 bytes; the rest of a longer one is read as entries) is the header, `PDelta` in it means the
 * entries have a PDelta field; the entries are free-format (newlines do not matter). An empty file,
 * a partial entry or an unknown protocol word set `error`.
 */
export function parseIpMasquerade(text: string): MasqParse {
  const entries: MasqEntry[] = [];
  const r = scanIpMasquerade(text, (e) => entries.push(e));
  return { ...r, entries };
}

/**
 * {@link parseIpMasquerade} as a stream over the file (a byte string, bytes, or the piece feed of
 * a streamed file: see {@link IpMasqueradeScanner}): `each` gets every entry in order (entries
 * before an error included), none is kept; the result's `entries` is empty.
 */
export function scanIpMasquerade(input: ByteInput, each: (e: MasqEntry) => void): MasqParse {
  const scanner = new IpMasqueradeScanner(each);
  if (typeof input === 'string') scanner.push(input);
  else if (typeof input === 'function') input(WINDOW, (b, s, e) => scanner.push(b.toString('latin1', s, e)));
  else scanner.push(Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('latin1'));
  return scanner.end();
}
