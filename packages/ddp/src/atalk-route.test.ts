import { type Diagnostic, type PieceFeed, PieceSplitter } from '@netstat-ts/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AtalkRouteParse,
  atalkFlagsText,
  atalkTokens,
  atoi,
  type DdpRouteRow,
  parseAtalkRoutes,
  scanAtalkRoutes,
} from './atalk-route.js';
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

/** The whole-file reader this package had before the file was streamed: the model it must match. */
function referenceParse(data: Uint8Array): AtalkRouteParse {
  const t = atalkTokens(data);
  const rows: DdpRouteRow[] = [];
  const diagnostics: Diagnostic[] = [];
  const note = (message: string) =>
    diagnostics.push({ level: 'info', message: `/proc/net/atalk_route: ${message}` });
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

describe('scanAtalkRoutes', () => {
  const feedOf =
    (data: Buffer, chunk: number): PieceFeed =>
    (max, each) => {
      const split = new PieceSplitter(max, each);
      for (let i = 0; i < data.length; i += chunk) split.push(data.subarray(i, i + chunk));
      split.end();
    };
  const scanned = (input: Buffer | PieceFeed): AtalkRouteParse => {
    const out: AtalkRouteParse = { rows: [], diagnostics: [] };
    scanAtalkRoutes(
      input,
      (r) => out.rows.push(r),
      (d) => out.diagnostics.push(d),
    );
    return out;
  };

  it('matches the whole-file reader on any bytes, from bytes and from a feed in any chunks', () => {
    const pieces = [
      'Default',
      'FF00:01',
      '515',
      '-3',
      'eth0',
      'x',
      ' ',
      '\t',
      '\n',
      '\r\n',
      '\v',
      '\0',
      'a\0b',
      '7',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 60 }),
        fc.integer({ min: 1, max: 50 }),
        (parts, chunk) => {
          const data = Buffer.from(parts.join(''), 'latin1');
          const want = referenceParse(data);
          expect(scanned(data)).toEqual(want);
          expect(scanned(feedOf(data, chunk))).toEqual(want);
        },
      ),
    );
  });

  it('a field longer than a piece is read whole; a header field is only counted', () => {
    const data = Buffer.from(`${'T'.repeat(200000)} R F D\n${'n'.repeat(150000)} r 1 eth0\n`, 'latin1');
    const r = scanned(feedOf(data, 4096));
    expect(r).toEqual(referenceParse(data));
    expect(r.rows[0]!.target).toHaveLength(150000);
  });
});
