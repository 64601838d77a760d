import { makeRoot } from '@netstat-ts/core/testing';
import { describe, expect, it } from 'vitest';
import { devLine, HEAD, loAlias, run, SHORT_A, shortRoot, sys, z } from '../test/helpers.js';
import type { AddressSource } from './addresses.js';

describe('error paths', () => {
  it('stops at an interface whose device is missing (exit 1)', async () => {
    const root = makeRoot({
      '/proc/net/dev': HEAD + devLine('lo', z) + devLine('nosuch0', z) + devLine('zz0', z),
      ...sys({
        lo: { flags: 0x9, operstate: 'unknown', mtu: 65536, type: 772 },
        zz0: { flags: 0x1003, operstate: 'up', mtu: 1500, type: 1 },
      }),
    });
    const r = await run(root, {});
    expect(r.stdout).toBe(
      `${SHORT_A.split('\n').slice(0, 2).join('\n')}\nlo              65536        0      0      0 0             0      0      0      0 LRU\n`,
    );
    expect(r.stderr).toBe(
      'nosuch0: error fetching interface information: Device not found\nmissing interface information: No such device\n',
    );
    expect(r.status).toBe(1);
    expect(r.sections[0]!.table!.diagnostics.filter((d) => d.level === 'error')).toHaveLength(2);
  });

  it('never turns a hostile name into a path', async () => {
    const root = makeRoot({ '/proc/net/dev': `${HEAD}../../../../etc: 1\n`, '/etc/flags': '0x1\n' });
    const r = await run(root, { all: true });
    expect(r.stderr).toBe(
      '../../../../etc: error fetching interface information: Device not found\nmissing interface information: No such device\n',
    );
  });

  it('warns when /proc/net/dev cannot be read and shows labels only', async () => {
    const root = makeRoot({ ...sys({ lo: { flags: 0x9, operstate: 'unknown', mtu: 65536, type: 772 } }) });
    const r = await run(root, {}, loAlias);
    expect(r.stderr).toBe(
      'Warning: cannot open /proc/net/dev (No such file or directory). Limited output.\n',
    );
    expect(r.stdout.split('\n').slice(2)).toEqual([
      'lo              65536      - no statistics available -                        LRU',
      'lo:1            65536      - no statistics available -                        LRU',
      '',
    ]);
    expect(r.sections[0]!.table!.present).toBe(false);
  });

  it('says with -v what a failing address source cannot show', async () => {
    const failing: AddressSource = {
      name: 'x',
      ipv4: async () => ({ ok: false, source: 'x', reason: 'no netlink, no ip' }),
    };
    const r = await run(shortRoot, { verbose: 1, extend: 2 }, failing);
    expect(r.stderr).toContain('IPv4 addresses and alias labels (eth0:1) are not shown: no netlink, no ip');
    expect(r.stderr).toContain('device map');
    expect((await run(shortRoot, {}, failing)).stderr).toBe('');
  });

  it('prefers exact kernel flags over sysfs flags (bridge ports)', async () => {
    const exact: AddressSource = { ...loAlias, linkFlags: async () => new Map([['veth0', 0x1043]]) };
    const r = await run(shortRoot, {}, exact);
    expect(r.stdout).toContain(
      'veth0            9000        1      0      0 0             1      0      0      0 BMRU\n',
    );
  });

  it('survives garbage in sysfs', async () => {
    const root = makeRoot({
      '/proc/net/dev': HEAD + devLine('eth0', z),
      '/sys/class/net/eth0/flags': 'zz',
      '/sys/class/net/eth0/type': '-5',
      '/sys/class/net/eth0/address': 'not:an:address',
    });
    const r = await run(root, { all: true, extend: 2 });
    expect(r.stdout).toContain(
      'eth0: flags=0<>  mtu 0\n        unspec 00-00-00-00-00-00-00-00-00-00-00-00-00-00-00-00  (UNSPEC)\n',
    );
  });
});

describe('non-ASCII names', () => {
  it('finds the sysfs directory of a UTF-8 interface name', async () => {
    const name = Buffer.from('ü0', 'utf8').toString('latin1');
    const root = makeRoot({
      '/proc/net/dev': Buffer.concat([Buffer.from(HEAD), Buffer.from(' ü0: 1 2\n', 'utf8')]),
      ...sys({ ü0: { flags: 0x1003, operstate: 'up', mtu: 1500, type: 1 } }),
    });
    const r = await run(root, {});
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')[2]!.startsWith(`${name}              1500        2`)).toBe(true);
  });
});
