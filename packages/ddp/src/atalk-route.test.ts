import { describe, expect, it } from 'vitest';
import { atalkFlagsText, atalkTokens, atoi, parseAtalkRoutes } from './atalk-route.js';
import { formatDdpRouteRow } from './render.js';

const parse = (s: string) => parseAtalkRoutes(Buffer.from(s, 'latin1'));

describe('atalkFlagsText', () => {
  it('prints letters in 2.10 order', () => {
    expect(atalkFlagsText(3)).toBe('UG');
    expect(atalkFlagsText(515)).toBe('UG!');
    expect(atalkFlagsText(7)).toBe('UGH');
    expect(atalkFlagsText(0xffffffff)).toBe('UG!HRDMdacoecfpluwin');
    expect(atalkFlagsText(0x80000000)).toBe('l');
    expect(atalkFlagsText(0x800 | 0x80000)).toBe('');
  });
});

describe('atoi', () => {
  it.each([
    ['3', 3],
    ['-1', -1],
    ['4294967295', -1],
    ['2147483648', -2147483648],
    ['99999999999', 1215752191],
    ['99999999999999999999999', -1],
    ['-99999999999999999999999', 0],
    ['12abc', 12],
    ['+5', 5],
    ['0x3', 0],
    ['abc', 0],
    ['', 0],
  ])('%j → %i', (s, v) => expect(atoi(s)).toBe(v));
});

describe('atalkTokens', () => {
  it('splits on C whitespace across lines, keeps NUL bytes in fields', () => {
    expect(atalkTokens(Buffer.from('a b\n\tc\v\fd\r\ne\0f', 'latin1'))).toEqual([
      { raw: 'a', text: 'a', line: 1 },
      { raw: 'b', text: 'b', line: 1 },
      { raw: 'c', text: 'c', line: 2 },
      { raw: 'd', text: 'd', line: 2 },
      { raw: 'e\0f', text: 'e', line: 3 },
    ]);
  });
});

describe('parseAtalkRoutes', () => {
  it('reads the kernel table: target, router, flags, device', () => {
    const r = parse(
      'Target        Router  Flags Dev\n1234:56     FF00:01  3     eth0\nDefault     FF00:01  7     eth1\n',
    );
    expect(r.rows.map(formatDdpRouteRow).join('')).toBe(
      '1234:56         FF00:01         eth0            UG\nDefault         FF00:01         eth1            UGH\n',
    );
    expect(r.rows[1]).toEqual({
      line: 3,
      target: 'Default',
      router: 'FF00:01',
      flags: 7,
      flagsText: 'UGH',
      device: 'eth1',
    });
    expect(r.diagnostics).toEqual([]);
  });

  it('reads fields as a stream, ignoring lines, and notes leftovers and bad flags', () => {
    const r = parse('T R F D\na b 1\n2 d9 x y 3\nz');
    expect(r.rows.map((x) => [x.target, x.router, x.flagsText, x.device])).toEqual([
      ['a', 'b', 'U', '2'],
      ['d9', 'x', '', '3'],
    ]);
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      '/proc/net/atalk_route: line 3: flags field "y" is not a number (read as 0)',
      '/proc/net/atalk_route: line 4: 1 field(s) left over after the last complete route (ignored)',
    ]);
  });

  it('notes the tables on which 2.10 crashes', () => {
    expect(parse('').diagnostics[0]!.message).toContain('crashes');
    expect(parse('T').diagnostics[0]!.message).toContain('crashes');
    expect(parse('T R').diagnostics).toEqual([]);
  });

  it('prints fields only up to a NUL byte', () => {
    const r = parse('T R F D\na\0x b 1 c\0y\n');
    expect(formatDdpRouteRow(r.rows[0]!)).toBe('a               b               c               U\n');
    expect(r.diagnostics).toHaveLength(2);
  });

  it('never throws on binary garbage', () => {
    const junk = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256));
    expect(() => parseAtalkRoutes(junk)).not.toThrow();
  });
});
