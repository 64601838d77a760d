import { ChunkedOutput, CollectingSink, createContext, type NetstatOptions } from '@netstat-ts/core';
import { makeRoot, pluginContract } from '@netstat-ts/core/testing';
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
});
