import { describe, expect, it } from 'vitest';
import { pairCounters, parsePairs, parseSctpSnmp, parseSnmp6, snmp6Title } from '../src/index.js';
import { fgetsChunks, strtoull, ULLONG_MAX } from '../src/scan.js';
import { scanNameValue } from '../src/snmp6.js';

const pairs = (c: { name: string; value: bigint }[]) => c.map((x) => `${x.name}=${x.value}`);

describe('strtoull', () => {
  it('follows glibc: white space, sign, overflow, no digits', () => {
    expect(strtoull(' \v42x', 0)).toEqual({ value: 42n, end: 4, converted: true });
    expect(strtoull('-1', 0).value).toBe(ULLONG_MAX);
    expect(strtoull('-18446744073709551615', 0).value).toBe(1n);
    expect(strtoull('99999999999999999999999', 0).value).toBe(ULLONG_MAX);
    expect(strtoull('-99999999999999999999999', 0).value).toBe(ULLONG_MAX);
    expect(strtoull('  - 5', 0)).toEqual({ value: 0n, end: 0, converted: false });
    expect(strtoull('+7', 0).value).toBe(7n);
  });
  it('splits like fgets', () => {
    expect(fgetsChunks('abcdef\ngh', 4)).toEqual(['abc', 'def', '\n', 'gh']);
  });
});

describe('pair reader (/proc/net/snmp, netstat)', () => {
  it('pairs names and values, keeping 64-bit values exact', () => {
    const r = parsePairs('Ip: Forwarding InReceives\nIp: 1 18446744073709551615\n\nTcp: A\tB\nTcp: 3 4\n');
    expect(r.formatError).toBe(false);
    expect(r.sections.map((s) => s.title)).toEqual(['Ip', 'Tcp']);
    expect(pairs(r.sections[0]!.counters)).toEqual(['Forwarding=1', 'InReceives=18446744073709551615']);
  });
  it('gives 0 to missing values and sticks on a garbled one', () => {
    expect(pairs(pairCounters(' a b c d', ' 12abc 7'))).toEqual(['a=12', 'b=0', 'c=0', 'd=0']);
    expect(pairs(pairCounters(' a\vb c', '1\v2 \f 3'))).toEqual(['a\vb=1', 'c=2']);
  });
  it('stops with a format error on a line without a colon (NUL ends the line text)', () => {
    expect(parsePairs('Ip: A\nIp: 1\nTcp X\nTcp: 3\nUdp: B\nUdp: 4\n')).toEqual({
      sections: [{ title: 'Ip', counters: [{ name: 'A', value: 1n }] }],
      formatError: true,
    });
    expect(parsePairs('Ip: A\nIp\0: 1\n').formatError).toBe(true);
    expect(parsePairs('Udp: A\n\nUdp: 4\n').formatError).toBe(true);
    expect(parsePairs('Ip: A\r\nIp: 5\r\n').sections[0]!.counters[0]!.name).toBe('A\r');
  });
  it('stops silently when a header has no value line', () => {
    expect(parsePairs('Ip: A\nIp: 1\nUdp: B\n')).toEqual({
      sections: [{ title: 'Ip', counters: [{ name: 'A', value: 1n }] }],
      formatError: false,
    });
  });
  it('filters titles after the colon check', () => {
    const r = parsePairs('Ip: A\nIp: 1\nTcpX: B\nTcpX: 2\nTcp: C\nTcp: 3\n', 'Tcp');
    expect(r.sections.map((s) => s.title)).toEqual(['TcpX', 'Tcp']);
    expect(parsePairs('Ip: A\nIp 1\nTcp: C\nTcp: 3\n', 'Tcp')).toEqual({ sections: [], formatError: true });
  });
  it('handles odd titles and empty input', () => {
    expect(parsePairs(' : X\n : 1\n:\n:\n').sections.map((s) => s.title)).toEqual([' ', '']);
    expect(parsePairs('')).toEqual({ sections: [], formatError: false });
  });
});

describe('snmp6 reader', () => {
  it('derives titles and groups by substring', () => {
    expect(snmp6Title('Icmp6InMsgs')).toBe('Icmp6');
    expect(snmp6Title('Foo')).toBe('Foo');
    const g = parseSnmp6('Ip6InReceives 5\nIcmp6InMsgs 7\nFoo 4\nBarFoo 6\nfoo 0\n6 9\nx6 1\n');
    expect(g.map((x) => `${x.title}:${x.counters.length}`)).toEqual([
      'Ip6:1',
      'Icmp6:1',
      'Foo:2',
      'foo:1',
      '6:2',
    ]);
  });
  it('reuses the previous value and name like sscanf', () => {
    expect(scanNameValue('  \n')).toEqual({});
    expect(scanNameValue('Ip6X x')).toEqual({ name: 'Ip6X' });
    expect(scanNameValue('Ip6X -3').value).toBe(ULLONG_MAX - 2n);
    const g = parseSnmp6('Ip6A 5\nIp6B\n\n');
    expect(pairs(g[0]!.counters)).toEqual(['Ip6A=5', 'Ip6B=5', 'Ip6B=5']);
    expect(parseSnmp6('\nIp6A 4\n').map((x) => x.title)).toEqual(['']);
  });
  it('splits lines longer than 1023 bytes', () => {
    const g = parseSnmp6(`Ip6A 5\nIp6${'A'.repeat(1019)} 77\n`);
    expect(g.map((x) => x.title)).toEqual(['Ip6', '77']);
    expect(g[1]!.counters).toEqual([{ name: '77', value: 5n }]);
  });
});

describe('sctp/snmp reader', () => {
  it('reads name, blanks, value and skips what 2.10 skips', () => {
    const text =
      'SctpCurrEstab\t5\nSctpFoo\nSctpBar x\n\n SctpA 5\nSctpB \nSctpC\v5\nSctpD 12ab\nSctp\0E 5\nX\0 6\nSctpF \0 5\n';
    expect(pairs(parseSctpSnmp(text))).toEqual([
      'SctpCurrEstab=5',
      'SctpBar=0',
      '=0',
      'SctpD=12',
      'Sctp=0',
      'X=6',
    ]);
  });
  it('lets a last line without newline see bytes an earlier line left in the buffer', () => {
    expect(pairs(parseSctpSnmp('SctpAbortedsXX 777\nSctpCurrEstab'))).toEqual(['SctpAbortedsXX=777']);
    expect(pairs(parseSctpSnmp('SctpCurrEstab \r\nSctpCurrEstab'))).toEqual([
      'SctpCurrEstab=0',
      'SctpCurrEstab=0',
    ]);
    expect(pairs(parseSctpSnmp('SctpCurrEstab 3'))).toEqual(['SctpCurrEstab=3']);
  });
  it('treats an over-long name as a line to skip', () => {
    expect(pairs(parseSctpSnmp(`Sctp${'A'.repeat(1100)} 6\n`))).toEqual([`${'A'.repeat(81)}=6`]);
  });
});
