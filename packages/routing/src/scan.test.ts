import { describe, expect, it } from 'vitest';
import { conv } from './proc-fmt.js';
import {
  type Conversion,
  ipv4FromRouteHex,
  scanf,
  scanKernelIpv6RouteLine,
  scanKernelRouteLine,
  scanRanges,
} from './scan.js';

const ROUTE: Conversion[] = [
  conv.iface,
  conv.str,
  conv.str,
  conv.hex,
  conv.int,
  conv.int,
  conv.int,
  conv.str,
  conv.int,
  conv.int,
  conv.int,
];
const G: Conversion = { kind: 's', width: 4 };
const P: Conversion = { kind: 'x', width: 2 };
const W: Conversion = { kind: 'x', width: 8 };
const V6: Conversion[] = [
  ...Array<Conversion>(8).fill(G),
  P,
  ...Array<Conversion>(8).fill(G),
  P,
  ...Array<Conversion>(8).fill(G),
  W,
  W,
  W,
  W,
  { kind: 's', width: 15 },
];

/** What scanf assigns, as texts and numbers, from the range scanner's outputs. */
function viaRanges(
  data: Buffer,
  conversions: Conversion[],
  scan: (num: Float64Array, from: Int32Array, to: Int32Array) => number,
): (string | number | undefined)[] {
  const n = conversions.length;
  const num = new Float64Array(n).fill(-1);
  const from = new Int32Array(n).fill(-1);
  const to = new Int32Array(n).fill(-1);
  const got = scan(num, from, to);
  const out: (string | number | undefined)[] = [];
  for (let i = 0; i < got; i++) {
    const c = conversions[i]!;
    out.push(c.kind === 's' ? data.toString('latin1', from[i]!, to[i]!) : num[i]);
  }
  return out;
}

function viaScanf(data: Buffer, conversions: Conversion[]): (string | number | undefined)[] {
  const out: (string | number)[] = [];
  const got = scanf(data, 0, data.length, conversions, out);
  return out.slice(0, got);
}

/** Every single-byte change of `line` to one of `bytes`. */
function* variants(line: string, bytes: string): Generator<Buffer> {
  yield Buffer.from(line, 'latin1');
  for (let i = 0; i < line.length; i++)
    for (const b of bytes) yield Buffer.from(line.slice(0, i) + b + line.slice(i + 1), 'latin1');
  for (let i = 1; i < line.length; i++) yield Buffer.from(line.slice(0, i), 'latin1');
}

describe('scanRanges', () => {
  it('assigns what scanf assigns', () => {
    const line = 'eth0\t0100000A\t010200C0\t0003\t0\t12\t100\t00FFFFFF\t1500\t0\t7      ';
    for (const data of variants(line, ' 0x-+9aFG\t%\0')) {
      const got = viaRanges(data, ROUTE, (num, from, to) =>
        scanRanges(data, 0, data.length, ROUTE, num, from, to),
      );
      expect(got).toEqual(viaScanf(data, ROUTE));
    }
  });
  it('handles long numbers and signs like scanf', () => {
    for (const s of [
      '1234567890',
      '-5',
      '+7',
      '99999999999999999999',
      '0x1f',
      'ffffffffff',
      'fffffffff',
      '123456789',
    ]) {
      const data = Buffer.from(`lo ${s} ${s} ${s} ${s} ${s} ${s} ${s} ${s} ${s} ${s}`);
      const got = viaRanges(data, ROUTE, (num, from, to) =>
        scanRanges(data, 0, data.length, ROUTE, num, from, to),
      );
      expect(got).toEqual(viaScanf(data, ROUTE));
    }
  });
});

describe('scanKernelRouteLine', () => {
  it('reads kernel lines as scanf does, and refuses what it does not know', () => {
    const line = 'eth0\t0100000A\t010200C0\t0003\t0\t12\t100\t00FFFFFF\t1500\t0\t7      ';
    let fast = 0;
    for (const data of variants(line, ' 0x-+9aFG\t%')) {
      let ok = false;
      const addresses = new Float64Array(3);
      let ranges: string[] = [];
      const got = viaRanges(data, ROUTE, (num, from, to) => {
        ok = scanKernelRouteLine(data, 0, data.length, num, from, to, addresses);
        ranges = [1, 2, 7].map((i) => data.toString('latin1', from[i]!, to[i]!));
        return ok ? 11 : 0;
      });
      if (!ok) continue;
      fast++;
      expect(got).toEqual(viaScanf(data, ROUTE));
      // The addresses read on the way are those of the three ranges.
      expect([...addresses]).toEqual(ranges.map((t) => ipv4FromRouteHex(t)));
    }
    expect(fast).toBeGreaterThan(100);
  });
});

describe('scanKernelIpv6RouteLine', () => {
  it('reads kernel lines as scanf does, and refuses what it does not know', () => {
    const line =
      'fe800000000000000000000000000000 40 00000000000000000000000000000000 00 ' +
      '00000000000000000000000000000000 00000100 00000001 0000a2da 00000001     eth0';
    let fast = 0;
    for (const data of variants(line, ' 0x-9aFG\t')) {
      let ok = false;
      const addresses = new Uint8Array(48);
      const got = viaRanges(data, V6, (num, from, to) => {
        ok = scanKernelIpv6RouteLine(data, 0, data.length, num, from, to, addresses);
        return ok ? V6.length : 0;
      });
      if (!ok) continue;
      fast++;
      expect(got).toEqual(viaScanf(data, V6));
      // The addresses decoded on the way are those of the three 32-digit fields.
      const digits = [0, 36, 72].map((o) => data.toString('latin1', o, o + 32)).join('');
      expect(Buffer.from(addresses).toString('hex')).toBe(digits.toLowerCase());
    }
    expect(fast).toBeGreaterThan(500);
  });
});
