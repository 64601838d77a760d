import { describe, expect, it } from 'vitest';
import { flagLetters, flagNames, flagsDecimal, ioctlFlags } from './flags.js';
import { formatHwAddress, hwType } from './hwtypes.js';
import { formatInet6, parseIfInet6, scopeText } from './if-inet6.js';

describe('flags', () => {
  it('maps sysfs flags + operstate to SIOCGIFFLAGS (spec §6.1)', () => {
    expect(ioctlFlags(0x1003, 'up')).toBe(4163);
    expect(ioctlFlags(0x9, 'unknown')).toBe(73);
    expect(ioctlFlags(0x82, 'down')).toBe(130);
    expect(ioctlFlags(0x1003, 'lowerlayerdown')).toBe(0x1003);
    expect(ioctlFlags(0x1002, 'unknown')).toBe(0x1002); // not up: never RUNNING
    expect(ioctlFlags(0x11043, null)).toBe(0x1003);
  });

  it('prints letters in net-tools 2.10 order', () => {
    expect(flagLetters(0x1343)).toBe('ABMPRU');
    expect(flagLetters(0x49)).toBe('LRU');
    expect(flagLetters(0x1091)).toBe('MOPU'); // tun0 of spec §6.3 (4241)
    expect(flagLetters(0x1011)).toBe('MPU');
    expect(flagLetters(0x0c24)).toBe('DNsm');
    expect(flagLetters(0)).toBe('[NO FLAGS]');
  });

  it('prints names for -e', () => {
    expect(flagNames(4163)).toEqual(['UP', 'BROADCAST', 'RUNNING', 'MULTICAST']);
    expect(flagNames(4241)).toEqual(['UP', 'POINTOPOINT', 'NOARP', 'MULTICAST']);
    expect(flagsDecimal(0x9003)).toBe(-28669);
  });
});

describe('hardware types', () => {
  it('formats addresses', () => {
    const mac = Uint8Array.from([2, 0xfc, 0, 0, 0, 1]);
    expect(hwType(1).name).toBe('ether');
    expect(formatHwAddress(hwType(1), mac)).toBe('02:fc:00:00:00:01');
    expect(formatHwAddress(hwType(772), mac)).toBeNull();
    expect(formatHwAddress(hwType(768), mac)).toBe('');
    expect(hwType(65534).title).toBe('UNSPEC');
    expect(formatHwAddress(hwType(65534), new Uint8Array())).toBe(
      '00-00-00-00-00-00-00-00-00-00-00-00-00-00-00-00',
    );
    expect(formatHwAddress(hwType(778), Uint8Array.from([10, 0, 0, 1, 9, 9, 9, 9, 9]))).toBe(
      '0A-00-00-01-09-09-09-09-00-00-00-00-00-00-00-00',
    );
    expect(formatHwAddress(hwType(774), mac)).toBe('02-FC-00-00-00-01');
  });
});

describe('if_inet6', () => {
  it('parses lines and formats scopes', () => {
    const r = parseIfInet6(
      'fe8000000000000000fc00fffe000001 02 40 20 80     eth0\n00000000000000000000ffff7f000001 01 80 00 80 lo\nbad line\n',
    );
    expect(r.addresses[0]).toMatchObject({
      address: 'fe80::fc:ff:fe00:1',
      prefixlen: 64,
      scope: 0x20,
      device: 'eth0',
    });
    expect(r.addresses[1]!.address).toBe('127.0.0.1');
    expect(r.addresses[1]!.prefixlen).toBe(128);
    expect(r.diagnostics).toHaveLength(1);
    expect(scopeText(0)).toBe('<global>');
    expect(scopeText(0x10)).toBe('<host>');
    expect(scopeText(0x80)).toBe('<compat,global>');
    expect(scopeText(0x90)).toBe('<compat,host>');
    expect(scopeText(0x05)).toBe('');
    expect(formatInet6(new Uint8Array(16))).toBe('::');
  });
});
