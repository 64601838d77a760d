/**
 * Flag letters of the route tables, in net-tools 2.10's order (spec §5.2–5.5). `!` (reject)
 * replaces whatever was written before it.
 */

type Letters = readonly (readonly [number, string])[];

const REJECT = 0x0200;

const FIB4_HEAD: Letters = [
  [0x0001, 'U'],
  [0x0002, 'G'],
];
const FIB4_TAIL: Letters = [
  [0x0004, 'H'],
  [0x0008, 'R'],
  [0x0010, 'D'],
  [0x0020, 'M'],
  [0x10000, 'd'],
  [0x20000, 'a'],
  [0x40000, 'c'],
  [0x200000, 'o'],
  [0x400000, 'e'],
  [0x1000000, 'c'],
  [0x2000000, 'f'],
  [0x4000000, 'p'],
  [0x80000000, 'l'],
  [0x0040, 'u'],
  [0x0080, 'w'],
  [0x0100, 'i'],
  [0x0400, 'n'],
];

function letters(bits: number, list: Letters, s = ''): string {
  for (const [bit, l] of list) if ((bits & bit) !== 0) s += l;
  return s;
}

/** RTF_REJECT: the route is printed with `-` columns. */
export function isReject(bits: number): boolean {
  return (bits & REJECT) !== 0;
}

/** Flags column of the IPv4 FIB (`UG`, `UGH`, `!`, …). */
export function ipv4RouteFlags(bits: number): string {
  let s = letters(bits, FIB4_HEAD);
  if (bits & REJECT) s = '!';
  return letters(bits, FIB4_TAIL, s);
}

const CACHE_TAIL: Letters = [
  [0x0008, 'R'],
  [0x0010, 'D'],
  [0x0020, 'M'],
];
const CACHE_22: Letters = [
  [0x0001, '-'],
  [0x0004, 'o'],
];
const CACHE_END: Letters = [
  [0x10000, 'n'],
  [0x20000, 'd'],
  [0x80000, 't'],
  [0x200000, 'f'],
  [0x400000, 'q'],
  [0x800000, 'Ns'],
  [0x1000000, 'r'],
  [0x4000000, 'i'],
  [0x8000000, 'Nd'],
  [0x10000000, 'b'],
  [0x20000000, 'm'],
  [0x40000000, '#'],
  [0x80000000, 'l'],
];

/** Flags column of the IPv4 route cache; the 2.0 format adds `U`/`H`, the 2.2 format `-`/`o`. */
export function rtCacheFlags(bits: number, format: '2.2' | '2.0'): string {
  let s = '';
  if (format === '2.0') {
    if (bits & 0x0001) s += 'U';
    if (bits & 0x0004) s += 'H';
  }
  if (bits & 0x0002) s += 'G';
  if (bits & REJECT) s = '!';
  s = letters(bits, CACHE_TAIL, s);
  if (format === '2.2') s = letters(bits, CACHE_22, s);
  return letters(bits, CACHE_END, s);
}

const IPV6: Letters = [
  [0x0001, 'U'],
  [0x0200, '!'],
  [0x0002, 'G'],
  [0x0004, 'H'],
  [0x10000, 'D'],
  [0x40000, 'A'],
  [0x1000000, 'C'],
  [0x20000, 'a'],
  [0x400000, 'e'],
  [0x0020, 'm'],
  [0x200000, 'n'],
  [0x2000000, 'f'],
];

/** Flag column of the IPv6 routing table (`U!` keeps the `U`: IPv6 does not replace). */
export function ipv6RouteFlags(bits: number): string {
  return letters(bits, IPV6);
}

const NDISC: Letters = [
  [0x80, 'R'],
  [0x04, 'x'],
  [0x02, 'h'],
  [0x08, 'P'],
];

/** Flags column of the IPv6 neighbour cache. */
export function ndiscFlags(bits: number): string {
  return letters(bits, NDISC);
}

const NUD: Record<number, string> = {
  0: 'NONE',
  1: 'INCOMPLETE',
  2: 'REACHABLE',
  4: 'STALE',
  8: 'DELAY',
  16: 'PROBE',
  32: 'FAILED',
  64: 'NOARP',
  128: 'PERM',
};

/** State column of the IPv6 neighbour cache (`UNKNOWN(xx)` for other values). */
export function ndiscState(state: number): string {
  return NUD[state] ?? `UNKNOWN(${state.toString(16).padStart(2, '0')})`;
}
