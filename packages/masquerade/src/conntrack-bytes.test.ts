import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as reference from '../test/reference-parser.js';
import type { ConntrackEntry } from './conntrack.js';
import { ConntrackScanner, MAX_LINE, parseConntrackLine, parseConntrackText } from './conntrack-text.js';

const FIX = resolve(__dirname, '../../../fixtures');
const files = [
  `${FIX}/conntrack-live/root/proc/net/nf_conntrack`,
  `${FIX}/conntrack-live/conntrack-L.txt`,
  `${FIX}/conntrack-live/root/sos_commands/conntrack/conntrack_-L_-o_extended`,
  `${FIX}/conntrack-synthetic/root/proc/net/nf_conntrack`,
].map((f) => readFileSync(f, 'latin1'));
const lines = files.flatMap((t) => t.split('\n')).filter(Boolean);

/** Feeds `text` to a scanner in pieces of `size` bytes. */
function scan(text: string | Buffer, size: number) {
  const got: ConntrackEntry[] = [];
  const s = new ConntrackScanner((e) => got.push(e));
  const b = typeof text === 'string' ? Buffer.from(text, 'latin1') : text;
  for (let i = 0; i < b.length; i += size) s.push(b.subarray(i, i + size));
  s.end();
  return { entries: got, skippedCount: s.skippedCount, skipped: s.skipped, lines: s.lines };
}

describe('byte parser = the string parser it replaced', () => {
  it('every fixture line: the same entry', () => {
    for (const l of lines) expect(parseConntrackLine(l), l).toEqual(reference.parseConntrackLine(l));
  });

  it('mutated and random lines: the same entry or the same reason', () => {
    const mutated = fc
      .tuple(fc.constantFrom(...lines), fc.nat(), fc.integer({ min: 0, max: 255 }))
      .map(([l, k, c]) => {
        const i = k % (l.length + 1);
        return l.slice(0, i) + String.fromCharCode(c) + l.slice(i + 1);
      });
    const words = fc.array(
      fc.constantFrom(
        'ipv4',
        '2',
        'ipv6',
        '10',
        'tcp',
        '6',
        'icmp',
        '1',
        'gre',
        '47',
        '120',
        'ESTABLISHED',
        'src=1.2.3.4',
        'dst=5.6.7.8',
        'src=fd00:0000:0000:0000:0000:0000:0000:0001',
        'dst=::ffff:1.2.3.4',
        'src=01.2.3.4',
        'sport=1',
        'dport=65536',
        'id=7',
        'type=8',
        'srckey=0x1f',
        'dstkey=0xg',
        'mark=0',
        'zone=1',
        'use=2',
        'secctx=x',
        '[ASSURED]',
        '[bad]',
        '=x',
        'x=',
        'packets=99999999999999999',
        'zone-orig=3',
        'delta-time=5',
        'helper=ftp',
      ),
      { maxLength: 24 },
    );
    const line = fc.oneof(
      mutated,
      words.map((w) => w.join(' ')),
      fc.string({ unit: 'binary', maxLength: 80 }),
    );
    fc.assert(
      fc.property(line, (l) => {
        const b = Buffer.from(l, 'latin1').toString('latin1');
        expect(parseConntrackLine(b)).toEqual(reference.parseConntrackLine(b));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('the byte scanner on pieces', () => {
  const text = files.join('');

  it('a line cut at every byte offset between two pieces reads as when whole', () => {
    const whole = scan(text, text.length + 1);
    expect(whole.entries.length).toBeGreaterThan(20);
    const b = Buffer.from(text, 'latin1');
    for (let cut = 0; cut <= Math.min(b.length, 600); cut++) {
      const got: ConntrackEntry[] = [];
      const t = new ConntrackScanner((e) => got.push(e));
      t.push(b.subarray(0, cut));
      t.push(b.subarray(cut));
      t.end();
      expect(got).toEqual(whole.entries);
    }
    for (const size of [1, 2, 3, 5, 17, 100, 4096]) expect(scan(text, size)).toEqual(whole);
  });

  it('the reference scanner agrees on skipped lines and counts', () => {
    const mixed = `${text}garbage\r\n\0\0\0\n \t \xa0\n${lines[0]}\r\n${lines[0]!.replace('src=', 'src=\0')}\n`;
    const ref = reference.parseConntrackText(mixed);
    const got = scan(mixed, 13);
    expect([got.entries, got.skippedCount, got.skipped]).toEqual([
      ref.entries,
      ref.skippedCount,
      ref.skipped,
    ]);
    // CRLF: the carriage return sticks to the last field (`use=2\r`): skipped with a reason, not thrown.
    expect(got.skipped.map((s) => s.reason)).toContain("bad value 'use=2\r'");
  });

  it('a last line without a newline is read; blank lines are counted but not skipped', () => {
    const r = scan(`\n\n${lines[0]}`, 3);
    expect([r.entries.length, r.skippedCount, r.lines]).toEqual([1, 0, 3]);
  });

  it('a very long line: skipped as too long, memory bounded, the next line still read', () => {
    const long = `ipv4 2 tcp 6 1 ${'x'.repeat(MAX_LINE + 10)}`;
    const r = scan(`${lines[0]}\n${long}\n${lines[0]}\n${long}`, 65536);
    expect(r.entries).toHaveLength(2);
    expect(r.skipped).toEqual([
      { line: 2, reason: 'line too long' },
      { line: 4, reason: 'line too long' },
    ]);
    // Just under the limit: parsed (and skipped for its content, with its own reason).
    const big = `${lines[0]} helper=${'y'.repeat(MAX_LINE - lines[0]!.length - 20)}`;
    const s = scan(`${big}\n`, 4096);
    expect(s.entries).toHaveLength(1);
  });

  it('a whole listing parsed from text equals the scanner fed in pieces', () => {
    expect(parseConntrackText(text).entries).toEqual(scan(text, 7).entries);
  });
});
