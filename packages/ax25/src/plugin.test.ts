import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChunkedOutput, CollectingSink, createContext, type NetstatOptions } from '@netstat-ts/core';
import { makeRoot, pluginContract, underReadCap } from '@netstat-ts/core/testing';
import { describe, expect, it } from 'vitest';
import plugin from './plugin.js';

pluginContract({
  plugin,
  options: { all: true },
  routeFamily: 'ax25',
  malformed: { '/proc/net/ax25': 'garbage\nff ax0 A B 3 1 2\n' },
});

async function run(files: Record<string, string>, options: Partial<NetstatOptions>, route = false) {
  const ctx = createContext({ root: makeRoot(files), options });
  const o = new CollectingSink();
  const e = new CollectingSink();
  const out = new ChunkedOutput(o, e);
  const sections = route ? await plugin.routes!(ctx, 'ax25') : await plugin.sockets!(ctx);
  for (const s of sections) s.write(out);
  out.flush();
  return { stdout: o.text(), stderr: e.text(), status: sections.at(-1)!.status, sections };
}

describe('ax25 plugin', () => {
  it('has the families and meta of the brief', () => {
    expect(plugin.meta).toEqual({ name: '@netstat-ts/ax25', version: '0.1.0' });
    expect(plugin.families).toEqual({ ax25: { title: 'AMPR AX.25' } });
  });

  it('prints ESYSNOT without header when the file is missing and ax25 was asked for', async () => {
    const r = await run({}, { families: new Set(['ax25']), flagArg: 1 });
    expect(r).toMatchObject({
      stdout: '',
      stderr: "netstat: no support for `AF AX25' on this system.\n",
      status: 1,
    });
    const quiet = await run({}, {});
    expect(quiet).toMatchObject({ stdout: '', stderr: '', status: 0 });
  });

  it('gives 255 and a perror for other open errors', async () => {
    const r = await run({ '/proc/net/ax25/x': '' }, { flagArg: 1 });
    expect(r.stdout).toBe(
      'Active AX.25 sockets\nDest       Source     Device  State        Vr/Vs    Send-Q  Recv-Q\n',
    );
    const root = makeRoot({});
    rmSync(join(root, 'proc/net'), { recursive: true });
    writeFileSync(join(root, 'proc/net'), 'file');
    const ctx = createContext({ root, options: { flagArg: 1 } });
    const [s] = await plugin.sockets!(ctx);
    const e = new CollectingSink();
    const out = new ChunkedOutput(new CollectingSink(), e);
    s!.write(out);
    const notDir = { status: s!.status, stderr: e.text() };
    expect(notDir.status).toBe(255);
    expect(notDir.stderr).toBe('/proc/net/ax25: Not a directory\n');
  });

  it('puts problem lines on stdout between rows, in file order', async () => {
    const r = await run({ '/proc/net/ax25': 'bad\nff ax0 A B 3 1 2\nbad again\n' }, {});
    expect(r.stdout.split('\n').slice(2)).toEqual([
      'problem reading data from /proc/net/ax25',
      'B          A          ax0     ESTABLISHED  002/001  0       0     ',
      'problem reading data from /proc/net/ax25',
      '',
    ]);
    expect(r.sections[0]!.table!.diagnostics).toHaveLength(2);
    expect(r.sections[0]!.table!.rows).toHaveLength(1);
  });

  it('reports a missing routing table like 2.10', async () => {
    const r = await run({}, {}, true);
    expect(r).toMatchObject({
      stdout: 'AX.25 not configured in this system.\n',
      stderr: '/proc/net/ax25_route: No such file or directory\n',
      status: 1,
    });
    expect(await plugin.routes!(createContext({ root: makeRoot({}) }), 'rose')).toEqual([]);
  });

  it('streams both files: a Host that refuses files over 64 bytes prints the same', async () => {
    const sockets = `bad\n${'ff ax0 A B 3 1 2\n'.repeat(40)}bad again\n`;
    const routes = `callsign  dev  mode digipeaters\n${'N0CALL    ax0  *\n'.repeat(40)}`;
    const root = makeRoot({ '/proc/net/ax25': sockets, '/proc/net/ax25_route': routes });
    for (const call of [
      plugin.sockets!,
      (c: Parameters<typeof plugin.sockets>[0]) => plugin.routes!(c, 'ax25'),
    ]) {
      const { normal, capped } = await underReadCap(root, { all: true }, call);
      expect(capped).toEqual(normal);
      expect(normal.rows[0]).toHaveLength(40);
      expect(normal.stdout.split('\n').length).toBeGreaterThan(40);
    }
  });
});
