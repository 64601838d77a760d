import type { Diagnostic } from '@netstat-ts/core';

/** The AppleTalk routing table file. */
export const PROC_NET_ATALK_ROUTE = '/proc/net/atalk_route';

/** One whitespace-separated field of the file, as C's `%s` reads it. */
export interface AtalkToken {
  /** The bytes of the field (latin1 byte string; may contain NUL). */
  raw: string;
  /** What C string functions see: the field up to its first NUL. */
  text: string;
  /** 1-based line the field starts on. */
  line: number;
}

/** Splits file bytes into `%s` fields (C `isspace` separators), remembering their lines. */
export function atalkTokens(data: Uint8Array): AtalkToken[] {
  const s = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1');
  const out: AtalkToken[] = [];
  let line = 1;
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13)) {
      if (c === 10) line++;
      i++;
      continue;
    }
    const start = i;
    while (i < s.length) {
      const d = s.charCodeAt(i);
      if (d === 32 || (d >= 9 && d <= 13)) break;
      i++;
    }
    const raw = s.slice(start, i);
    const z = raw.indexOf('\0');
    out.push({ raw, text: z < 0 ? raw : raw.slice(0, z), line });
  }
  return out;
}

/** C `atoi` (glibc: strtol on a 64-bit long, saturating, then narrowed to int). */
export function atoi(s: string): number {
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (!(c === 32 || (c >= 9 && c <= 13))) break;
    i++;
  }
  let negative = false;
  if (s[i] === '-' || s[i] === '+') negative = s[i++] === '-';
  const limit = negative ? 1n << 63n : (1n << 63n) - 1n;
  let mag = 0n;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    if (mag <= limit) mag = mag * 10n + BigInt(c - 48);
  }
  if (mag > limit) mag = limit;
  return Number(BigInt.asIntN(32, negative ? -mag : mag));
}

/** Route flag bits in the order net-tools 2.10 prints their letters. */
export const ATALK_FLAG_LETTERS: ReadonlyArray<readonly [number, string]> = [
  [0x1, 'U'],
  [0x2, 'G'],
  [0x200, '!'],
  [0x4, 'H'],
  [0x8, 'R'],
  [0x10, 'D'],
  [0x20, 'M'],
  [0x10000, 'd'],
  [0x20000, 'a'],
  [0x40000, 'c'],
  [0x200000, 'o'],
  [0x400000, 'e'],
  [0x1000000, 'c'],
  [0x2000000, 'f'],
  [0x4000000, 'p'],
  [0x80000000, 'l'],
  [0x40, 'u'],
  [0x80, 'w'],
  [0x100, 'i'],
  [0x400, 'n'],
];

/** The Flags column text of a flags value (e.g. 3 → `UG`, 515 → `UG!`). */
export function atalkFlagsText(flags: number): string {
  let s = '';
  for (const [bit, letter] of ATALK_FLAG_LETTERS) if ((flags & bit) >>> 0 !== 0) s += letter;
  return s;
}

/** One AppleTalk route (`-r -A ddp`). */
export interface DdpRouteRow {
  /** 1-based line the route's first field is on. */
  line: number;
  /** Destination text (`Default`, `1234:56`, …). */
  target: string;
  /** Gateway text. */
  router: string;
  /** Flags as an unsigned 32-bit number (the kernel writes them in decimal). */
  flags: number;
  /** Flag letters. */
  flagsText: string;
  /** Device name. */
  device: string;
}

/** What {@link parseAtalkRoutes} returns. */
export interface AtalkRouteParse {
  rows: DdpRouteRow[];
  /** Notes on input 2.10 handles badly (not printed by net-tools). */
  diagnostics: Diagnostic[];
}

/**
 * Parses /proc/net/atalk_route as net-tools 2.10 does: the file is read as a stream of
 * whitespace-separated fields regardless of lines; the first four are the header, then every
 * four fields are target, router, flags (decimal, C `atoi`) and device, until fewer than four
 * remain.
 */
export function parseAtalkRoutes(data: Uint8Array): AtalkRouteParse {
  const t = atalkTokens(data);
  const rows: DdpRouteRow[] = [];
  const diagnostics: Diagnostic[] = [];
  const note = (message: string) =>
    diagnostics.push({ level: 'info', message: `${PROC_NET_ATALK_ROUTE}: ${message}` });
  if (t.length < 2)
    note(
      `${t.length} field(s): net-tools 2.10 crashes on a table with fewer than 2 fields (nothing printed); netstat-ts prints the header only`,
    );
  let i = 4;
  for (; i + 4 <= t.length; i += 4) {
    const [target, router, flags, device] = [t[i]!, t[i + 1]!, t[i + 2]!, t[i + 3]!];
    if (!/^[ \t\n\v\f\r]*[-+]?[0-9]/.test(flags.text))
      note(`line ${flags.line}: flags field ${JSON.stringify(flags.text)} is not a number (read as 0)`);
    for (const f of [target, router, flags, device])
      if (f.raw !== f.text) note(`line ${f.line}: NUL byte in a field; the text after it is ignored`);
    const value = atoi(flags.text) >>> 0;
    rows.push({
      line: target.line,
      target: target.text,
      router: router.text,
      flags: value,
      flagsText: atalkFlagsText(value),
      device: device.text,
    });
  }
  if (t.length > 4 && i < t.length)
    note(`line ${t[i]!.line}: ${t.length - i} field(s) left over after the last complete route (ignored)`);
  return { rows, diagnostics };
}
