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

/** Why 2.10 gives up on the file (the message goes to stderr, status 255, nothing on stdout). */
export type MasqError = 'fgets' | 'format' | 'type';

/** The messages of {@link MasqError}. */
export const MASQ_ERRORS: Readonly<Record<MasqError, string>> = {
  fgets: "masq_info: Internal Error `fgets() failed'.",
  format: "masq_info.c: Internal Error `ip_masquerade format error'.",
  type: "masq_info.c: Internal Error `ip_masquerade unknown type'.",
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
 * {@link parseIpMasquerade} as a stream: `each` gets every entry in order (entries before an
 * error included), none is kept; the result's `entries` is empty.
 */
export function scanIpMasquerade(text: string, each: (e: MasqEntry) => void): MasqParse {
  const entries: MasqEntry[] = [];
  if (text.length === 0) return { hasPDelta: false, entries, error: 'fgets' };
  const end = headerEnd(text);
  const header = text.slice(0, end);
  const nul = header.indexOf('\0');
  const hasPDelta = (nul >= 0 ? header.slice(0, nul) : header).includes('PDelta');
  const s = new ScanStream(text, end);
  for (;;) {
    const e = scanEntry(s, hasPDelta);
    if (e === 'eof') break;
    if (e === 'format') return { hasPDelta, entries, error: 'format' };
    if (e.protocol === '') return { hasPDelta, entries, error: 'type' };
    each(e);
  }
  return { hasPDelta, entries, error: null };
}
