import { describe, expect, it } from 'vitest';
import { LONG_OPTIONS, NETTOOLS_LONG_ORDER, OPTIONS, parseShortSpec } from '../src/args/index.js';
import { SHORT_SPEC } from '../src/args/option-table.js';

describe('the option table', () => {
  it('has unique keys, short letters and (apart from 2.10’s double --unix) long names', () => {
    const keys = OPTIONS.map((d) => d.key);
    expect(new Set(keys).size).toBe(keys.length);
    const shorts = OPTIONS.flatMap((d) => (d.short ? [d.short] : []));
    expect(new Set(shorts).size).toBe(shorts.length);
    const longs = OPTIONS.flatMap((d) => (d.long ? [d.long] : []));
    expect(longs.filter((l, i) => longs.indexOf(l) !== i)).toEqual(['unix']);
  });

  it('gives every 2.10 long option a place in 2.10’s order, and none of netstat-ts’s own', () => {
    const nettools = OPTIONS.filter((d) => d.long && !d.extension).map((d) => d.key);
    expect([...NETTOOLS_LONG_ORDER].sort()).toEqual([...nettools].sort());
    expect(LONG_OPTIONS.slice(0, 13).map((o) => o.name)).toEqual([
      'ax25',
      'x25',
      'ip',
      'ipx',
      'appletalk',
      'netrom',
      'inet',
      'inet6',
      'ddp',
      'rose',
      'unix',
      'bluetooth',
      'tcpip',
    ]);
    expect(LONG_OPTIONS.filter((o) => o.exactOnly).length).toBe(
      OPTIONS.filter((d) => d.long && d.extension).length,
    );
  });

  it('has 2.10’s short options (spec §1.1: A:CFMacdeghilnNoprsStuUvVWw2fx64?Z) plus -I:: and -L', () => {
    const spec = parseShortSpec('A:CFMacdeghilnNoprsStuUvVWw2fx64?ZI::L');
    expect(new Map([...SHORT_SPEC].sort())).toEqual(new Map([...spec].sort()));
  });

  it('documents every option: a help line or a man text, an argument name for each argument', () => {
    for (const d of OPTIONS) {
      expect(d.help ?? d.man, d.key).toBeTruthy();
      if (d.arg || (d.longArg && d.longArg !== 'none')) expect(d.argName, d.key).toBeTruthy();
    }
  });
});
