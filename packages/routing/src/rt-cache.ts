import type { Diagnostic } from '@netstat-ts/core';
import { conv, type FieldSpec, headerFormat, ROUTE_LINE_BUFFER } from './proc-fmt.js';
import { type Conversion, forEachFgets, ipv4FromRouteBytes, type RouteInput, scanRanges } from './scan.js';

/** The two rt_cache layouts net-tools 2.10 knows. */
export type RtCacheFormat = '2.2' | '2.0';

/** One entry of /proc/net/rt_cache. Addresses are host-order numbers. */
export interface RtCacheRecord {
  iface: string;
  destination: number;
  gateway: number;
  /** RTCF_* / RTF_* bits. */
  flagBits: number;
  refCnt: number;
  use: number;
  metric: number;
  source: number;
  mtu: number;
  window: number;
  irtt: number;
  /** 2.2 format: TOS (read as decimal from the kernel's hex text), HHRef, HHUptod, SpecDst. */
  tos?: number;
  hhRef?: number;
  hhUptodate?: number;
  specDst?: number;
  /** 2.0 format: HH and ARP. */
  hh?: number;
  arp?: number;
}

/** What {@link parseRtCache} returns. */
export interface RtCacheParse {
  /** Sum of the header's format markers (63 = 2.2, 97 = 2.0). */
  guess: number;
  format: RtCacheFormat | null;
  records: RtCacheRecord[];
  /** Format guess error (stdout) or header problems (stderr). */
  diagnostics: Diagnostic[];
  /** False when the header could not be used (status 1). */
  ok: boolean;
  /**
   * The file is empty: 2.10's format guess finds no header line and it fails with the stale
   * errno of its open (`/proc/net/rt_cache: No such file or directory`, status 255).
   */
  empty?: boolean;
}

const MARKERS: [string, number][] = [
  ['IRTT', 1],
  ['TOS', 2],
  ['HHRef', 4],
  ['HHUptod', 8],
  ['SpecDst', 16],
  ['HH', 32],
  ['ARP', 64],
];

/** `proc_guess_fmt`: the sum of the markers found in the header line. */
export function guessRtCacheFormat(header: string): number {
  let sum = 0;
  for (const [m, bit] of MARKERS) if (header.includes(m)) sum |= bit;
  return sum;
}

const BASE: FieldSpec[] = [
  { name: 'Iface', conversion: conv.iface },
  { name: 'Destination', conversion: conv.str },
  { name: 'Gateway', conversion: conv.str },
  { name: 'Flags', conversion: conv.hex },
  { name: 'RefCnt', conversion: conv.int },
  { name: 'Use', conversion: conv.int },
  { name: 'Metric', conversion: conv.int },
  { name: 'Source', conversion: conv.str },
  { name: 'MTU', conversion: conv.int },
  { name: 'Window', conversion: conv.int },
  { name: 'IRTT', conversion: conv.int },
];
const FIELDS_22: FieldSpec[] = [
  ...BASE,
  { name: 'TOS', conversion: conv.int },
  { name: 'HHRef', conversion: conv.int },
  { name: 'HHUptod', conversion: conv.int },
  { name: 'SpecDst', conversion: conv.str },
];
const FIELDS_20: FieldSpec[] = [
  ...BASE,
  { name: 'HH', conversion: conv.int },
  { name: 'ARP', conversion: conv.int },
];

/**
 * A route cache entry as {@link scanRtCache} hands it over: one object reused for every line,
 * the interface name as a byte range of the piece the line lies in (for a streamed file the
 * piece is reused after the call). The fields of the other format are left at 0.
 */
export interface RtCacheCursor {
  data: Buffer;
  ifaceFrom: number;
  ifaceTo: number;
  destination: number;
  gateway: number;
  flagBits: number;
  refCnt: number;
  use: number;
  metric: number;
  source: number;
  mtu: number;
  window: number;
  irtt: number;
  tos: number;
  hhRef: number;
  hhUptodate: number;
  specDst: number;
  hh: number;
  arp: number;
}

/** A standalone record of the cursor's current entry. */
export function rtCacheRecord(c: RtCacheCursor, format: RtCacheFormat): RtCacheRecord {
  const r: RtCacheRecord = {
    iface: c.data.toString('latin1', c.ifaceFrom, c.ifaceTo),
    destination: c.destination,
    gateway: c.gateway,
    flagBits: c.flagBits,
    refCnt: c.refCnt,
    use: c.use,
    metric: c.metric,
    source: c.source,
    mtu: c.mtu,
    window: c.window,
    irtt: c.irtt,
  };
  if (format === '2.2') {
    r.tos = c.tos;
    r.hhRef = c.hhRef;
    r.hhUptodate = c.hhUptodate;
    r.specDst = c.specDst;
  } else {
    r.hh = c.hh;
    r.arp = c.arp;
  }
  return r;
}

/**
 * Parses /proc/net/rt_cache (spec §5.3): format guess from the header markers, then
 * header-driven columns; lines with fewer than 12 conversions are skipped (no RTF_UP filter);
 * values not converted keep the previous line's value. An unknown format yields the
 * `ERROR: proc_guess_fmt(...)` diagnostic (stdout) and no rows.
 */
export function parseRtCache(input: Uint8Array | string): RtCacheParse {
  const records: RtCacheRecord[] = [];
  let format: RtCacheFormat = '2.2';
  const out = scanRtCache(input, (r, f) => {
    format = f;
    records.push(rtCacheRecord(r, format));
  });
  out.records = records;
  return out;
}

const EMPTY = Buffer.alloc(0);

/**
 * {@link parseRtCache} as a stream, at byte level: `each` gets every entry with the same reused
 * `RtCacheCursor` and the file's format, none is kept; the result's `records` is empty.
 */
export function scanRtCache(
  input: RouteInput,
  each: (r: RtCacheCursor, format: RtCacheFormat) => void,
): RtCacheParse {
  const out: RtCacheParse = { guess: 0, format: null, records: [], diagnostics: [], ok: true };
  let conversions: Conversion[] = [];
  let slots: number[] = [];
  let num = new Float64Array(0);
  let from = new Int32Array(0);
  let to = new Int32Array(0);
  let usable = false;
  let any = false;
  // SpecDst (2.2) is the one text field a shown line may not convert itself: it then keeps the
  // value the last line that converted it gave (net-tools keeps the text; the value is the same).
  let specDst = -1;
  const c: RtCacheCursor = {
    data: EMPTY,
    ifaceFrom: 0,
    ifaceTo: 0,
    destination: 0,
    gateway: 0,
    flagBits: 0,
    refCnt: 0,
    use: 0,
    metric: 0,
    source: 0,
    mtu: 0,
    window: 0,
    irtt: 0,
    tos: 0,
    hhRef: 0,
    hhUptodate: 0,
    specDst: 0,
    hh: 0,
    arp: 0,
  };
  forEachFgets(input, ROUTE_LINE_BUFFER, (data, start, end, line) => {
    any = true;
    if (line === 0) {
      const header = data.toString('latin1', start, end);
      out.guess = guessRtCacheFormat(header);
      out.format = out.guess === 63 ? '2.2' : out.guess === 97 ? '2.0' : null;
      if (out.format === null) {
        out.diagnostics.push({
          level: 'error',
          stream: 'stdout',
          message: `ERROR: proc_guess_fmt(/proc/net/rt_cache,... returned: ${out.guess}`,
        });
        return;
      }
      const fmt = headerFormat('/proc/net/rt_cache', header, out.format === '2.2' ? FIELDS_22 : FIELDS_20);
      if (!fmt.ok) {
        out.diagnostics.push({ level: 'warning', message: fmt.message });
        out.ok = false;
        return;
      }
      conversions = fmt.conversions;
      slots = fmt.slots;
      num = new Float64Array(conversions.length);
      from = new Int32Array(conversions.length);
      to = new Int32Array(conversions.length);
      usable = true;
      return;
    }
    if (!usable) return;
    const got = scanRanges(data, start, end, conversions, num, from, to);
    const v22 = out.format === '2.2';
    if (v22 && got >= 15) specDst = ipv4FromRouteBytes(data, from[slots[14]!]!, to[slots[14]!]!);
    if (got < 12) return;
    let a = ipv4FromRouteBytes(data, from[slots[1]!]!, to[slots[1]!]!);
    if (a >= 0) c.destination = a;
    a = ipv4FromRouteBytes(data, from[slots[2]!]!, to[slots[2]!]!);
    if (a >= 0) c.gateway = a;
    a = ipv4FromRouteBytes(data, from[slots[7]!]!, to[slots[7]!]!);
    if (a >= 0) c.source = a;
    c.data = data;
    c.ifaceFrom = from[slots[0]!]!;
    c.ifaceTo = to[slots[0]!]!;
    c.flagBits = num[slots[3]!]!;
    c.refCnt = num[slots[4]!]!;
    c.use = num[slots[5]!]!;
    c.metric = num[slots[6]!]!;
    c.mtu = num[slots[8]!]!;
    c.window = num[slots[9]!]!;
    c.irtt = num[slots[10]!]!;
    if (v22) {
      if (specDst >= 0) c.specDst = specDst;
      c.tos = num[slots[11]!]!;
      c.hhRef = num[slots[12]!]!;
      c.hhUptodate = num[slots[13]!]!;
    } else {
      c.hh = num[slots[11]!]!;
      c.arp = num[slots[12]!]!;
    }
    each(c, out.format!);
  });
  if (!any) {
    out.empty = true;
    out.ok = false;
    out.diagnostics.push({ level: 'error', message: '/proc/net/rt_cache: No such file or directory' });
  }
  return out;
}
