import { formatIPv4, formatIPv6, parseIPv4, parseIPv6 } from '@netstat-ts/core';
import { type ConntrackEntry, type ConntrackTuple, emptyTuple } from '../src/conntrack.js';

/**
 * TEST ORACLE ONLY: the string parser that src/conntrack-text.ts replaced (kept unchanged so that
 * conntrack-bytes.test.ts can check the byte parser gives the same entries and the same reasons
 * on real and random lines).
 *
 * Parsers of the connection tracker's text listings: `/proc/net/nf_conntrack` (the kernel's
 * `ct_seq_show`: `ipv4 2 tcp 6 431998 ESTABLISHED src=… dst=… sport=… dport=… src=… … use=2`),
 * `conntrack -L -o extended` (the same) and plain `conntrack -L` (the same without the leading
 * `ipv4 2`). Pure: text in, entries and skipped-line reasons out; never throws.
 */

/** The result of one line: an entry, or why the line was skipped. */
export type ConntrackLine = { ok: true; entry: ConntrackEntry } | { ok: false; reason: string };

const STATE = /^[A-Z][A-Z0-9_]*$/;
const NAME = /^[a-z][a-z0-9_-]*$/;
const FLAG = /^\[([A-Z_]+)\]$/;
const U32 = 0xffffffff;

/** True for a non-empty run of decimal digits. */
function isDigits(text: string): boolean {
  const n = text.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** An unsigned decimal up to `max`, or null. */
function num(text: string, max: number): number | null {
  const n = text.length;
  if (n === 0 || n > 20) return null;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return null;
    v = v * 10 + c;
  }
  return v <= max ? v : null;
}

/** Field keys, told apart by length and first letters without slicing the word. */
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

/** The key of the field at `line[p]` whose name is `len` long. */
function keyOf(line: string, p: number, len: number): number {
  const w = line;
  switch (len) {
    case 2:
      return w.startsWith('id', p) ? K.id : K.other;
    case 3:
      return w.startsWith('src', p)
        ? K.src
        : w.startsWith('dst', p)
          ? K.dst
          : w.startsWith('use', p)
            ? K.use
            : K.other;
    case 4:
      return w.startsWith('type', p)
        ? K.type
        : w.startsWith('code', p)
          ? K.code
          : w.startsWith('mark', p)
            ? K.mark
            : w.startsWith('zone', p)
              ? K.zone
              : K.other;
    case 5:
      return w.startsWith('sport', p)
        ? K.sport
        : w.startsWith('dport', p)
          ? K.dport
          : w.startsWith('bytes', p)
            ? K.bytes
            : K.other;
    case 6:
      return w.startsWith('srckey', p)
        ? K.srckey
        : w.startsWith('dstkey', p)
          ? K.dstkey
          : w.startsWith('secctx', p)
            ? K.secctx
            : K.other;
    case 7:
      return w.startsWith('packets', p) ? K.packets : K.other;
    case 9:
      return w.startsWith('zone-orig', p) ? K.zoneOrig : K.other;
    case 10:
      return w.startsWith('zone-reply', p)
        ? K.zoneReply
        : w.startsWith('delta-time', p)
          ? K.deltaTime
          : K.other;
    default:
      return K.other;
  }
}

/** An unsigned decimal in `w[at, n)`, up to `max`, or null. */
function numAt(w: string, at: number, n: number, max: number): number | null {
  if (at >= n || n - at > 20) return null;
  let v = 0;
  for (let i = at; i < n; i++) {
    const c = w.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return null;
    v = v * 10 + c;
  }
  return v <= max ? v : null;
}

/** A GRE key (`0x1f`) or any unsigned decimal. */
function key(text: string): number | null {
  if (/^0x[0-9a-fA-F]{1,8}$/.test(text)) return Number.parseInt(text.slice(2), 16);
  return num(text, U32);
}

/** A dotted quad in canonical form (no leading zeros), checked without building anything. */
function isCanonicalIPv4(t: string): boolean {
  let dots = 0;
  let digits = 0;
  let octet = 0;
  let lead = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return false;
      dots++;
      digits = 0;
      octet = 0;
      continue;
    }
    if (c < 48 || c > 57) return false;
    if (digits === 1 && lead) return false;
    lead = digits === 0 && c === 48;
    octet = octet * 10 + c - 48;
    if (++digits > 3 || octet > 255) return false;
  }
  return dots === 3 && digits > 0;
}

/** Canonical texts of recently seen addresses (the masquerade address repeats on every line). */
const seen = new Map<string, string | null>();
const SEEN_MAX = 4096;

function address(text: string, l3: string): string | null {
  if (l3 !== 'ipv6' && text.indexOf(':') < 0) {
    if (isCanonicalIPv4(text)) return text;
    const a = parseIPv4(text);
    return a === null ? null : formatIPv4(a);
  }
  if (l3 === 'ipv4') return null;
  const hit = seen.get(text);
  if (hit !== undefined) return hit;
  const b = parseIPv6(text);
  const canon = b === null ? null : formatIPv6(b);
  if (seen.size >= SEEN_MAX) seen.clear();
  seen.set(text, canon);
  return canon;
}

/** Start and end offsets of the words of the line being parsed (reused: no array per line). */
let spans = new Int32Array(128);

/** Finds the space-separated words of a line (runs of spaces count as one); returns their count. */
function words(line: string): number {
  const n = line.length;
  let p = 0;
  let count = 0;
  while (p < n) {
    if (line.charCodeAt(p) === 32) {
      p++;
      continue;
    }
    let q = line.indexOf(' ', p);
    if (q < 0) q = n;
    if (2 * count + 2 > spans.length) {
      const bigger = new Int32Array(spans.length * 2);
      bigger.set(spans);
      spans = bigger;
    }
    spans[2 * count] = p;
    spans[2 * count + 1] = q;
    count++;
    p = q + 1;
  }
  return count;
}

/**
 * Parses one line of either listing. The layout is recognised per line: `ipv4 2 tcp 6 …`
 * (/proc, `-o extended`) or `tcp 6 …` (`conntrack -L`, whose IPv6 entries are told apart by their
 * addresses).
 */
export function parseConntrackLine(line: string): ConntrackLine {
  const count = words(line);
  // Only the first words are made strings; the fields are read in place.
  const t: string[] = [];
  for (let j = 0; j < count && j < 6; j++) t.push(line.slice(spans[2 * j]!, spans[2 * j + 1]!));
  if (count < 4) return bad('too few fields');
  let i = 0;
  let l3 = '';
  // /proc layout: l3name l3num l4name l4num; conntrack -L: l4name l4num.
  if (isDigits(t[1]!) && isDigits(t[3]!) && NAME.test(t[0]!) && NAME.test(t[2]!)) {
    l3 = t[0]!;
    const l3num = num(t[1]!, 255);
    if (l3num === null) return bad('bad network protocol number');
    i = 2;
  }
  const protocol = t[i]!;
  if (!NAME.test(protocol)) return bad('bad protocol name');
  const protonum = num(t[i + 1]!, 255);
  if (protonum === null) return bad('bad protocol number');
  i += 2;
  let timeout: number | null = null;
  if (i < count && isDigits(t[i]!)) {
    timeout = num(t[i]!, U32);
    if (timeout === null) return bad('bad timeout');
    i++;
  }
  let state: string | null = null;
  if (i < count && t[i]!.indexOf('=') < 0 && STATE.test(t[i]!)) state = t[i++]!;

  const e: ConntrackEntry = {
    l3,
    protocol,
    protonum,
    timeout,
    state,
    original: emptyTuple(),
    reply: emptyTuple(),
    flags: [],
    mark: null,
    zone: null,
    secctx: null,
    deltaTime: null,
    use: null,
    status: null,
    id: null,
  };
  // 0: before the original tuple, 1: in it, 2: in the reply, 3: after it (no more src=).
  let part = 0;
  let tuple: ConntrackTuple = e.original;
  for (; i < count; i++) {
    const p = spans[2 * i]!;
    const q = spans[2 * i + 1]!;
    if (line.charCodeAt(p) === 91) {
      const f = FLAG.exec(line.slice(p, q));
      if (!f) return bad(`unexpected field '${line.slice(p, q)}'`);
      e.flags.push(f[1]!);
      continue;
    }
    const eq = line.indexOf('=', p);
    if (eq <= p || eq >= q) return bad(`unexpected field '${line.slice(p, q)}'`);
    const k = keyOf(line, p, eq - p);
    const at = eq + 1;
    if (k === K.src) {
      if (part >= 2) return bad('more than two tuples');
      part++;
      tuple = part === 1 ? e.original : e.reply;
    } else if (part === 0) {
      // Protocol extras before the tuples (old kernels' GRE: `timeout=180, stream_timeout=18000`).
      continue;
    }
    let ok = true;
    let n: number | null = null;
    switch (k) {
      case K.src:
      case K.dst: {
        if (part === 3) return bad(`'${line.slice(p, eq)}=' after the reply tuple`);
        const v = line.slice(at, q);
        const a = address(v, l3);
        if (a === null) return bad(`bad address '${v}'`);
        if (!l3) l3 = a.indexOf(':') >= 0 ? 'ipv6' : 'ipv4';
        if (k === K.src) tuple.src = a;
        else tuple.dst = a;
        break;
      }
      case K.sport:
        n = numAt(line, at, q, 0xffff);
        ok = n !== null;
        tuple.sport = n;
        break;
      case K.dport:
        n = numAt(line, at, q, 0xffff);
        ok = n !== null;
        tuple.dport = n;
        break;
      case K.srckey:
        n = key(line.slice(at, q));
        ok = n !== null;
        tuple.sport = n;
        break;
      case K.dstkey:
        n = key(line.slice(at, q));
        ok = n !== null;
        tuple.dport = n;
        break;
      case K.type:
        n = numAt(line, at, q, 255);
        ok = n !== null;
        tuple.icmpType = n;
        break;
      case K.code:
        n = numAt(line, at, q, 255);
        ok = n !== null;
        tuple.icmpCode = n;
        break;
      case K.id:
        // ICMP's echo id inside a tuple; `conntrack -o id` prints the entry id after the reply.
        if (part === 3 || (part === 2 && e.protocol !== 'icmp' && e.protocol !== 'icmpv6')) {
          n = numAt(line, at, q, U32);
          ok = n !== null;
          e.id = n;
          part = 3;
        } else {
          n = numAt(line, at, q, 0xffff);
          ok = n !== null;
          tuple.icmpId = n;
        }
        break;
      case K.packets:
        n = numAt(line, at, q, Number.MAX_SAFE_INTEGER);
        ok = n !== null;
        tuple.packets = n;
        break;
      case K.bytes:
        n = numAt(line, at, q, Number.MAX_SAFE_INTEGER);
        ok = n !== null;
        tuple.bytes = n;
        break;
      case K.zoneOrig:
        n = numAt(line, at, q, 0xffff);
        ok = n !== null;
        e.original.zone = n;
        break;
      case K.zoneReply:
        n = numAt(line, at, q, 0xffff);
        ok = n !== null;
        e.reply.zone = n;
        break;
      case K.mark:
        part = 3;
        n = numAt(line, at, q, U32);
        ok = n !== null;
        e.mark = n;
        break;
      case K.zone:
        part = 3;
        n = numAt(line, at, q, 0xffff);
        ok = n !== null;
        e.zone = n;
        break;
      case K.secctx:
        part = 3;
        e.secctx = line.slice(at, q);
        break;
      case K.deltaTime:
        part = 3;
        n = numAt(line, at, q, Number.MAX_SAFE_INTEGER);
        ok = n !== null;
        e.deltaTime = n;
        break;
      case K.use:
        part = 3;
        n = numAt(line, at, q, U32);
        ok = n !== null;
        e.use = n;
        break;
      default:
        // helper=, labels=, timestamps of other conntrack -o formats: not needed here.
        if (part === 2) part = 3;
        break;
    }
    if (!ok) return bad(`bad value '${line.slice(p, q)}'`);
  }
  if (part < 2) return bad('no reply tuple');
  e.l3 = l3;
  for (const tu of [e.original, e.reply]) if (!tu.src || !tu.dst) return bad('tuple without src/dst');
  return { ok: true, entry: e };
}

function bad(reason: string): ConntrackLine {
  return { ok: false, reason };
}

/** A line that was skipped: 1-based line number and why. */
export interface SkippedLine {
  line: number;
  reason: string;
}

/** At most this many skipped lines are kept with their reasons (all are counted). */
export const MAX_SKIPPED_KEPT = 20;

/**
 * Reads a listing piece by piece (as `Host.stream` hands it out): every complete line is
 * parsed as soon as it is seen and only the unfinished tail of a piece is kept, so the table is
 * never held whole. Entries go to `each`; bogus lines are counted.
 */
export class ConntrackScanner {
  /** Lines read so far. */
  lines = 0;
  /** Lines skipped (bogus), and the first {@link MAX_SKIPPED_KEPT} of them. */
  skippedCount = 0;
  skipped: SkippedLine[] = [];
  private tail: Buffer | null = null;

  constructor(private readonly each: (e: ConntrackEntry) => void) {}

  /** Feeds the next piece of the file. */
  push(chunk: Uint8Array): void {
    let data = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.tail) {
      data = Buffer.concat([this.tail, data]);
      this.tail = null;
    }
    let pos = 0;
    for (;;) {
      const nl = data.indexOf(10, pos);
      if (nl < 0) break;
      this.line(data.toString('latin1', pos, nl));
      pos = nl + 1;
    }
    if (pos < data.length) this.tail = Buffer.from(data.subarray(pos));
  }

  /** Ends the input: a last line without a newline is parsed too. */
  end(): void {
    if (this.tail) this.line(this.tail.toString('latin1'));
    this.tail = null;
  }

  private line(text: string): void {
    this.lines++;
    if (text.trim() === '') return;
    const r = parseConntrackLine(text);
    if (r.ok) this.each(r.entry);
    else {
      this.skippedCount++;
      if (this.skipped.length < MAX_SKIPPED_KEPT) this.skipped.push({ line: this.lines, reason: r.reason });
    }
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
