import { formatIPv4, formatIPv6, parseIPv6 } from '@netstat-ts/core';
import { type ConntrackEntry, type ConntrackTuple, emptyTuple } from './conntrack.js';
import { CtRecord } from './conntrack-record.js';

/**
 * Parsers of the connection tracker's text listings: `/proc/net/nf_conntrack` (the kernel's
 * `ct_seq_show`: `ipv4 2 tcp 6 431998 ESTABLISHED src=… dst=… sport=… dport=… src=… … use=2`),
 * `conntrack -L -o extended` (the same) and plain `conntrack -L` (the same without the leading
 * `ipv4 2`). Pure: bytes in, entries and skipped-line reasons out; never throws.
 *
 * The parser works on the bytes of the pieces `Host.stream` hands out: a line is read in place
 * (no string per line or per word) into a reused {@link CtRecord}; strings are made only for the
 * few names that repeat (protocol, state, flags; interned) and for the reason of a skipped line.
 */

/** The result of one line: an entry, or why the line was skipped. */
export type ConntrackLine = { ok: true; entry: ConntrackEntry } | { ok: false; reason: string };

const U32 = 0xffffffff;

/** Field keys, told apart by length and bytes without slicing the word. */
const K = {
  other: 0,
  src: 1,
  dst: 2,
  sport: 3,
  dport: 4,
  srckey: 5,
  dstkey: 6,
  type: 7,
  code: 8,
  id: 9,
  packets: 10,
  bytes: 11,
  zoneOrig: 12,
  zoneReply: 13,
  mark: 14,
  zone: 15,
  secctx: 16,
  deltaTime: 17,
  use: 18,
} as const;

/** The key of the field at `b[p]` whose name is `len` bytes long (byte compares, no strings). */
function keyOf(b: Uint8Array, p: number, len: number): number {
  const c0 = b[p]!;
  switch (len) {
    case 2:
      return c0 === 105 && b[p + 1] === 100 ? K.id : K.other;
    case 3: {
      const c1 = b[p + 1]!;
      const c2 = b[p + 2]!;
      if (c0 === 115) return c1 === 114 && c2 === 99 ? K.src : K.other; // src
      if (c0 === 100) return c1 === 115 && c2 === 116 ? K.dst : K.other; // dst
      if (c0 === 117) return c1 === 115 && c2 === 101 ? K.use : K.other; // use
      return K.other;
    }
    case 4:
      if (c0 === 116) return at(b, p, 'type') ? K.type : K.other;
      if (c0 === 99) return at(b, p, 'code') ? K.code : K.other;
      if (c0 === 109) return at(b, p, 'mark') ? K.mark : K.other;
      if (c0 === 122) return at(b, p, 'zone') ? K.zone : K.other;
      return K.other;
    case 5:
      if (c0 === 115) return at(b, p, 'sport') ? K.sport : K.other;
      if (c0 === 100) return at(b, p, 'dport') ? K.dport : K.other;
      if (c0 === 98) return at(b, p, 'bytes') ? K.bytes : K.other;
      return K.other;
    case 6:
      if (c0 === 115) return at(b, p, 'srckey') ? K.srckey : at(b, p, 'secctx') ? K.secctx : K.other;
      if (c0 === 100) return at(b, p, 'dstkey') ? K.dstkey : K.other;
      return K.other;
    case 7:
      return c0 === 112 && at(b, p, 'packets') ? K.packets : K.other;
    case 9:
      return c0 === 122 && at(b, p, 'zone-orig') ? K.zoneOrig : K.other;
    case 10:
      if (c0 === 122) return at(b, p, 'zone-reply') ? K.zoneReply : K.other;
      if (c0 === 100) return at(b, p, 'delta-time') ? K.deltaTime : K.other;
      return K.other;
    default:
      return K.other;
  }
}

/** True when `b[p + 1, p + s.length)` holds the rest of the ASCII text `s` (its first byte is checked). */
function at(b: Uint8Array, p: number, s: string): boolean {
  for (let i = 1; i < s.length; i++) if (b[p + i] !== s.charCodeAt(i)) return false;
  return true;
}

/** True for a non-empty run of decimal digits in `b[s, e)`. */
function isDigits(b: Uint8Array, s: number, e: number): boolean {
  if (s >= e) return false;
  for (let i = s; i < e; i++) {
    const c = b[i]!;
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** An unsigned decimal in `b[s, e)` (at most 20 digits), up to `max`; -1 when it is not one. */
function num(b: Uint8Array, s: number, e: number, max: number): number {
  if (s >= e || e - s > 20) return -1;
  let v = 0;
  for (let i = s; i < e; i++) {
    const c = b[i]! - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v <= max ? v : -1;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** A GRE key (`0x1f`, 1 to 8 hex digits) or any unsigned 32-bit decimal; -1 when neither. */
function key(b: Uint8Array, s: number, e: number): number {
  if (e - s >= 3 && e - s <= 10 && b[s] === 48 && b[s + 1] === 120) {
    let v = 0;
    for (let i = s + 2; i < e; i++) {
      const h = hexValue(b[i]!);
      if (h < 0) return num(b, s, e, U32);
      v = v * 16 + h;
    }
    return v;
  }
  return num(b, s, e, U32);
}

/** `[a-z][a-z0-9_-]*` */
function isName(b: Uint8Array, s: number, e: number): boolean {
  if (s >= e) return false;
  const c0 = b[s]!;
  if (c0 < 97 || c0 > 122) return false;
  for (let i = s + 1; i < e; i++) {
    const c = b[i]!;
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45)) return false;
  }
  return true;
}

/** `[A-Z][A-Z0-9_]*` */
function isState(b: Uint8Array, s: number, e: number): boolean {
  if (s >= e) return false;
  const c0 = b[s]!;
  if (c0 < 65 || c0 > 90) return false;
  for (let i = s + 1; i < e; i++) {
    const c = b[i]!;
    if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95)) return false;
  }
  return true;
}

/** `\[[A-Z_]+\]` */
function isFlag(b: Uint8Array, s: number, e: number): boolean {
  if (e - s < 3 || b[s] !== 91 || b[e - 1] !== 93) return false;
  for (let i = s + 1; i < e - 1; i++) {
    const c = b[i]!;
    if (!((c >= 65 && c <= 90) || c === 95)) return false;
  }
  return true;
}

/** Strings of the names that repeat on every line (protocols, states, flags), by their bytes. */
const INTERN_SLOTS = 256;
const internBytes: (Uint8Array | null)[] = new Array(INTERN_SLOTS).fill(null);
const internText: string[] = new Array(INTERN_SLOTS).fill('');

/** The string of `b[s, e)`, the same object each time for the same bytes (a direct-mapped cache). */
function intern(b: Uint8Array, s: number, e: number): string {
  const n = e - s;
  const slot = n === 0 ? 0 : (n * 7 + b[s]! * 3 + b[e - 1]! + b[s + (n >> 1)]!) & (INTERN_SLOTS - 1);
  const x = internBytes[slot];
  if (x !== null && x !== undefined && x.length === n) {
    let i = 0;
    while (i < n && x[i] === b[s + i]) i++;
    if (i === n) return internText[slot]!;
  }
  const text = latin1(b, s, e);
  if (n <= 64) {
    internBytes[slot] = Uint8Array.from(b.subarray(s, e));
    internText[slot] = text;
  }
  return text;
}

function latin1(b: Uint8Array, s: number, e: number): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1', s, e);
}

/** A strict dotted quad (`\d{1,3}` four times, each at most 255) in `b[s, e)`; -1 when not one. */
function dottedQuad(b: Uint8Array, s: number, e: number): number {
  let v = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = s; i < e; i++) {
    const c = b[i]!;
    if (c === 46) {
      if (digits === 0 || dots === 3) return -1;
      v = v * 256 + octet;
      dots++;
      digits = 0;
      octet = 0;
      continue;
    }
    if (c < 48 || c > 57 || ++digits > 3) return -1;
    octet = octet * 10 + c - 48;
    if (octet > 255) return -1;
  }
  if (dots !== 3 || digits === 0) return -1;
  return v * 256 + octet;
}

/**
 * An IPv6 address into `out[o, o + 16)`: the kernel's full form (`%pI6`, eight groups of four
 * hex digits) read in place, anything else through core's parseIPv6. False when not one.
 */
function ipv6(b: Uint8Array, s: number, e: number, out: Uint8Array, o: number): boolean {
  if (e - s === 39) {
    let ok = true;
    for (let g = 0; g < 8 && ok; g++) {
      const p = s + g * 5;
      if (g < 7 && b[p + 4] !== 58) ok = false;
      const h0 = hexValue(b[p]!);
      const h1 = hexValue(b[p + 1]!);
      const h2 = hexValue(b[p + 2]!);
      const h3 = hexValue(b[p + 3]!);
      if ((h0 | h1 | h2 | h3) < 0) ok = false;
      out[o + 2 * g] = (h0 << 4) | h1;
      out[o + 2 * g + 1] = (h2 << 4) | h3;
    }
    if (ok) return true;
  }
  const a = parseIPv6(latin1(b, s, e));
  if (a === null) return false;
  out.set(a, o);
  return true;
}

/** Start and end of the first words of the line being parsed (reused: no array per line). */
const head = new Int32Array(12);

/** The end of the word that `b[p]` is in (the next space, or `e`). */
function wordEnd(b: Uint8Array, p: number, e: number): number {
  while (p < e && b[p] !== 32) p++;
  return p;
}

/**
 * Finds the first (at most 6) space-separated words of `b[s, e)` (runs of spaces count as one)
 * into {@link head}; returns how many. The rest of the line is read word by word as it is parsed.
 */
function headWords(b: Uint8Array, s: number, e: number): number {
  let p = s;
  let count = 0;
  while (p < e && count < 6) {
    if (b[p] === 32) {
      p++;
      continue;
    }
    const q = wordEnd(b, p + 1, e);
    head[2 * count] = p;
    head[2 * count + 1] = q;
    count++;
    p = q + 1;
  }
  return count;
}

/** Where the value just read by a `scan…` function ends (the space after it, or the line's end). */
let END = 0;

/**
 * An unsigned decimal from `b[v]` to the next space (at most 20 digits), up to `max`; -1 when it
 * is not one. Sets {@link END}.
 */
function scanNum(b: Uint8Array, v: number, e: number, max: number): number {
  let x = 0;
  let i = v;
  for (; i < e; i++) {
    const c = b[i]!;
    if (c === 32) break;
    const d = c - 48;
    if (d < 0 || d > 9) {
      END = wordEnd(b, i, e);
      return -1;
    }
    x = x * 10 + d;
  }
  END = i;
  if (i === v || i - v > 20) return -1;
  return x <= max ? x : -1;
}

/**
 * Parses the line `b[s, e)` (no newline) of either listing into `r` (reset first). Returns null
 * on success, else why the line is not an entry. The layout is recognised per line:
 * `ipv4 2 tcp 6 …` (/proc, `-o extended`) or `tcp 6 …` (`conntrack -L`, whose IPv6 entries are
 * told apart by their addresses). One pass: each field is read from its first byte to the space
 * after it (no list of words is made first).
 */
export function parseConntrackBytes(b: Uint8Array, s: number, e: number, r: CtRecord): string | null {
  const found = headWords(b, s, e);
  if (found < 4) return 'too few fields';
  r.reset();
  let i = 0;
  let l3 = '';
  // /proc layout: l3name l3num l4name l4num; conntrack -L: l4name l4num.
  if (
    isDigits(b, head[2]!, head[3]!) &&
    isDigits(b, head[6]!, head[7]!) &&
    isName(b, head[0]!, head[1]!) &&
    isName(b, head[4]!, head[5]!)
  ) {
    l3 = intern(b, head[0]!, head[1]!);
    if (num(b, head[2]!, head[3]!, 255) < 0) return 'bad network protocol number';
    i = 2;
  }
  if (!isName(b, head[2 * i]!, head[2 * i + 1]!)) return 'bad protocol name';
  r.protocol = intern(b, head[2 * i]!, head[2 * i + 1]!);
  const protonum = num(b, head[2 * i + 2]!, head[2 * i + 3]!, 255);
  if (protonum < 0) return 'bad protocol number';
  r.protonum = protonum;
  i += 2;
  if (i < found && isDigits(b, head[2 * i]!, head[2 * i + 1]!)) {
    r.timeout = num(b, head[2 * i]!, head[2 * i + 1]!, U32);
    if (r.timeout < 0) return 'bad timeout';
    i++;
  }
  if (i < found && isState(b, head[2 * i]!, head[2 * i + 1]!)) {
    r.state = intern(b, head[2 * i]!, head[2 * i + 1]!);
    i++;
  }
  const icmp = r.protocol === 'icmp' || r.protocol === 'icmpv6';
  const nums = r.nums;
  // 0: before the original tuple, 1: in it, 2: in the reply, 3: after it (no more src=).
  let part = 0;
  // Offset of the current tuple's numbers in r.nums (original 0, reply TUPLE_FIELDS).
  let t = 0;
  let pos = i < found ? head[2 * i]! : e;
  if (i >= found && found === 6) pos = head[11]!;
  for (;;) {
    while (pos < e && b[pos] === 32) pos++;
    if (pos >= e) break;
    const p = pos;
    if (b[p] === 91) {
      const q = wordEnd(b, p, e);
      pos = q;
      if (!isFlag(b, p, q)) return `unexpected field '${latin1(b, p, q)}'`;
      r.flags.push(intern(b, p + 1, q - 1));
      continue;
    }
    let eq = p;
    while (eq < e && b[eq] !== 61 && b[eq] !== 32) eq++;
    if (eq === p || eq >= e || b[eq] !== 61) return `unexpected field '${latin1(b, p, wordEnd(b, p, e))}'`;
    const k = keyOf(b, p, eq - p);
    const v = eq + 1;
    if (k === K.src) {
      if (part >= 2) return 'more than two tuples';
      part++;
      t = part === 1 ? 0 : CtRecord.TUPLE_FIELDS;
    } else if (part === 0) {
      // Protocol extras before the tuples (old kernels' GRE: `timeout=180, stream_timeout=18000`).
      pos = wordEnd(b, v, e);
      continue;
    }
    let n = 0;
    switch (k) {
      case K.src:
      case K.dst: {
        if (part === 3) return `'${latin1(b, p, eq)}=' after the reply tuple`;
        // Address slots: original src 0, dst 1; reply src 2, dst 3.
        const slot = (t === 0 ? 0 : 2) + (k === K.src ? 0 : 1);
        const q = wordEnd(b, v, e);
        END = q;
        let colon = false;
        for (let j = v; j < q; j++)
          if (b[j] === 58) {
            colon = true;
            break;
          }
        if (l3 !== 'ipv6' && !colon) {
          const a = dottedQuad(b, v, q);
          if (a < 0) return `bad address '${latin1(b, v, q)}'`;
          r.family[slot] = 4;
          r.v4[slot] = a;
          if (!l3) l3 = 'ipv4';
        } else {
          if (l3 === 'ipv4' || !ipv6(b, v, q, r.v6, slot * 16)) return `bad address '${latin1(b, v, q)}'`;
          r.family[slot] = 6;
          if (!l3) l3 = 'ipv6';
        }
        break;
      }
      case K.sport:
        n = nums[t + CtRecord.SPORT] = scanNum(b, v, e, 0xffff);
        break;
      case K.dport:
        n = nums[t + CtRecord.DPORT] = scanNum(b, v, e, 0xffff);
        break;
      case K.srckey:
        END = wordEnd(b, v, e);
        n = nums[t + CtRecord.SPORT] = key(b, v, END);
        break;
      case K.dstkey:
        END = wordEnd(b, v, e);
        n = nums[t + CtRecord.DPORT] = key(b, v, END);
        break;
      case K.type:
        n = nums[t + CtRecord.ICMP_TYPE] = scanNum(b, v, e, 255);
        break;
      case K.code:
        n = nums[t + CtRecord.ICMP_CODE] = scanNum(b, v, e, 255);
        break;
      case K.id:
        // ICMP's echo id inside a tuple; `conntrack -o id` prints the entry id after the reply.
        if (part === 3 || (part === 2 && !icmp)) {
          n = r.id = scanNum(b, v, e, U32);
          part = 3;
        } else n = nums[t + CtRecord.ICMP_ID] = scanNum(b, v, e, 0xffff);
        break;
      case K.packets:
        n = nums[t + CtRecord.PACKETS] = scanNum(b, v, e, Number.MAX_SAFE_INTEGER);
        break;
      case K.bytes:
        n = nums[t + CtRecord.BYTES] = scanNum(b, v, e, Number.MAX_SAFE_INTEGER);
        break;
      case K.zoneOrig:
        n = nums[CtRecord.ZONE] = scanNum(b, v, e, 0xffff);
        break;
      case K.zoneReply:
        n = nums[CtRecord.TUPLE_FIELDS + CtRecord.ZONE] = scanNum(b, v, e, 0xffff);
        break;
      case K.mark:
        part = 3;
        n = r.mark = scanNum(b, v, e, U32);
        break;
      case K.zone:
        part = 3;
        n = r.zone = scanNum(b, v, e, 0xffff);
        break;
      case K.secctx:
        part = 3;
        END = wordEnd(b, v, e);
        r.secctx = latin1(b, v, END);
        break;
      case K.deltaTime:
        part = 3;
        n = r.deltaTime = scanNum(b, v, e, Number.MAX_SAFE_INTEGER);
        break;
      case K.use:
        part = 3;
        n = r.use = scanNum(b, v, e, U32);
        break;
      default:
        // helper=, labels=, timestamps of other conntrack -o formats: not needed here.
        if (part === 2) part = 3;
        END = wordEnd(b, v, e);
        break;
    }
    if (n < 0) return `bad value '${latin1(b, p, END)}'`;
    pos = END;
  }
  if (part < 2) return 'no reply tuple';
  r.l3 = l3;
  const f = r.family;
  if (f[0] === 0 || f[1] === 0 || f[2] === 0 || f[3] === 0) return 'tuple without src/dst';
  return null;
}

/** The canonical text of address slot `i` of a record. */
export function addressText(r: CtRecord, i: number): string {
  return r.family[i] === 4 ? formatIPv4(r.v4[i]!) : formatIPv6(r.v6.subarray(i * 16, i * 16 + 16));
}

function tupleOf(r: CtRecord, t: number, srcSlot: number): ConntrackTuple {
  const x = emptyTuple();
  const n = r.nums;
  const v = (k: number) => (n[t + k]! < 0 ? null : n[t + k]!);
  x.src = addressText(r, srcSlot);
  x.dst = addressText(r, srcSlot + 1);
  x.sport = v(CtRecord.SPORT);
  x.dport = v(CtRecord.DPORT);
  x.icmpType = v(CtRecord.ICMP_TYPE);
  x.icmpCode = v(CtRecord.ICMP_CODE);
  x.icmpId = v(CtRecord.ICMP_ID);
  x.packets = v(CtRecord.PACKETS);
  x.bytes = v(CtRecord.BYTES);
  x.zone = v(CtRecord.ZONE);
  return x;
}

/** The {@link ConntrackEntry} of a parsed record (a new object; the record can be reused). */
export function recordEntry(r: CtRecord): ConntrackEntry {
  const opt = (v: number) => (v < 0 ? null : v);
  return {
    l3: r.l3,
    protocol: r.protocol,
    protonum: r.protonum,
    timeout: opt(r.timeout),
    state: r.state,
    original: tupleOf(r, 0, 0),
    reply: tupleOf(r, CtRecord.TUPLE_FIELDS, 2),
    flags: [...r.flags],
    mark: opt(r.mark),
    zone: opt(r.zone),
    secctx: r.secctx,
    deltaTime: opt(r.deltaTime),
    use: opt(r.use),
    status: null,
    id: opt(r.id),
  };
}

const lineRecord = new CtRecord();

/** Parses one line (a string of bytes, latin1) of either listing. */
export function parseConntrackLine(line: string): ConntrackLine {
  const b = Buffer.from(line, 'latin1');
  const reason = parseConntrackBytes(b, 0, b.length, lineRecord);
  return reason === null ? { ok: true, entry: recordEntry(lineRecord) } : { ok: false, reason };
}

/** A line that was skipped: 1-based line number and why. */
export interface SkippedLine {
  line: number;
  reason: string;
}

/** At most this many skipped lines are kept with their reasons (all are counted). */
export const MAX_SKIPPED_KEPT = 20;

/**
 * Longest line kept whole (1 MiB; the kernel's lines are a few hundred bytes): a longer one is
 * skipped ("line too long") without holding more of it, so a hostile file cannot fill memory.
 */
export const MAX_LINE = 1 << 20;

/** True when `b[s, e)` holds only what String.prototype.trim removes (latin1: TAB-CR, space, NBSP). */
function isBlank(b: Uint8Array, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = b[i]!;
    if (c !== 32 && (c < 9 || c > 13) && c !== 0xa0) return false;
  }
  return true;
}

/**
 * Reads a listing piece by piece (as `Host.stream` hands it out): every complete line is parsed
 * in place, in the piece, as soon as it is seen; only a line cut by the end of a piece is copied
 * (into a reused buffer), so the table is never held whole. Each entry goes to `each` as a
 * {@link CtRecord} that is reused for the next line (copy what must be kept, e.g. with
 * {@link recordEntry}); bogus lines are counted.
 */
export class ConntrackRecordScanner {
  /** Lines read so far. */
  lines = 0;
  /** Lines skipped (bogus), and the first {@link MAX_SKIPPED_KEPT} of them. */
  skippedCount = 0;
  skipped: SkippedLine[] = [];
  private readonly record = new CtRecord();
  private tail = Buffer.alloc(0);
  private tailLen = 0;
  private tooLong = false;

  constructor(private readonly each: (r: CtRecord) => void) {}

  /** Feeds the next piece of the file. */
  push(chunk: Uint8Array): void {
    const data = Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const n = data.length;
    let pos = 0;
    if (this.tailLen > 0 || this.tooLong) {
      const nl = data.indexOf(10);
      if (nl < 0) {
        this.append(data, 0, n);
        return;
      }
      this.append(data, 0, nl);
      this.flushTail();
      pos = nl + 1;
    }
    for (;;) {
      const nl = data.indexOf(10, pos);
      if (nl < 0) break;
      this.line(data, pos, nl);
      pos = nl + 1;
    }
    if (pos < n) this.append(data, pos, n);
  }

  /** Ends the input: a last line without a newline is parsed too. */
  end(): void {
    if (this.tailLen > 0 || this.tooLong) this.flushTail();
  }

  private append(data: Buffer, s: number, e: number): void {
    if (this.tooLong) return;
    const need = this.tailLen + (e - s);
    if (need > MAX_LINE) {
      this.tooLong = true;
      this.tailLen = 0;
      return;
    }
    if (need > this.tail.length) {
      const bigger = Buffer.allocUnsafe(Math.max(need, 2 * this.tail.length, 4096));
      this.tail.copy(bigger, 0, 0, this.tailLen);
      this.tail = bigger;
    }
    data.copy(this.tail, this.tailLen, s, e);
    this.tailLen = need;
  }

  private flushTail(): void {
    if (this.tooLong) {
      this.tooLong = false;
      this.lines++;
      this.skip('line too long');
    } else this.line(this.tail, 0, this.tailLen);
    this.tailLen = 0;
    // A large line's buffer is not kept for the rest of the file.
    if (this.tail.length > 65536) this.tail = Buffer.alloc(0);
  }

  private line(b: Buffer, s: number, e: number): void {
    this.lines++;
    if (isBlank(b, s, e)) return;
    const reason = parseConntrackBytes(b, s, e, this.record);
    if (reason === null) this.each(this.record);
    else this.skip(reason);
  }

  private skip(reason: string): void {
    this.skippedCount++;
    if (this.skipped.length < MAX_SKIPPED_KEPT) this.skipped.push({ line: this.lines, reason });
  }
}

/**
 * {@link ConntrackRecordScanner} handing out each entry as its own {@link ConntrackEntry}
 * (library use, tests and JSON).
 */
export class ConntrackScanner extends ConntrackRecordScanner {
  constructor(each: (e: ConntrackEntry) => void) {
    super((r) => each(recordEntry(r)));
  }
}

/** Parses a whole listing held in memory (library use and tests). */
export function parseConntrackText(text: string): {
  entries: ConntrackEntry[];
  skippedCount: number;
  skipped: SkippedLine[];
} {
  const entries: ConntrackEntry[] = [];
  const s = new ConntrackScanner((e) => entries.push(e));
  s.push(Buffer.from(text, 'latin1'));
  s.end();
  return { entries, skippedCount: s.skippedCount, skipped: s.skipped };
}
