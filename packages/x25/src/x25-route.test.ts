import { describe, expect, it } from 'vitest';
import { formatX25RouteRow } from './render.js';
import { parseX25Routes } from './x25-route.js';

const HEADER = 'Address          Digits  Device\n';

describe('parseX25Routes', () => {
  it('reads the spec samples', () => {
    const p = parseX25Routes(
      `${HEADER}123456789012345  15      x25a\n1234000000000000 4       x25b\n000000000000000  0       x25c\n`,
    );
    expect(p.records.map(formatX25RouteRow).join('')).toBe(
      '123456789012345/15   x25a \n1234/4               x25b \n*                    x25c \n',
    );
    expect(p.records[1]).toMatchObject({
      address: '1234000000000000'.slice(0, 15),
      digits: 4,
      device: 'x25b',
    });
  });

  it('clamps digits outside 0..15 to 15 and cuts the device at offset 35', () => {
    const p = parseX25Routes(
      `${HEADER}8888             -3      x25d\n00000            0       averyverylongdev0\n`,
    );
    expect(p.records[0]).toMatchObject({ digitsRaw: -3, digits: 15, destination: '8888           /15' });
    expect(p.records[1]!.device).toBe('averyveryl');
  });

  it('skips lines too short to hold a device (2.10 would show stale bytes) with a diagnostic', () => {
    const p = parseX25Routes(`${HEADER}\nshort\n1234             4\n123\0 5678901234567  4   x25\n`);
    expect(p.records).toHaveLength(0);
    expect(p.diagnostics.map((d) => d.line)).toEqual([2, 3, 4, 5]);
  });

  it('never throws on random bytes', () => {
    let seed = 3;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    for (let k = 0; k < 200; k++) {
      let s = HEADER;
      const n = rnd() % 300;
      for (let i = 0; i < n; i++) s += String.fromCharCode(rnd() % 256);
      for (const r of parseX25Routes(s).records) formatX25RouteRow(r);
    }
  });
});
