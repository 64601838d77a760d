import { ChunkedOutput, CollectingSink, createContext, type NetstatOptions } from '@netstat-ts/core';
import { makeRoot, pluginContract } from '@netstat-ts/core/testing';
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
});
