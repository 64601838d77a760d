import { ChunkedOutput, CollectingSink, createContext, type NetstatOptions } from '@netstat-ts/core';
import { makeRoot, pluginContract, underReadCap } from '@netstat-ts/core/testing';
import { describe, expect, it } from 'vitest';
import plugin from './plugin.js';

pluginContract({
  plugin,
  options: { all: true },
  routeFamily: 'rose',
  malformed: { '/proc/net/rose': 'header\ngarbage\n' },
});

async function run(files: Record<string, string>, options: Partial<NetstatOptions>, route = false) {
  const ctx = createContext({ root: makeRoot(files), options });
  const o = new CollectingSink();
  const e = new CollectingSink();
  const out = new ChunkedOutput(o, e);
  const sections = route ? await plugin.routes!(ctx, 'rose') : await plugin.sockets!(ctx);
  for (const s of sections) s.write(out);
  out.flush();
  return { stdout: o.text(), stderr: e.text(), status: sections.at(-1)!.status, sections };
}

describe('rose plugin', () => {
  it('has the families and meta of the brief', () => {
    expect(plugin.meta).toEqual({ name: '@netstat-ts/rose', version: '0.1.0' });
    expect(plugin.families).toEqual({ rose: { title: 'AMPR ROSE' } });
  });

  it('prints ESYSNOT without header when /proc/net/rose is missing and rose was asked for', async () => {
    const r = await run({}, { families: new Set(['rose']), flagArg: 1 });
    expect(r).toMatchObject({
      stdout: '',
      stderr: "netstat: no support for `AF ROSE' on this system.\n",
      status: 1,
    });
  });

  it('reports a missing rose_nodes on stderr, status 1', async () => {
    const r = await run({ '/proc/net/rose_neigh': 'h\n' }, {}, true);
    expect(r).toMatchObject({
      stdout: '',
      stderr: '/proc/net/rose_nodes: No such file or directory\nROSE not configured in this system.\n',
      status: 1,
    });
  });

  it('reports a missing rose_neigh the same way (2.10 crashes with SIGSEGV, spec §11.3)', async () => {
    const r = await run({ '/proc/net/rose_nodes': 'h\n2080175520 0010 1 00001\n' }, {}, true);
    expect(r).toMatchObject({
      stdout: '',
      stderr: '/proc/net/rose_neigh: No such file or directory\nROSE not configured in this system.\n',
      status: 1,
    });
    expect(await plugin.routes!(createContext({ root: makeRoot({}) }), 'ax25')).toEqual([]);
  });

  it('streams every file: a Host that refuses files over 64 bytes prints the same', async () => {
    const line =
      '2080175521 G4ABC     2080175520 G8BPQ-1   rose0 001 00001  3  0  0  0    0/0   0/200   0/180   0/180   0/0   0/0     0     0 1235\n';
    const sockets = `h\nbad\n${line.repeat(40)}1 2 3 4 5 FFF 7 1\n`;
    const nodes = `address    mask n neigh neigh neigh\n${'2080175520 0010 2 00001 00002\n'.repeat(40)}2080175521 0010 1 00009\n`;
    const neigh =
      'addr  callsign  dev  count use mode restart  t0  tf digipeaters\n' +
      '00001 G8BPQ-1   ax0      1   2  DTE      no 130 214\n00002 G4ABC     ax1      1   2  DTE      no 130 214\n00002 TWICE     rose12   1\n';
    const root = makeRoot({
      '/proc/net/rose': sockets,
      '/proc/net/rose_nodes': nodes,
      '/proc/net/rose_neigh': neigh,
    });
    for (const call of [
      plugin.sockets,
      (c: Parameters<typeof plugin.sockets>[0]) => plugin.routes(c, 'rose'),
    ]) {
      const { normal, capped } = await underReadCap(root, { all: true }, call);
      expect(capped).toEqual(normal);
      expect(normal.rows[0]!.length).toBeGreaterThanOrEqual(40);
      expect(normal.stdout.split('\n').length).toBeGreaterThan(40);
      expect(normal.stderr).toBe('');
    }
    const routes = await underReadCap(root, {}, (c) => plugin.routes(c, 'rose'));
    expect(routes.capped.stdout.split('\n').slice(2, 3)).toEqual([
      '2080175520   00001  G8BPQ-1      ax0  00002  G4ABC        ax1  TWICE        rose1',
    ]);
    expect(routes.capped.stdout.endsWith('2080175521   00009  \n')).toBe(true);
    const socks = await underReadCap(root, {}, plugin.sockets);
    const text = socks.capped.stdout.split('\n');
    expect(text[2]).toBe('Problem reading data from /proc/net/rose');
    expect(text.at(-2)).toBe('Problem reading data from /proc/net/rose');
    expect(text.filter((l) => l.startsWith('2080175521 '))).toHaveLength(40);
  });
});
