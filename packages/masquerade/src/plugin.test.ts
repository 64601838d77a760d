import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChunkedOutput, CollectingSink, createContext, type NetstatOptions } from '@netstat-ts/core';
import { makeRoot, pluginContract, underReadCap } from '@netstat-ts/core/testing';
import { describe, expect, it } from 'vitest';
import plugin from './plugin.js';

const FILE =
  'Prc FromIP FPrt ToIP TPrt Masq Init-seq Delta PDelta Expires\nTCP C0A80002:0400 0A000001:0016 F000 0001E240 5 -3 15012\n';

pluginContract({
  plugin,
  malformed: { '/proc/net/ip_masquerade': 'PDelta\nTCP C0A80002:0400 0A000001\n' },
});

async function run(root: string, options: Partial<NetstatOptions> = {}, pass = 0) {
  const ctx = { ...createContext({ root, options }), pass };
  const o = new CollectingSink();
  const e = new CollectingSink();
  const out = new ChunkedOutput(o, e);
  const sections = await plugin.masquerade!(ctx);
  for (const s of sections) s.write(out);
  out.flush();
  return { stdout: o.text(), stderr: e.text(), status: sections.at(-1)!.status, sections };
}

describe('masquerade plugin', () => {
  it('streams the file: a Host that refuses files over 64 bytes prints the same', async () => {
    const line = FILE.split('\n')[1]!;
    const root = makeRoot({ '/proc/net/ip_masquerade': `${FILE}${`${line}\n`.repeat(40)}` });
    const bad = makeRoot({
      '/proc/net/ip_masquerade': `${FILE}${`${line}\n`.repeat(40)}FOO 1:2 3:4 5 6 7 8 9\n`,
    });
    const o = { numericHosts: true, numericPorts: true, extend: 2 };
    const { normal, capped } = await underReadCap(root, o, plugin.masquerade!);
    expect(capped).toEqual(normal);
    expect(normal.rows[0]).toHaveLength(41);
    expect(normal.stdout.split('\n')).toHaveLength(44);
    const e = await underReadCap(bad, o, plugin.masquerade!);
    expect(e.capped).toEqual(e.normal);
    expect([e.normal.stdout, e.normal.stderr, e.normal.status]).toEqual([
      '',
      "masq_info.c: Internal Error `ip_masquerade unknown type'.\n",
      255,
    ]);
  });

  it('missing file: no support message, status 1', async () => {
    const r = await run(makeRoot({}));
    expect([r.stdout, r.stderr, r.status]).toEqual([
      '',
      "netstat: no support for `ip_masquerade' on this system.\n",
      1,
    ]);
    expect(r.sections[0]!.table!.present).toBe(false);
  });

  it('other open errors: perror and status 255', async () => {
    const root = mkdtempSync(join(tmpdir(), 'masq-'));
    writeFileSync(join(root, 'proc'), 'not a directory');
    const r = await run(root);
    expect(r.stderr).toBe('/proc/net/ip_masquerade: Not a directory\n');
    expect(r.status).toBe(255);
  });

  it('a directory reads like an empty file', async () => {
    const r = await run(makeRoot({ '/proc/net/ip_masquerade/x': '' }));
    expect(r.stderr).toBe("masq_info: Internal Error `fgets() failed'.\n");
    expect(r.status).toBe(255);
  });

  it('prints the same table on every -c pass, and nothing without entries', async () => {
    const root = makeRoot({ '/proc/net/ip_masquerade': FILE });
    const want =
      'IP masquerading entries\nprot   expire    initseq delta prevd source               destination          ports\n' +
      'tcp   2:30.12     123456     5    -3 192.168.0.2          10.0.0.1             1024 -> 22 (61440)\n';
    const opts = { numericHosts: true, numericPorts: true, extend: 2 };
    expect((await run(root, opts, 0)).stdout).toBe(want);
    expect((await run(root, opts, 3)).stdout).toBe(want);
    const empty = await run(makeRoot({ '/proc/net/ip_masquerade': 'PDelta\n' }));
    expect([empty.stdout, empty.stderr, empty.status]).toEqual(['', '', 0]);
  });

  it('rows are JSON with raw values and names side by side', async () => {
    const r = await run(makeRoot({ '/proc/net/ip_masquerade': FILE }));
    const row = JSON.parse(JSON.stringify(r.sections[0]!.table!.rows[0]));
    expect(row).toMatchObject({
      protocol: 'tcp',
      source: 0xc0a80002,
      sourceAddress: '192.168.0.2',
      sourceHost: '192.168.0.2',
      sourcePort: 1024,
      destinationService: '22',
      expire: '  2:30.12',
    });
  });
});
