import { makeRoot, pluginContract, underReadCap } from '@netstat-ts/core/testing';
import { describe, expect, it } from 'vitest';
import { devLine, HEAD, loAlias, run, SHORT_A, shortRoot, sys, z } from '../test/helpers.js';
import { type AddressSource, type DeviceMap, ipv4Address, staticAddressSource } from './addresses.js';
import plugin, { createInterfacesPlugin } from './plugin.js';
import { humanSize } from './render-long.js';

describe('short format', () => {
  it('reproduces the verified -ia example', async () => {
    const r = await run(shortRoot, { all: true }, loAlias);
    expect(r.stdout).toBe(SHORT_A);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('hides interfaces that are not up without -a', async () => {
    const r = await run(shortRoot, {}, loAlias);
    expect(r.stdout).toBe(SHORT_A.replace(/^br0 .*\n/m, ''));
    const rows = r.sections[0]!.table!.rows;
    expect(rows.map((x) => x.name)).toEqual(['lo', 'lo:1', 'tun0', 'veth0']);
    expect(rows[3]).toMatchObject({ flagBits: 0x1343, rx: { ok: 1 } });
    expect(JSON.parse(JSON.stringify(r.sections[0]!.table)).rows[1].ipv4[0].netmask).toBe('255.0.0.0');
  });

  it('prints the title only on the first -c pass', async () => {
    const r = await run(shortRoot, {}, loAlias, 1);
    expect(r.stdout.startsWith('Iface ')).toBe(true);
    const l = await run(shortRoot, { extend: 2 }, loAlias, 1);
    expect(l.stdout.startsWith('lo: flags=')).toBe(true);
  });

  it('lets numbers push later columns', async () => {
    const root = makeRoot({
      '/proc/net/dev': HEAD + devLine('lo', [0, 123456789012, 1234567, ...z.slice(3)]),
      ...sys({ lo: { flags: 0x9, operstate: 'unknown', mtu: 1234567, type: 772 } }),
    });
    const r = await run(root, {});
    expect(r.stdout.split('\n')[2]).toBe(
      'lo              1234567 123456789012 1234567      0 0             0      0      0      0 LRU',
    );
  });
});

describe('single-interface filter', () => {
  it('shows only the named interface, even when down', async () => {
    const r = await run(shortRoot, { interface: 'br0' }, loAlias);
    expect(r.stdout).toBe(SHORT_A.split('\n').slice(0, 3).join('\n') + '\n');
    const a = await run(shortRoot, { interface: 'lo:1', extend: 2 }, loAlias);
    expect(a.stdout).toContain(
      'lo:1: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536\n        inet 10.1.1.1  netmask 255.0.0.0\n',
    );
  });

  it('fails clearly on an unknown name', async () => {
    const r = await run(shortRoot, { interface: 'eth9' }, loAlias);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('eth9: error fetching interface information: Device not found\n');
    expect(r.status).toBe(1);
  });
});

describe('long format (-ie)', () => {
  const root = makeRoot({
    '/proc/net/dev':
      HEAD +
      devLine('eth0', [123482537, 5599, 0, 0, 0, 0, 0, 0, 355924, 4062, 0, 0, 0, 0, 0, 0]) +
      devLine('tun0', z),
    '/proc/net/if_inet6':
      'fe8000000000000000fc00fffe000001 02 40 20 80     eth0\nfd000000000000000000000000000002 02 40 00 80     eth0\n00000000000000000000000000000001 01 80 10 80       lo\n',
    ...sys({
      eth0: { flags: 0x1003, operstate: 'up', mtu: 1400, type: 1, address: '02:fc:00:00:00:01' },
      lo: { flags: 0x9, operstate: 'unknown', mtu: 65536, type: 772, address: '00:00:00:00:00:00' },
      tun0: { flags: 0x1091, mtu: 1500, type: 65534, txq: 500 },
    }),
  });
  const source = staticAddressSource([
    ipv4Address({ label: 'lo:1', local: '10.1.1.1', prefixlen: 8 }),
    ipv4Address({ label: 'eth0', local: '192.0.2.2', prefixlen: 24, broadcast: '192.0.2.255' }),
    ipv4Address({ label: 'eth0', local: '192.0.2.3', prefixlen: 24, broadcast: '192.0.2.255' }),
    ipv4Address({ label: 'tun0', local: '10.9.9.1', address: '10.9.9.2', prefixlen: 32 }),
  ]);

  it('reproduces the verified example of spec §6.4', async () => {
    const r = await run(root, { extend: 2 }, source);
    expect(r.stdout).toBe(`Kernel Interface table
eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1400
        inet 192.0.2.2  netmask 255.255.255.0  broadcast 192.0.2.255
        inet6 fe80::fc:ff:fe00:1  prefixlen 64  scopeid 0x20<link>
        inet6 fd00::2  prefixlen 64  scopeid 0x0<global>
        ether 02:fc:00:00:00:01  txqueuelen 1000  (Ethernet)
        RX packets 5599  bytes 123482537 (117.7 MiB)
        RX errors 0  dropped 0  overruns 0  frame 0
        TX packets 4062  bytes 355924 (347.5 KiB)
        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0

lo:1: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536
        inet 10.1.1.1  netmask 255.0.0.0
        loop  txqueuelen 1000  (Local Loopback)

tun0: flags=4241<UP,POINTOPOINT,NOARP,MULTICAST>  mtu 1500
        inet 10.9.9.1  netmask 255.255.255.255  destination 10.9.9.2
        unspec 00-00-00-00-00-00-00-00-00-00-00-00-00-00-00-00  txqueuelen 500  (UNSPEC)
        RX packets 0  bytes 0 (0.0 B)
        RX errors 0  dropped 0  overruns 0  frame 0
        TX packets 0  bytes 0 (0.0 B)
        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0

`);
  });

  it('prints the SIOCGIFMAP device line after the counters, each part only when set', async () => {
    const maps: AddressSource = {
      ...source,
      deviceMaps: async (devs) =>
        new Map(
          [
            [
              'eth0',
              { irq: 11, baseAddr: 0xc000, memStart: 0xfe9e0000, memEnd: 0xfea00000, dma: 3, port: 0 },
            ],
            ['tun0', { irq: 0, baseAddr: 0xff, memStart: 0, memEnd: 0, dma: 0, port: 0 }],
            ['lo', { irq: 0, baseAddr: 0, memStart: 0, memEnd: 0, dma: 5, port: 0 }],
          ].filter(([d]) => devs.includes(d as string)) as [string, DeviceMap][],
        ),
    };
    const r = await run(root, { extend: 2 }, maps);
    expect(r.stdout).toContain(
      '        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n' +
        '        device interrupt 11  base 0xc000  memory 0xfe9e0000-fea00000    dma 0x3\n\nlo:1:',
    );
    // lo:1 has no counters: its device line follows the hardware line; tun0's base < 0x100 prints nothing.
    expect(r.stdout).toContain('(Local Loopback)\n        device   dma 0x5\n\ntun0:');
    expect(r.stdout.slice(r.stdout.indexOf('tun0:'))).not.toContain('device');
    const rows = r.sections[0]!.table!.rows;
    expect(rows[0]!.map?.irq).toBe(11);
    const short = await run(root, {}, maps);
    expect(short.sections[0]!.table!.rows[0]!.map).toBeUndefined();
  });

  it('computes human sizes by truncation', () => {
    expect(humanSize(123482537)).toBe('117.7 MiB');
    expect(humanSize(355924)).toBe('347.5 KiB');
    expect(humanSize(1099511627777)).toBe('1.0 TiB');
    expect(humanSize('99999999999999999')).toBe('88.8 PiB');
    expect(humanSize(0)).toBe('0.0 B');
    expect(humanSize(1024)).toBe('1024.0 B');
    expect(humanSize('18446744073709551615')).toBe('16.0 EiB');
  });
});

pluginContract({
  plugin,
  options: { all: true },
  malformed: { '/proc/net/dev': `${HEAD}\n eth0: 1 2 x\n`, '/proc/net/if_inet6': 'nonsense\n' },
});

describe('streamed /proc/net/dev', () => {
  it('a Host that refuses files over 64 bytes prints the same (order, merging and long lines kept)', async () => {
    const names = ['veth10', 'veth2', 'lo', 'veth1', 'br0'];
    const dev =
      HEAD +
      names.map((n, i) => devLine(n, [i + 1, 2, ...z.slice(2)])).join('') +
      // A name seen twice keeps one row with the later counters; a line longer than any piece.
      `  veth2:${' '.repeat(100_000)}7 8 9\n` +
      ': a line without a name\n';
    const devs = Object.fromEntries(names.map((n) => [n, { flags: 0x1043, mtu: 1500, type: 1 }]));
    const root = makeRoot({ '/proc/net/dev': dev, ...sys(devs) });
    const p = createInterfacesPlugin({ addressSource: () => staticAddressSource([]) });
    const { normal, capped } = await underReadCap(root, { all: true }, (ctx) => p.interfaces(ctx));
    expect(capped).toEqual(normal);
    expect(normal.rows[0]!.map((r) => (r as { name: string }).name)).toEqual([
      'br0',
      'lo',
      'veth1',
      'veth2',
      'veth10',
    ]);
    expect(normal.stdout.split('\n')[5]).toMatch(/^veth2 +1500 +8 +9 /);
  });

  it('-ie: /proc/net/if_inet6 is streamed too (addresses of listed devices kept in file order)', async () => {
    const v6 = (hex: string, idx: number, dev: string) =>
      `${hex} ${idx.toString(16).padStart(2, '0')} 40 20 80 ${dev.padStart(8)}\n`;
    const inet6 =
      v6('fe800000000000000000000000000001', 2, 'eth0') +
      v6('00000000000000000000000000000001', 1, 'lo') +
      'not an address line\n' +
      v6('fe800000000000000000000000000099', 9, 'gone0') +
      v6('20010db8000000000000000000000002', 2, 'eth0');
    const devs = { lo: { flags: 0x9, mtu: 65536, type: 772 }, eth0: { flags: 0x1043, mtu: 1500, type: 1 } };
    const root = makeRoot({
      '/proc/net/dev': HEAD + devLine('lo', z) + devLine('eth0', z),
      '/proc/net/if_inet6': inet6,
      ...sys(devs),
    });
    const p = createInterfacesPlugin({ addressSource: () => staticAddressSource([]) });
    const { normal, capped } = await underReadCap(root, { all: true, extend: 2 }, (ctx) => p.interfaces(ctx));
    expect(capped).toEqual(normal);
    const eth0 = normal.rows[0]!.find((r) => (r as { name: string }).name === 'eth0') as {
      ipv6: { address: string }[];
    };
    expect(eth0.ipv6.map((a) => a.address)).toEqual(['fe80::1', '2001:db8::2']);
    expect(normal.stdout).toContain('inet6 2001:db8::2  prefixlen 64  scopeid 0x20<link>');
  });
});
