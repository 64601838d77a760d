import { describe, expect, it } from 'vitest';
import { insertSorted, nstrcmp } from './nstrcmp.js';

function sorted(names: string[]): string[] {
  const list: { name: string }[] = [];
  for (const n of names) insertSorted(list, n, () => ({ name: n }));
  return list.map((e) => e.name);
}

describe('nstrcmp', () => {
  it('orders the verified examples of spec §6.5', () => {
    expect(sorted(['veth1', 'lo', 'tun0', 'br0', 'veth0', 'lo:foo', 'lo:1'])).toEqual([
      'br0',
      'lo',
      'lo:1',
      'lo:foo',
      'tun0',
      'veth0',
      'veth1',
    ]);
    expect(sorted(['lo', 'averyverylongnm', 'veth1', 'tun0', 'veth0'])).toEqual([
      'averyverylongnm',
      'lo',
      'tun0',
      'veth0',
      'veth1',
    ]);
    expect(sorted(['lo', 'ifb1', 'eth0', 'ifb0'])).toEqual(['eth0', 'ifb0', 'ifb1', 'lo']);
  });

  it('compares trailing numbers numerically, then bytewise', () => {
    expect(nstrcmp('eth2', 'eth10')).toBeLessThan(0);
    expect(nstrcmp('eth01', 'eth1')).toBeLessThan(0);
    expect(nstrcmp('eth', 'eth0')).toBeLessThan(0);
    expect(nstrcmp('eth0', 'ethx')).toBeLessThan(0);
    expect(nstrcmp('eth0', 'eth0')).toBe(0);
  });

  it('orders aliases after their device, by number, then bytewise', () => {
    expect(nstrcmp('eth0', 'eth0:0')).toBeLessThan(0);
    expect(nstrcmp('eth0:2', 'eth0:10')).toBeLessThan(0);
    expect(nstrcmp('eth0:01', 'eth0:1')).toBeLessThan(0);
    expect(nstrcmp('eth0:9', 'eth1')).toBeLessThan(0);
    expect(nstrcmp('lo:1', 'lo:foo')).toBeLessThan(0);
  });

  it('merges equal names and handles huge numbers', () => {
    expect(sorted(['lo', 'lo', 'eth0:1', 'eth0:1'])).toEqual(['eth0:1', 'lo']);
    expect(nstrcmp('x99999999999999999999', 'x100000000000000000000')).toBeLessThan(0);
  });
});
