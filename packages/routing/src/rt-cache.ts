import type { Diagnostic } from '@netstat-ts/core';
import { conv, type FieldSpec, headerFormat, ROUTE_LINE_BUFFER } from './proc-fmt.js';
import { asBuffer, forEachFgets, ipv4FromRouteHex, scanf } from './scan.js';

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
 * Parses /proc/net/rt_cache (spec §5.3): format guess from the header markers, then
 * header-driven columns; lines with fewer than 12 conversions are skipped (no RTF_UP filter);
 * values not converted keep the previous line's value. An unknown format yields the
 * `ERROR: proc_guess_fmt(...)` diagnostic (stdout) and no rows.
 */
export function parseRtCache(input: Uint8Array | string): RtCacheParse {
  const records: RtCacheRecord[] = [];
  const out = scanRtCache(input, (r) => records.push(r));
  out.records = records;
  return out;
}

/**
 * {@link parseRtCache} as a stream: `each` gets every record (a fresh object) in file order, none
 * is kept; the result's `records` is empty.
 */
export function scanRtCache(input: Uint8Array | string, each: (r: RtCacheRecord) => void): RtCacheParse {
  const data = asBuffer(input);
  const out: RtCacheParse = { guess: 0, format: null, records: [], diagnostics: [], ok: true };
  let fields: FieldSpec[] = [];
  let fmt: ReturnType<typeof headerFormat> | null = null;
  const v: (string | number)[] = ['', '', '', 0, 0, 0, 0, '', 0, 0, 0, 0, 0, 0, ''];
  const raw: (string | number)[] = [];
  const addr = [0, 0, 0, 0];
  forEachFgets(data, ROUTE_LINE_BUFFER, (start, end, line) => {
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
      fields = out.format === '2.2' ? FIELDS_22 : FIELDS_20;
      fmt = headerFormat('/proc/net/rt_cache', header, fields);
      if (!fmt.ok) {
        out.diagnostics.push({ level: 'warning', message: fmt.message });
        out.ok = false;
      }
      return;
    }
    if (fmt === null || !fmt.ok) return;
    const num = scanf(data, start, end, fmt.conversions, raw);
    for (let i = 0; i < fields.length; i++) {
      const x = raw[fmt.slots[i]!];
      if (x !== undefined) v[i] = x;
    }
    raw.length = 0;
    if (num < 12) return;
    addr[0] = ipv4FromRouteHex(v[1] as string) ?? addr[0]!;
    addr[1] = ipv4FromRouteHex(v[2] as string) ?? addr[1]!;
    addr[2] = ipv4FromRouteHex(v[7] as string) ?? addr[2]!;
    const r: RtCacheRecord = {
      iface: v[0] as string,
      destination: addr[0]!,
      gateway: addr[1]!,
      flagBits: v[3] as number,
      refCnt: v[4] as number,
      use: v[5] as number,
      metric: v[6] as number,
      source: addr[2]!,
      mtu: v[8] as number,
      window: v[9] as number,
      irtt: v[10] as number,
    };
    if (out.format === '2.2') {
      addr[3] = ipv4FromRouteHex(v[14] as string) ?? addr[3]!;
      r.tos = v[11] as number;
      r.hhRef = v[12] as number;
      r.hhUptodate = v[13] as number;
      r.specDst = addr[3]!;
    } else {
      r.hh = v[11] as number;
      r.arp = v[12] as number;
    }
    each(r);
  });
  if (data.length === 0) {
    out.empty = true;
    out.ok = false;
    out.diagnostics.push({ level: 'error', message: '/proc/net/rt_cache: No such file or directory' });
  }
  return out;
}
