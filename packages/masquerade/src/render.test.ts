import { createContext } from '@netstat-ts/core';
import { makeRoot } from '@netstat-ts/core/testing';
import { describe, expect, it } from 'vitest';
import { parseIpMasquerade } from './proc-net-ip-masquerade.js';
import { expireText, formatMasqRow, masqRow } from './render.js';

describe('masquerade rows', () => {
  it('formats the expire column as unsigned minutes, seconds and hundredths', () => {
    expect(expireText(15012)).toBe('  2:30.12');
    expect(expireText(99)).toBe('  0:00.99');
    expect(expireText('18446744073709551615')).toBe('3074457345618258:36.15');
  });

  it('names hosts and ports (masquerading port too) unless numeric; other protocols stay decimal', () => {
    const root = makeRoot({
      '/etc/hosts': '10.0.0.1 core-gw\n',
      '/etc/services': 'ssh 22/tcp\ndomain 53/udp\n',
      '/etc/networks': 'zeronet 0.10.0.1\n',
    });
    const { resolver } = createContext({ root });
    const p = parseIpMasquerade(
      'PDelta\nTCP 0A000001:0016 000A0001:0016 0016 1 2 3 4\nGRE 0A000001:0016 00000000:0000 0016 0 0 0 0\n',
    );
    const named = p.entries.map((e) => masqRow(e, resolver, { numericHosts: false, numericPorts: false }));
    expect(formatMasqRow(named[0]!, true)).toBe(
      'tcp   0:00.04          1     2     3 core-gw              zeronet              ssh -> ssh (ssh)\n',
    );
    expect(formatMasqRow(named[1]!, false)).toBe(
      'gre   0:00.00 core-gw              0.0.0.0              22 -> * (22)\n',
    );
    const num = masqRow(p.entries[0]!, resolver, { numericHosts: true, numericPorts: true });
    expect(formatMasqRow(num, false)).toBe(
      'tcp   0:00.04 10.0.0.1             0.10.0.1             22 -> 22 (22)\n',
    );
    expect(num).toMatchObject({ sourceAddress: '10.0.0.1', sourceHost: '10.0.0.1', masqService: '22' });
  });
});
