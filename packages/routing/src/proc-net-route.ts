import type { Diagnostic } from '@netstat-ts/core';
import { conv, type FieldSpec, headerFormat, ROUTE_LINE_BUFFER } from './proc-fmt.js';
import { asBuffer, forEachFgets, ipv4FromRouteHex, scanf } from './scan.js';

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
 * Parses /proc/net/route (spec §5.2): header-driven columns, lines with fewer than 10
 * conversions or without RTF_UP skipped. Like net-tools, values not converted on a line (IRTT,
 * or an address that is not 8 hex digits) keep the previous line's value.
 */
export function parseProcNetRoute(input: Uint8Array | string): Ipv4RouteParse {
  const data = asBuffer(input);
  const records: Ipv4RouteRecord[] = [];
  const diagnostics: Diagnostic[] = [];
  let slots: number[] = [];
  let fmt: ReturnType<typeof headerFormat> | null = null;
  const v: (string | number)[] = ['', '', '', 0, 0, 0, 0, '', 0, 0, 0];
  const raw: (string | number)[] = [];
  let dest = 0;
  let gw = 0;
  let mask = 0;
  forEachFgets(data, ROUTE_LINE_BUFFER, (start, end, line) => {
    if (line === 0) {
      fmt = headerFormat('/proc/net/route', data.toString('latin1', start, end), FIELDS);
      if (fmt.ok) slots = fmt.slots;
      else diagnostics.push({ level: 'warning', message: fmt.message });
      return;
    }
    if (fmt === null || !fmt.ok) return;
    const num = scanf(data, start, end, fmt.conversions, raw);
    for (let i = 0; i < FIELDS.length; i++) {
      const x = raw[slots[i]!];
      if (x !== undefined) v[i] = x;
    }
    raw.length = 0;
    // The addresses are converted only for lines that are shown; a bad one keeps its old value.
    if (num < 10 || !((v[3] as number) & RTF_UP)) return;
    dest = ipv4FromRouteHex(v[1] as string) ?? dest;
    gw = ipv4FromRouteHex(v[2] as string) ?? gw;
    mask = ipv4FromRouteHex(v[7] as string) ?? mask;
    records.push({
      iface: v[0] as string,
      destination: dest,
      gateway: gw,
      flagBits: v[3] as number,
      refCnt: v[4] as number,
      use: v[5] as number,
      metric: v[6] as number,
      mask,
      mtu: v[8] as number,
      window: v[9] as number,
      irtt: v[10] as number,
    });
  });
  // An empty file: 2.10 finds no header line and fails (status 1) without a word.
  return { records, diagnostics, ok: fmt !== null && diagnostics.length === 0 };
}
