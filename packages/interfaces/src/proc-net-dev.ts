/**
 * Pure parser for `/proc/net/dev` (spec §6.1): two header lines, the second one deciding the
 * layout (v1, v2 or v3), then one line per interface. Malformed lines never throw: they become
 * diagnostics (net-tools itself is silent about them, so the diagnostics are `info` level and are
 * not printed by the text renderer).
 */
import { type Diagnostic, digitsToBigInt } from '@netstat-ts/core';

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

/** Parses the text of `/proc/net/dev`. */
export function parseProcNetDev(text: string): ProcNetDev {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const layout = detectLayout(lines[1] ?? '');
  const fields = LAYOUT_FIELDS[layout];
  const entries: DevEntry[] = [];
  const diagnostics: Diagnostic[] = [];
  for (let i = 2; i < lines.length; i++) {
    const { name, rest } = splitDevLine(lines[i]!);
    if (name === '') {
      diagnostics.push({
        level: 'info',
        message: `/proc/net/dev: line ${i + 1} has no interface name (ignored)`,
      });
      continue;
    }
    const nums = scanNumbers(rest, fields.length);
    if (nums.length < fields.length)
      diagnostics.push({
        level: 'info',
        message: `/proc/net/dev: line ${i + 1} (${name}) has ${nums.length} of ${fields.length} numbers (the rest read as 0)`,
      });
    const e: DevEntry = { name, rx: zeroRx(), tx: zeroTx() };
    nums.forEach((v, k) => {
      const [dir, key] = fields[k]!.split('.') as ['rx' | 'tx', string];
      (e[dir] as unknown as Record<string, Counter>)[key] = toCounter(v);
    });
    entries.push(e);
  }
  return { layout, entries, diagnostics };
}
