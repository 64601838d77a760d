import { describe, expect, it } from 'vitest';
import { ipxNetworkText, parseIpxAddress, parseIpxNode } from './address.js';

describe('parseIpxNode', () => {
  it('reads up to 12 hex digits, a half byte fills the high nibble', () => {
    expect(parseIpxNode('001122334455667788')).toEqual([0, 0x11, 0x22, 0x33, 0x44, 0x55]);
    expect(parseIpxNode('C')).toEqual([0xc0, 0, 0, 0, 0, 0]);
    expect(parseIpxNode('abcG12')).toEqual([0xab, 0xc0, 0, 0, 0, 0]);
    expect(parseIpxNode('Connected')).toEqual([0xc0, 0, 0, 0, 0, 0]);
    expect(parseIpxNode('+12')).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe('ipxNetworkText', () => {
  it.each([
    [0x1234n, '00001234'],
    [0n, ''],
    [0xffffffffn, ''],
    [0x1ffffffffn, 'FFFFFFFF'],
    [0x100000000n, ''],
    [0x123456789n, '23456789'],
    [(1n << 64n) - 1n, 'FFFFFFFF'],
  ])('%s → %j', (v, text) => expect(ipxNetworkText(v)).toBe(text));
});

describe('parseIpxAddress (verified against net-tools 2.10)', () => {
  it.each([
    ['00001234:001122334455', '00001234:001122334455'],
    ['00001234:000000000000', '00001234'],
    ['1234', '00001234'],
    ['00000000:001122334455', ''],
    ['FFFFFFFF:001122334455', ''],
    ['ffffffff:001122334455', ''],
    ['ZZZ', ''],
    ['00001234:0011', '00001234:001100000000'],
    ['00001234:GG1122334455', '00001234'],
    ['1:2:3:4', '00000001:200000000000'],
    ['abc:def', '00000ABC:DEF000000000'],
    ['0x10:0x11', '00000010'],
    ['123456789', '23456789'],
    ['100000000', ''],
    ['1FFFFFFFF', 'FFFFFFFF'],
    ['100000000:AB', 'AB0000000000'],
    ['100000000:ABCDEF123456', 'ABCDEF123456'],
    ['1FFFFFFFF:AB', 'FFFFFFFF:AB0000000000'],
    ['12G4:AB', '00000012'],
    ['1234:', '00001234'],
    ['-1:ab', 'FFFFFFFF:AB0000000000'],
  ])('%j → %j', (s, text) => expect(parseIpxAddress(s).text).toBe(text));

  it('keeps the raw network and node', () => {
    expect(parseIpxAddress('0000BEEF:0000000000aa')).toEqual({
      network: 0xbeef,
      node: '0000000000AA',
      text: '0000BEEF:0000000000AA',
    });
  });
});
