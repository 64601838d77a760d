import { ChunkedOutput, CollectingSink, createContext, type NetstatOptions } from '@netstat-ts/core';
import { makeRoot, pluginContract, underReadCap } from '@netstat-ts/core/testing';
import { describe, expect, it } from 'vitest';
import plugin, { routeExt } from './plugin.js';

pluginContract({
  plugin,
  options: { numericHosts: true },
  routeFamily: 'inet',
  malformed: { '/proc/net/route': 'Iface\tDestination\nbogus line\n' },
});
pluginContract({ plugin, routeFamily: 'inet6' });

async function run(files: Record<string, string>, family: string, options: Partial<NetstatOptions>) {
  const ctx = createContext({ root: makeRoot(files), options });
  const o = new CollectingSink();
  const e = new CollectingSink();
  const out = new ChunkedOutput(o, e);
  const sections = await plugin.routes!(ctx, family);
  for (const s of sections) s.write(out);
  out.flush();
  return { stdout: o.text(), stderr: e.text(), statuses: sections.map((s) => s.status), sections };
}

describe('routing plugin', () => {
  it('remaps the extend counter', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(routeExt)).toEqual([2, 1, 3, 0, 1, 2, 3, 0]);
  });

  it('reports missing tables like net-tools (perror + stdout message, status 1)', async () => {
    const v4 = await run({}, 'inet', { cache: true, fib: true });
    expect(v4.stderr).toBe('/proc/net/route: No such file or directory\n');
    expect(v4.stdout).toBe('INET (IPv4) not configured in this system.\n');
    expect(v4.statuses).toEqual([1]);
    const v6 = await run({}, 'inet6', { cache: true });
    expect(v6.stdout).toBe('INET6 (IPv6) not configured in this system.\n');
  });

  it('prints only the title at ext 0 and keeps raw values and names in rows', async () => {
    const files = {
      '/proc/net/route':
        'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\neth0\t00000000\t0107A8C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n',
      '/etc/hosts': '192.168.7.1 gw\n',
      '/etc/nsswitch.conf': 'hosts: files\n',
    };
    expect((await run(files, 'inet', { extend: 4 })).stdout).toBe('Kernel IP routing table\n');
    const r = await run(files, 'inet', {});
    expect(r.sections[0]!.table!.rows[0]).toMatchObject({
      destination: '0.0.0.0',
      gateway: '192.168.7.1',
      genmask: '0.0.0.0',
      flags: 'UG',
      flagBits: 3,
      destinationName: 'default',
      gatewayName: 'gw',
    });
    expect(r.stdout.split('\n')[2]).toBe(
      'default         gw              0.0.0.0         UG        0 0          0 eth0',
    );
  });

  it('prints the rt_cache format error on stdout before the column header', async () => {
    const r = await run({ '/proc/net/rt_cache': 'Iface Destination IRTT HHRef\n' }, 'inet', {
      cache: true,
      extend: 2,
    });
    expect(r.stdout).toBe(
      'Kernel IP routing cache\nERROR: proc_guess_fmt(/proc/net/rt_cache,... returned: 37\n' +
        'Source          Destination     Gateway         Flags Metric Ref    Use Iface\n',
    );
  });

  it('streams /proc/net/ndisc: a Host that refuses files over 64 bytes prints the same', async () => {
    const line = (n: number) =>
      `fe80000000000000000000000000${n.toString(16).padStart(4, '0')} 40 00 80 02 000003e8 00000064 000001f4 0bb8 0000 0080 eth0 00 11 22 33 44 55\n`;
    // A short line keeps the address of the line before (values scanf did not convert carry over).
    const ndisc = `${Array.from({ length: 30 }, (_, i) => line(i)).join('')}zz\n`;
    const root = makeRoot({ '/proc/net/ndisc': ndisc });
    for (const extend of [0, 1]) {
      const o = { route: true, cache: true, numericHosts: true, extend };
      const { normal, capped } = await underReadCap(root, o, (ctx) => plugin.routes(ctx, 'inet6'));
      expect(capped).toEqual(normal);
      expect(normal.rows[0]).toHaveLength(31);
      expect(normal.stdout.split('\n')[0]).toBe('Kernel IPv6 Neighbour Cache');
      expect(normal.stdout.split('\n').length).toBe(34);
    }
  });
});
