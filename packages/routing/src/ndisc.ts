import { formatIPv6 } from '@netstat-ts/core';
import { groupsToAddress } from './ipv6-route.js';
import { asBuffer, type Conversion, forEachFgets, type RouteInput, scanf } from './scan.js';

/** One neighbour of the 2.2-era /proc/net/ndisc. */
export interface NdiscRecord {
  address: Uint8Array;
  addressText: string;
  location: number;
  prefixLength: number;
  type: number;
  /** NUD_* state bits. */
  state: number;
  expire: number;
  tstamp: number;
  reachable: number;
  gc: number;
  refCnt: number;
  /** NTF_* flag bits. */
  ndFlags: number;
  iface: string;
  /** `aa:bb:cc:dd:ee:ff` from the six byte fields. */
  mac: string;
}

const S4: Conversion = { kind: 's', width: 4 };
const X2: Conversion = { kind: 'x', width: 2 };
const X8: Conversion = { kind: 'x', width: 8 };
const X4: Conversion = { kind: 'x', width: 4 };
const S2: Conversion = { kind: 's', width: 2 };
/** %4s×8 %02x×4 %08lx×3 %04x %04x %04lx %8s %2s×6 */
const FORMAT: Conversion[] = [
  ...Array<Conversion>(8).fill(S4),
  X2,
  X2,
  X2,
  X2,
  X8,
  X8,
  X8,
  X4,
  X4,
  X4,
  { kind: 's', width: 8 },
  ...Array<Conversion>(6).fill(S2),
];

/**
 * One pass over /proc/net/ndisc (spec §5.5; bytes, a byte string or the piece feed of a streamed
 * file) in file order: `each` for every line's neighbour, with unconverted values carried over
 * from the line before as in ipv6_route. Lines are read as 1 KiB fgets pieces: constant memory
 * whatever the file's size.
 */
export function scanNdisc(input: RouteInput, each: (r: NdiscRecord) => void): void {
  const v: (string | number)[] = [
    ...Array(8).fill(''),
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    '',
    '',
    '',
    '',
    '',
    '',
    '',
  ];
  let addr: Uint8Array = new Uint8Array(16);
  forEachFgets(input, 1024, (data, start, end) => {
    scanf(data, start, end, FORMAT, v);
    addr = groupsToAddress(v, 0) ?? addr;
    each({
      address: addr,
      addressText: formatIPv6(addr),
      location: v[8] as number,
      prefixLength: v[9] as number,
      type: v[10] as number,
      state: v[11] as number,
      expire: v[12] as number,
      tstamp: v[13] as number,
      reachable: v[14] as number,
      gc: v[15] as number,
      refCnt: v[16] as number,
      ndFlags: v[17] as number,
      iface: v[18] as string,
      mac: v.slice(19, 25).join(':'),
    });
  });
}

/** Parses /proc/net/ndisc at once (spec §5.5; {@link scanNdisc} streams it). */
export function parseNdisc(input: Uint8Array | string): NdiscRecord[] {
  const records: NdiscRecord[] = [];
  scanNdisc(asBuffer(input), (r) => records.push(r));
  return records;
}
