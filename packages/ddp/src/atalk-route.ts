import { type ByteInput, type Diagnostic, forEachInputPiece } from '@netstat-ts/core';

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

/** A `%s` field being read by {@link scanAtalkRoutes}: its text up to a NUL, and whether it had one. */
interface Field {
  text: string;
  nul: boolean;
  line: number;
}

/** Size of the pieces the route file is read in (a field may span several). */
const ROUTE_PIECE = 1 << 16;

/** C `isspace`: blank, \t, \n, \v, \f, \r. */
function isCSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/**
 * Scans /proc/net/atalk_route (bytes, a byte string or the piece feed of a streamed file) in one
 * pass, as net-tools 2.10 reads it: the file is a stream of whitespace-separated fields
 * regardless of lines; the first four are the header, then every four fields are target,
 * router, flags (decimal, C `atoi`) and device, until fewer than four remain. `row` gets every
 * route, `diagnostic` every note on input 2.10 handles badly (none is printed by 2.10), in file
 * order. Only the fields of the route being read are held (the header's are counted, not kept).
 */
export function scanAtalkRoutes(
  input: ByteInput,
  row: (r: DdpRouteRow) => void,
  diagnostic: (d: Diagnostic) => void,
): void {
  const note = (message: string) =>
    diagnostic({ level: 'info', message: `${PROC_NET_ATALK_ROUTE}: ${message}` });
  let line = 1;
  let count = 0;
  // The field being read (null between fields) and the fields of the route so far.
  let field: Field | null = null;
  const group: Field[] = [];
  const route = () => {
    const [target, router, flags, device] = group as [Field, Field, Field, Field];
    group.length = 0;
    if (!/^[ \t\n\v\f\r]*[-+]?[0-9]/.test(flags.text))
      note(`line ${flags.line}: flags field ${JSON.stringify(flags.text)} is not a number (read as 0)`);
    for (const f of [target, router, flags, device])
      if (f.nul) note(`line ${f.line}: NUL byte in a field; the text after it is ignored`);
    const value = atoi(flags.text) >>> 0;
    row({
      line: target.line,
      target: target.text,
      router: router.text,
      flags: value,
      flagsText: atalkFlagsText(value),
      device: device.text,
    });
  };
  const endField = () => {
    if (field === null) return;
    if (count > 4) {
      group.push(field);
      if (group.length === 4) route();
    }
    field = null;
  };
  forEachInputPiece(input, ROUTE_PIECE, (b, s, e) => {
    let i = s;
    while (i < e) {
      const c = b[i]!;
      if (isCSpace(c)) {
        endField();
        if (c === 10) line++;
        i++;
        continue;
      }
      // The run of field bytes [i, j) in this piece, and its first NUL.
      let j = i;
      let z = -1;
      for (; j < e; j++) {
        const d = b[j]!;
        if (isCSpace(d)) break;
        if (d === 0 && z < 0) z = j;
      }
      if (field === null) {
        field = { text: '', nul: false, line };
        count++;
      }
      // A header field is only counted; a route's is kept up to its first NUL.
      if (count > 4 && !field.nul) {
        field.text += b.toString('latin1', i, z >= 0 ? z : j);
        field.nul = z >= 0;
      }
      i = j;
    }
  });
  endField();
  if (count < 2)
    note(
      `${count} field(s): net-tools 2.10 crashes on a table with fewer than 2 fields (nothing printed); netstat-ts prints the header only`,
    );
  if (count > 4 && group.length > 0)
    note(
      `line ${group[0]!.line}: ${group.length} field(s) left over after the last complete route (ignored)`,
    );
}

/**
 * Parses all of /proc/net/atalk_route (bytes or a byte string) at once: {@link scanAtalkRoutes}'s
 * rows and notes.
 */
export function parseAtalkRoutes(data: Uint8Array | string): AtalkRouteParse {
  const rows: DdpRouteRow[] = [];
  const diagnostics: Diagnostic[] = [];
  scanAtalkRoutes(
    data,
    (r) => rows.push(r),
    (d) => diagnostics.push(d),
  );
  return { rows, diagnostics };
}
