import { readFileSync } from 'node:fs';
import { Host } from '@netstat-ts/core';
import { makeRoot } from '@netstat-ts/core/testing';
import { decodeLink, parseMessages } from '@netstat-ts/native/codec';
import { describe, expect, it } from 'vitest';
import {
  type AddressSource,
  firstWorkingSource,
  ipCommandSource,
  netmaskOf,
  parseIpJLink,
  parseIpOAddr,
  snapshotAddressSource,
  staticAddressSource,
} from './addresses.js';
import { defaultAddressSource, ipv4FromRtnl, linkFlagsFromRtnl } from './rtnetlink.js';

const IP_O = `1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever
1: lo    inet 10.1.1.1/8 scope global lo:1\\       valid_lft forever preferred_lft forever
1: lo    inet6 ::1/128 scope host \\       valid_lft forever preferred_lft forever
2: vethB    inet 10.5.5.1 peer 10.5.5.2/32 scope global vethB:7\\       valid_lft forever preferred_lft forever
3: vethA    inet 10.9.8.1/24 brd 10.9.8.255 scope global vethA\\       valid_lft forever preferred_lft forever
garbage
4: x    inet 300.1.1.1/8 scope global x\\
`;

describe('parseIpOAddr', () => {
  it('reads labels, peers, broadcasts and prefixes of `ip -o addr`', () => {
    expect(parseIpOAddr(IP_O)).toEqual([
      {
        label: 'lo',
        ifindex: 1,
        local: '127.0.0.1',
        address: '127.0.0.1',
        broadcast: null,
        prefixlen: 8,
        netmask: '255.0.0.0',
      },
      {
        label: 'lo:1',
        ifindex: 1,
        local: '10.1.1.1',
        address: '10.1.1.1',
        broadcast: null,
        prefixlen: 8,
        netmask: '255.0.0.0',
      },
      {
        label: 'vethB:7',
        ifindex: 2,
        local: '10.5.5.1',
        address: '10.5.5.2',
        broadcast: null,
        prefixlen: 32,
        netmask: '255.255.255.255',
      },
      {
        label: 'vethA',
        ifindex: 3,
        local: '10.9.8.1',
        address: '10.9.8.1',
        broadcast: '10.9.8.255',
        prefixlen: 24,
        netmask: '255.255.255.0',
      },
    ]);
  });

  it('computes netmasks', () => {
    expect(netmaskOf(0)).toBe('0.0.0.0');
    expect(netmaskOf(17)).toBe('255.255.128.0');
    expect(netmaskOf(99)).toBe('255.255.255.255');
  });
});

describe('rtnetlink adapter', () => {
  it('converts decoded RTM_NEWADDR messages: IPv4 with a label only, kernel order', () => {
    const v4 = { family: 2, prefixlen: 24, flags: 0x80, scope: 0, index: 3 };
    expect(
      ipv4FromRtnl([
        { ...v4, local: '10.9.9.1', address: '10.9.9.1', broadcast: null, label: 'vethA:al' },
        { ...v4, local: '10.9.8.1', address: '10.9.8.1', broadcast: '10.9.8.255', label: 'vethA' },
        {
          ...v4,
          family: 10,
          prefixlen: 128,
          index: 1,
          local: '::1',
          address: '::1',
          broadcast: null,
          label: null,
        },
        { ...v4, local: '10.1.1.1', address: '10.1.1.1', broadcast: null, label: null },
        null,
      ]),
    ).toEqual([
      {
        label: 'vethA:al',
        ifindex: 3,
        local: '10.9.9.1',
        address: '10.9.9.1',
        broadcast: null,
        prefixlen: 24,
        netmask: '255.255.255.0',
      },
      {
        label: 'vethA',
        ifindex: 3,
        local: '10.9.8.1',
        address: '10.9.8.1',
        broadcast: '10.9.8.255',
        prefixlen: 24,
        netmask: '255.255.255.0',
      },
    ]);
  });
});

describe('sources', () => {
  it('reads a snapshot capture and never the live system for a snapshot root', async () => {
    const root = makeRoot({ '/sos_commands/networking/ip_-o_addr': IP_O });
    const r = await defaultAddressSource(new Host(root)).ipv4();
    expect(r.ok && r.addresses.map((a) => a.label)).toEqual(['lo', 'lo:1', 'vethB:7', 'vethA']);
    const none = await snapshotAddressSource(new Host(makeRoot({}))).ipv4();
    expect(none.ok).toBe(false);
  });

  it('falls back from source to source and reports every reason', async () => {
    const bad: AddressSource = {
      name: 'bad',
      ipv4: async () => ({ ok: false, source: 'bad', reason: 'nope' }),
    };
    const good = staticAddressSource([], 'good');
    expect((await firstWorkingSource([bad, good]).ipv4()).source).toBe('good');
    const missing = await firstWorkingSource([bad, ipCommandSource('/nonexistent/ip')]).ipv4();
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.reason).toMatch(/^bad: nope; `\/nonexistent\/ip -o -4 addr show`: /);
  });
});

describe('exact link flags', () => {
  it('reads `ip -j link` (RUNNING = UP without NO-CARRIER)', () => {
    const m = parseIpJLink(
      JSON.stringify([
        { ifname: 'lo', flags: ['LOOPBACK', 'UP', 'LOWER_UP'] },
        { ifname: 'vethA', flags: ['NO-CARRIER', 'BROADCAST', 'MULTICAST', 'UP', 'M-DOWN'] },
        { ifname: 'brport', flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'] },
        { ifname: 'down0', flags: ['BROADCAST', 'MULTICAST'] },
        { nonsense: true },
      ]),
    );
    expect([...m]).toEqual([
      ['lo', 73],
      ['vethA', 4099],
      ['brport', 4163],
      ['down0', 4098],
    ]);
    expect(parseIpJLink('{}').size).toBe(0);
  });

  it('reads RTM_NEWLINK flags (ifi_flags) from real kernel link messages', () => {
    const links = readFileSync(new URL('../../native/test/fixtures/rtnl-dump.txt', import.meta.url), 'latin1')
      .split('\n')
      .filter((l) => l.startsWith('link '))
      .map((l) => decodeLink(parseMessages(Buffer.from(l.slice(5), 'hex'))[0]!.payload));
    const m = linkFlagsFromRtnl([...links, null]);
    expect([...m.keys()]).toEqual(['lo', 'nlc1', 'nlc0']);
    expect(m.get('lo')! & 0xffff).toBe(0x8); // LOOPBACK, down
    expect(m.get('nlc0')! & 0xffff).toBe(0x1043); // UP|BROADCAST|RUNNING|MULTICAST
  });
});
