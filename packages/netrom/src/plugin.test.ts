import { ChunkedOutput, CollectingSink, createContext, type NetstatOptions } from '@netstat-ts/core';
import { makeRoot, pluginContract, underReadCap } from '@netstat-ts/core/testing';
import { describe, expect, it } from 'vitest';
import plugin from './plugin.js';

pluginContract({
  plugin,
  options: { all: true },
  routeFamily: 'netrom',
  malformed: { '/proc/net/nr': 'header\ngarbage\n' },
});

async function run(files: Record<string, string>, options: Partial<NetstatOptions>, route = false) {
  const ctx = createContext({ root: makeRoot(files), options });
  const o = new CollectingSink();
  const e = new CollectingSink();
  const out = new ChunkedOutput(o, e);
  const sections = route ? await plugin.routes!(ctx, 'netrom') : await plugin.sockets!(ctx);
  for (const s of sections) s.write(out);
  out.flush();
  return { stdout: o.text(), stderr: e.text(), status: sections.at(-1)!.status, sections };
}

describe('netrom plugin', () => {
  it('has the families and meta of the brief', () => {
    expect(plugin.meta).toEqual({ name: '@netstat-ts/netrom', version: '0.1.0' });
    expect(plugin.families).toEqual({ netrom: { title: 'AMPR NET/ROM' } });
  });

  it('prints ESYSNOT without header when /proc/net/nr is missing and netrom was asked for', async () => {
    const r = await run({}, { families: new Set(['netrom']), flagArg: 1 });
    expect(r).toMatchObject({
      stdout: '',
      stderr: "netstat: no support for `AF NETROM' on this system.\n",
      status: 1,
    });
    expect(await run({}, { verbose: 1 })).toMatchObject({
      stderr: "netstat: no support for `AF NETROM' on this system.\n",
      status: 0,
    });
  });

  it('reports each missing routing file', async () => {
    const both = await run({}, {}, true);
    expect(both).toMatchObject({
      stdout: 'NET/ROM not configured in this system.\n',
      stderr:
        '/proc/net/nr_nodes: No such file or directory\n/proc/net/nr_neigh: No such file or directory\n',
      status: 1,
    });
    const one = await run({ '/proc/net/nr_neigh': 'h\n' }, {}, true);
    expect(one.stderr).toBe('/proc/net/nr_nodes: No such file or directory\n');
    expect(await plugin.routes!(createContext({ root: makeRoot({}) }), 'ax25')).toEqual([]);
  });

  it('keeps problem lines in file order on stdout', async () => {
    const line =
      'G8BPQ     *         G8BPQ-2   nr0  01/02 03/04  0   0   0   0   0/120  0/05   0/180   0/900  0/03   4     0     0 100';
    const r = await run({ '/proc/net/nr': `h\nbad\n${line}\n` }, {});
    expect(r.stdout.split('\n').slice(2, 4)).toEqual([
      'Problem reading data from /proc/net/nr',
      'G8BPQ      *          G8BPQ-2    nr0     LISTENING    000/000  0       0     ',
    ]);
  });

  it('streams every file: a Host that refuses files over 64 bytes prints the same', async () => {
    const line =
      'G8BPQ     *         G8BPQ-2   nr0  01/02 03/04  0   0   0   0   0/120  0/05   0/180   0/900  0/03   4     0     0 100\n';
    const sockets = `h\nbad\n${line.repeat(40)}bad again\n`;
    const nodes = `callsign  mnemonic w n qual obs neigh\n${'GB7XYZ-7  XYZ      2 2  200   6 00001  150   5 00002\n'.repeat(40)}NOPE      NONE     1 1  100   6 00077\n`;
    const neigh = `addr  callsign  dev  qual lock count failed digipeaters\n${'00002 G8BPQ-1   ax0   200    0     2      0\n00002 OTHER     ax1   1 0 0 0\n'.repeat(20)}`;
    const root = makeRoot({
      '/proc/net/nr': sockets,
      '/proc/net/nr_nodes': nodes,
      '/proc/net/nr_neigh': neigh,
    });
    for (const call of [
      plugin.sockets,
      (c: Parameters<typeof plugin.sockets>[0]) => plugin.routes(c, 'netrom'),
    ]) {
      const { normal, capped } = await underReadCap(root, { all: true }, call);
      expect(capped).toEqual(normal);
      expect(normal.rows[0]!.length).toBeGreaterThanOrEqual(40);
      expect(normal.stdout.split('\n').length).toBeGreaterThan(40);
      expect(normal.stderr).toBe('');
    }
    const routes = await underReadCap(root, {}, (c) => plugin.routes(c, 'netrom'));
    expect(routes.capped.stdout.split('\n').slice(2, 4)).toEqual([
      'GB7XYZ-7     XYZ       150      G8BPQ-1    ax0 ',
      'GB7XYZ-7     XYZ       150      G8BPQ-1    ax0 ',
    ]);
    expect(routes.capped.stdout.endsWith('NOPE         NONE      ')).toBe(true);
    const socks = await underReadCap(root, {}, plugin.sockets);
    expect(socks.capped.stdout.split('\n').slice(2, 4)).toEqual([
      'Problem reading data from /proc/net/nr',
      'G8BPQ      *          G8BPQ-2    nr0     LISTENING    000/000  0       0     ',
    ]);
    expect(socks.capped.stdout.split('\n').at(-2)).toBe('Problem reading data from /proc/net/nr');
  });
});
