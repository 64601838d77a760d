import { formatIPv4, formatIPv6, parseIPv4, parseIPv6 } from '@netstat-ts/core';
import { type ConntrackEntry, type ConntrackTuple, emptyTuple } from './conntrack.js';

/**
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

/** The space-separated words of a line (runs of spaces count as one). */
function words(line: string): string[] {
  const t: string[] = [];
  const n = line.length;
  let p = 0;
  while (p < n) {
    if (line.charCodeAt(p) === 32) {
      p++;
      continue;
    }
    let q = line.indexOf(' ', p);
    if (q < 0) q = n;
    t.push(line.slice(p, q));
    p = q + 1;
  }
  return t;
}

/**
 * Parses one line of either listing. The layout is recognised per line: `ipv4 2 tcp 6 …`
 * (/proc, `-o extended`) or `tcp 6 …` (`conntrack -L`, whose IPv6 entries are told apart by their
 * addresses).
 */
export function parseConntrackLine(line: string): ConntrackLine {
  const t = words(line);
  const bad = (reason: string): ConntrackLine => ({ ok: false, reason });
  if (t.length < 4) return bad('too few fields');
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
  if (i < t.length && isDigits(t[i]!)) {
    timeout = num(t[i]!, U32);
    if (timeout === null) return bad('bad timeout');
    i++;
  }
  let state: string | null = null;
  if (i < t.length && t[i]!.indexOf('=') < 0 && STATE.test(t[i]!)) state = t[i++]!;

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
  for (; i < t.length; i++) {
    const w = t[i]!;
    if (w.charCodeAt(0) === 91) {
      const f = FLAG.exec(w);
      if (!f) return bad(`unexpected field '${w}'`);
      e.flags.push(f[1]!);
      continue;
    }
    const eq = w.indexOf('=');
    if (eq <= 0) return bad(`unexpected field '${w}'`);
    const k = w.slice(0, eq);
    const v = w.slice(eq + 1);
    if (k === 'src') {
      if (part >= 2) return bad('more than two tuples');
      part++;
      tuple = part === 1 ? e.original : e.reply;
    } else if (part === 0) {
      // Protocol extras before the tuples (old kernels' GRE: `timeout=180, stream_timeout=18000`).
      continue;
    }
    let ok = true;
    switch (k) {
      case 'src':
      case 'dst': {
        if (part === 3) return bad(`'${k}=' after the reply tuple`);
        const a = address(v, l3);
        if (a === null) return bad(`bad address '${v}'`);
        if (!l3) l3 = a.indexOf(':') >= 0 ? 'ipv6' : 'ipv4';
        tuple[k] = a;
        break;
      }
      case 'sport':
      case 'dport':
        tuple[k] = num(v, 0xffff);
        ok = tuple[k] !== null;
        break;
      case 'srckey':
        tuple.sport = key(v);
        ok = tuple.sport !== null;
        break;
      case 'dstkey':
        tuple.dport = key(v);
        ok = tuple.dport !== null;
        break;
      case 'type':
        tuple.icmpType = num(v, 255);
        ok = tuple.icmpType !== null;
        break;
      case 'code':
        tuple.icmpCode = num(v, 255);
        ok = tuple.icmpCode !== null;
        break;
      case 'id':
        // ICMP's echo id inside a tuple; `conntrack -o id` prints the entry id after the reply.
        if (part === 3 || (part === 2 && e.protocol !== 'icmp' && e.protocol !== 'icmpv6')) {
          e.id = num(v, U32);
          ok = e.id !== null;
          part = 3;
        } else tuple.icmpId = num(v, 0xffff);
        ok = tuple.icmpId !== null;
        break;
      case 'packets':
        tuple.packets = num(v, Number.MAX_SAFE_INTEGER);
        ok = tuple.packets !== null;
        break;
      case 'bytes':
        tuple.bytes = num(v, Number.MAX_SAFE_INTEGER);
        ok = tuple.bytes !== null;
        break;
      case 'zone-orig':
        e.original.zone = num(v, 0xffff);
        ok = e.original.zone !== null;
        break;
      case 'zone-reply':
        e.reply.zone = num(v, 0xffff);
        ok = e.reply.zone !== null;
        break;
      case 'mark':
        part = 3;
        e.mark = num(v, U32);
        ok = e.mark !== null;
        break;
      case 'zone':
        part = 3;
        e.zone = num(v, 0xffff);
        ok = e.zone !== null;
        break;
      case 'secctx':
        part = 3;
        e.secctx = v;
        break;
      case 'delta-time':
        part = 3;
        e.deltaTime = num(v, Number.MAX_SAFE_INTEGER);
        ok = e.deltaTime !== null;
        break;
      case 'use':
        part = 3;
        e.use = num(v, U32);
        ok = e.use !== null;
        break;
      default:
        // helper=, labels=, timestamps of other conntrack -o formats: not needed here.
        if (part === 2) part = 3;
        break;
    }
    if (!ok) return bad(`bad value '${w}'`);
  }
  if (part < 2) return bad('no reply tuple');
  e.l3 = l3;
  for (const tu of [e.original, e.reply]) if (!tu.src || !tu.dst) return bad('tuple without src/dst');
  return { ok: true, entry: e };
}

/** A line that was skipped: 1-based line number and why. */
export interface SkippedLine {
  line: number;
  reason: string;
}

/** At most this many skipped lines are kept with their reasons (all are counted). */
export const MAX_SKIPPED_KEPT = 20;

/**
 * Reads a listing piece by piece (as {@link Host.stream} hands it out): every complete line is
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
