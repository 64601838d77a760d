import { describe, expect, it } from 'vitest';
import { detectLayout, parseProcNetDev, scanNumbers, splitDevLine } from './proc-net-dev.js';

const V3 = `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo:  355924    4062    1    2    3     4          5         6   123482537    5599    7    8    9    10      11         12
averyverylongnm:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0
`;

const V2 = `Inter-|   Receive                            |  Transmit
 face |bytes    packets errs drop fifo frame|bytes    packets errs drop fifo colls carrier
  eth0: 100 10 1 2 3 4 200 20 5 6 7 8 9
`;

const V1 = `Inter-|   Receive                  |  Transmit
 face |packets errs drop fifo frame|packets errs drop fifo colls carrier
  eth0: 10 1 2 3 4 20 5 6 7 8 9
`;

describe('parseProcNetDev', () => {
  it('reads the v3 layout (16 numbers)', () => {
    const r = parseProcNetDev(V3);
    expect(r.layout).toBe('v3');
    expect(r.entries.map((e) => e.name)).toEqual(['lo', 'averyverylongnm']);
    expect(r.entries[0]!.rx).toEqual({
      bytes: 355924,
      ok: 4062,
      err: 1,
      drp: 2,
      ovr: 3,
      frame: 4,
      compressed: 5,
      multicast: 6,
    });
    expect(r.entries[0]!.tx).toEqual({
      bytes: 123482537,
      ok: 5599,
      err: 7,
      drp: 8,
      ovr: 9,
      colls: 10,
      carrier: 11,
      compressed: 12,
    });
    expect(r.diagnostics).toEqual([]);
  });

  it('reads the v2 layout (13 numbers, no compressed/multicast)', () => {
    const e = parseProcNetDev(V2).entries[0]!;
    expect(detectLayout(V2.split('\n')[1]!)).toBe('v2');
    expect(e.rx).toMatchObject({
      bytes: 100,
      ok: 10,
      err: 1,
      drp: 2,
      ovr: 3,
      frame: 4,
      compressed: 0,
      multicast: 0,
    });
    expect(e.tx).toMatchObject({
      bytes: 200,
      ok: 20,
      err: 5,
      drp: 6,
      ovr: 7,
      colls: 8,
      carrier: 9,
      compressed: 0,
    });
  });

  it('reads the v1 layout (11 numbers, no bytes)', () => {
    const e = parseProcNetDev(V1).entries[0]!;
    expect(parseProcNetDev(V1).layout).toBe('v1');
    expect(e.rx).toMatchObject({ bytes: 0, ok: 10, err: 1, drp: 2, ovr: 3, frame: 4 });
    expect(e.tx).toMatchObject({ bytes: 0, ok: 20, err: 5, drp: 6, ovr: 7, colls: 8, carrier: 9 });
  });

  it('keeps 64-bit counters exact', () => {
    const r = parseProcNetDev(
      `h\nbytes\n x: 18446744073709551615 9007199254740991 99999999999999999999 -1\n`,
    );
    expect(r.entries[0]!.rx.bytes).toBe('18446744073709551615');
    expect(r.entries[0]!.rx.ok).toBe(9007199254740991);
    expect(r.entries[0]!.rx.err).toBe('18446744073709551615'); // strtoull saturates
    expect(r.entries[0]!.rx.drp).toBe('18446744073709551615'); // -1 wraps
  });

  it('turns malformed lines into diagnostics, never exceptions', () => {
    const r = parseProcNetDev(`${V3.split('\n').slice(0, 2).join('\n')}\n\n   \n eth0: 1 2 garbage\n:::\n`);
    expect(r.entries.map((e) => e.name)).toEqual(['eth0']);
    expect(r.entries[0]!.rx).toMatchObject({ bytes: 1, ok: 2, err: 0 });
    expect(r.diagnostics.length).toBe(4);
    expect(parseProcNetDev('').entries).toEqual([]);
    expect(parseProcNetDev('only one header').entries).toEqual([]);
  });
});

describe('splitDevLine', () => {
  it('splits name and numbers', () => {
    expect(splitDevLine('  eth0: 1 2')).toEqual({ name: 'eth0', rest: ' 1 2' });
    expect(splitDevLine('eth0:1 2')).toEqual({ name: 'eth0', rest: '1 2' });
    expect(splitDevLine('eth0:12: 5')).toEqual({ name: 'eth0:12', rest: ' 5' });
    expect(splitDevLine('eth0:ab: 5')).toEqual({ name: 'eth0', rest: 'ab: 5' });
    expect(splitDevLine('eth0 5 6')).toEqual({ name: 'eth0', rest: ' 5 6' });
  });

  it('cuts names at 15 bytes', () => {
    expect(splitDevLine('abcdefghijklmnopqrst: 1').name).toBe('abcdefghijklmno');
  });
});

describe('scanNumbers', () => {
  it('stops at the first non-number', () => {
    expect(scanNumbers(' 1 +2 x 3', 10)).toEqual([1n, 2n]);
    expect(scanNumbers('1 2 3', 2)).toEqual([1n, 2n]);
  });
});
