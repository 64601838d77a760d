import type { Diagnostic } from '@netstat-ts/core';
import { conv, type FieldSpec, headerFormat, ROUTE_LINE_BUFFER } from './proc-fmt.js';
import {
  asBuffer,
  type Conversion,
  forEachFgets,
  ipv4FromRouteBytes,
  type RouteInput,
  scanKernelRouteLine,
  scanRanges,
} from './scan.js';

const EMPTY = Buffer.alloc(0);

const NO_HEADER: Ipv4RouteHeader = { format: null, diagnostics: [], ok: false };

/** RTF_UP: net-tools shows only routes with this flag. */
export const RTF_UP = 0x0001;

/** One route of /proc/net/route as net-tools 2.10 reads it. Addresses are host-order numbers. */
export interface Ipv4RouteRecord {
  iface: string;
  destination: number;
  gateway: number;
  /** RTF_* bits. */
  flagBits: number;
  refCnt: number;
  use: number;
  metric: number;
  mask: number;
  /** The MTU column, shown as "MSS". */
  mtu: number;
  window: number;
  irtt: number;
}

/** What {@link parseProcNetRoute} returns. */
export interface Ipv4RouteParse {
  /** Shown routes (at least 10 conversions and the U flag). */
  records: Ipv4RouteRecord[];
  /** Header problems (the table then has no rows and status 1). */
  diagnostics: Diagnostic[];
  /** False when the header could not be used. */
  ok: boolean;
}

const FIELDS: FieldSpec[] = [
  { name: 'Iface', conversion: conv.iface },
  { name: 'Destination', conversion: conv.str },
  { name: 'Gateway', conversion: conv.str },
  { name: 'Flags', conversion: conv.hex },
  { name: 'RefCnt', conversion: conv.int },
  { name: 'Use', conversion: conv.int },
  { name: 'Metric', conversion: conv.int },
  { name: 'Mask', conversion: conv.str },
  { name: 'MTU', conversion: conv.int },
  { name: 'Window', conversion: conv.int },
  { name: 'IRTT', conversion: conv.int },
];

/**
 * A route as {@link scanProcNetRoute} hands it over: one object reused for every route, the
 * interface name as a byte range of the piece of the file the line lies in (no string is made
 * per line; for a streamed file the piece is reused after the call).
 */
export interface Ipv4RouteCursor {
  /** The file's bytes; the interface name is `data[ifaceFrom, ifaceTo)`. */
  data: Buffer;
  ifaceFrom: number;
  ifaceTo: number;
  destination: number;
  gateway: number;
  flagBits: number;
  refCnt: number;
  use: number;
  metric: number;
  mask: number;
  mtu: number;
  window: number;
  irtt: number;
}

/** The header of /proc/net/route as net-tools reads it: the line format, or the warnings. */
export interface Ipv4RouteHeader {
  format: { conversions: Conversion[]; slots: number[] } | null;
  diagnostics: Diagnostic[];
  ok: boolean;
}

/** Reads only the header line of /proc/net/route (spec §5.2); cheap, for the status. */
export function procNetRouteHeader(input: Uint8Array | string): Ipv4RouteHeader {
  const data = asBuffer(input);
  let nl = data.indexOf(10);
  if (nl < 0) nl = data.length;
  if (data.length === 0) {
    // An empty file: 2.10 finds no header line and fails (status 1) without a word.
    return { format: null, diagnostics: [], ok: false };
  }
  let end = Math.min(nl, ROUTE_LINE_BUFFER - 1);
  const nul = data.indexOf(0);
  if (nul >= 0 && nul < end) end = nul;
  const fmt = headerFormat('/proc/net/route', data.toString('latin1', 0, end), FIELDS);
  if (!fmt.ok) return { format: null, diagnostics: [{ level: 'warning', message: fmt.message }], ok: false };
  return { format: { conversions: fmt.conversions, slots: fmt.slots }, diagnostics: [], ok: true };
}

/**
 * Streams /proc/net/route (spec §5.2): header-driven columns, lines with fewer than 10
 * conversions or without RTF_UP skipped, `each` called for every shown route with the same
 * reused {@link Ipv4RouteCursor}. Like net-tools, values not converted on a line (IRTT, or an
 * address that is not 8 hex digits) keep the previous line's value.
 */
export function scanProcNetRoute(
  input: RouteInput,
  each: (r: Ipv4RouteCursor) => void,
  header?: Ipv4RouteHeader,
): Ipv4RouteHeader {
  // A streamed input has no bytes to read the header from here: its caller passes it.
  header ??= typeof input === 'function' ? NO_HEADER : procNetRouteHeader(input);
  const format = header.format;
  if (format === null) return header;
  const { conversions, slots } = format;
  const n = conversions.length;
  const num = new Float64Array(n);
  const from = new Int32Array(n);
  const to = new Int32Array(n);
  // The values of the 11 fields as the last lines left them (net-tools' sscanf targets).
  const s0 = slots[0]!;
  const r: Ipv4RouteCursor = {
    data: EMPTY,
    ifaceFrom: 0,
    ifaceTo: 0,
    destination: 0,
    gateway: 0,
    flagBits: 0,
    refCnt: 0,
    use: 0,
    metric: 0,
    mask: 0,
    mtu: 0,
    window: 0,
    irtt: 0,
  };
  const [, sDst, sGw, sFlags, sRef, sUse, sMetric, sMask, sMtu, sWin, sIrtt] = slots as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  // The kernel's own header: its lines can be read at fixed positions (scanKernelRouteLine).
  const standard = n === FIELDS.length && slots.every((x, i) => x === i);
  // Unassigned string fields are empty ranges at 0 (net-tools' initial empty strings).
  const addresses = new Float64Array(3);
  forEachFgets(input, ROUTE_LINE_BUFFER, (data, start, end, line) => {
    if (line === 0) return;
    const fast = standard && scanKernelRouteLine(data, start, end, num, from, to, addresses);
    const got = fast ? 11 : scanRanges(data, start, end, conversions, num, from, to);
    // The addresses are converted only for lines that are shown; a bad one keeps its old value.
    if (got < 10 || !(num[sFlags]! & RTF_UP)) return;
    r.data = data;
    r.ifaceFrom = from[s0]!;
    r.ifaceTo = to[s0]!;
    if (fast) {
      r.destination = addresses[0]!;
      r.gateway = addresses[1]!;
      r.mask = addresses[2]!;
    } else {
      let a = ipv4FromRouteBytes(data, from[sDst]!, to[sDst]!);
      if (a >= 0) r.destination = a;
      a = ipv4FromRouteBytes(data, from[sGw]!, to[sGw]!);
      if (a >= 0) r.gateway = a;
      a = ipv4FromRouteBytes(data, from[sMask]!, to[sMask]!);
      if (a >= 0) r.mask = a;
    }
    r.flagBits = num[sFlags]!;
    r.refCnt = num[sRef]!;
    r.use = num[sUse]!;
    r.metric = num[sMetric]!;
    r.mtu = num[sMtu]!;
    r.window = num[sWin]!;
    r.irtt = num[sIrtt]!;
    each(r);
  });
  return header;
}

/** A standalone record of the cursor's current route. */
export function ipv4RouteRecord(r: Ipv4RouteCursor): Ipv4RouteRecord {
  return {
    iface: r.data.toString('latin1', r.ifaceFrom, r.ifaceTo),
    destination: r.destination,
    gateway: r.gateway,
    flagBits: r.flagBits,
    refCnt: r.refCnt,
    use: r.use,
    metric: r.metric,
    mask: r.mask,
    mtu: r.mtu,
    window: r.window,
    irtt: r.irtt,
  };
}

/**
 * Parses /proc/net/route (spec §5.2) into records: {@link scanProcNetRoute}, collected.
 */
export function parseProcNetRoute(input: Uint8Array | string): Ipv4RouteParse {
  const records: Ipv4RouteRecord[] = [];
  const h = scanProcNetRoute(input, (r) => records.push(ipv4RouteRecord(r)));
  return { records, diagnostics: h.diagnostics, ok: h.ok };
}
