import { describe, expect, it } from 'vitest';
import { parseIpxRoutes } from './ipx-route.js';
import { formatIpxRouteRow } from './render.js';

const parse = (s: string) => parseIpxRoutes(Buffer.from(s, 'latin1'));

describe('parseIpxRoutes', () => {
  it('reads kernel lines; Directly Connected becomes 0000000D / C00000000000', () => {
    const r = parse(
      'Network    Router_Net   Router_Node\n00001234   0000ABCD     001122334455\n0000BEEF   Directly     Connected\n',
    );
    expect(r.rows.map(formatIpxRouteRow).join('')).toBe(
      '00001234                  0000ABCD                  001122334455             \n' +
        '0000BEEF                  0000000D                  C00000000000             \n',
    );
    expect(r.rows[1]).toMatchObject({ destination: 0xbeef, routerNet: 0xd, routerNode: 'C00000000000' });
    expect(r.diagnostics).toEqual([]);
  });

  it('skips lines with fewer than three fields and notes them', () => {
    const r = parse('h\n1 2\n\nzz yy xx\n');
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({ destinationText: '', routerNetText: '', routerNodeText: '' });
    expect(r.diagnostics.map((d) => d.line)).toEqual([2, 3]);
  });

  it('handles hostile numbers like 2.10', () => {
    const r = parse('h\n123456789 1FFFFFFFF ABCDEF\n-1 0 0\n10000000000000000 1 abcdefABCDEF\n');
    expect(r.rows.map((x) => [x.destinationText, x.routerNetText, x.routerNodeText])).toEqual([
      ['23456789', 'FFFFFFFF', 'ABCDEF000000'],
      ['FFFFFFFF', '', ''],
      ['FFFFFFFF', '00000001', 'ABCDEFABCDEF'],
    ]);
  });

  it('reads at most 1022 bytes at a time', () => {
    const r = parse(`h\n1 2 3${' '.repeat(1017)}4 5 6\n`);
    expect(r.rows.map((x) => x.destination)).toEqual([1, 4]);
    expect(r.diagnostics.length).toBe(2);
  });

  it('never throws on binary garbage', () => {
    const junk = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256));
    expect(() => parseIpxRoutes(junk)).not.toThrow();
  });
});
