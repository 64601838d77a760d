import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CollectingSink } from '@netstat-ts/core';
import { makeRoot } from '@netstat-ts/core/testing';
import { describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { FIXTURES, runCli } from './fixtures.js';

const BIN = resolve(__dirname, '../dist/cli.js');
const S1 = join(FIXTURES, 'genproc-s1/root');

describe('netstat CLI behaviour', () => {
  it('-c repeats each pass until interrupted, then ends cleanly with status 0', async () => {
    const stdout = new CollectingSink();
    const ac = new AbortController();
    let passes = 0;
    const status = await main(['-xc'], {
      stdout,
      stderr: new CollectingSink(),
      env: { NETSTAT_ROOT: S1 },
      signal: ac.signal,
      sleep: async () => {
        if (++passes === 2) ac.abort();
      },
    });
    expect(status).toBe(0);
    expect(stdout.text().match(/^Active UNIX domain sockets/gm)).toHaveLength(2);
  });

  it('--json prints one document with the same rows as the text table', async () => {
    const text = await runCli(['-xa'], { NETSTAT_ROOT: S1 });
    const json = await runCli(['-xa', '--json'], { NETSTAT_ROOT: S1 });
    expect(json.status).toBe(0);
    const doc = JSON.parse(json.stdout.toString('utf8'));
    expect(doc.schema).toBe('netstat-ts/v1');
    expect(doc.mode).toBe('sockets');
    const unix = doc.tables.find((t: { family: string }) => t.family === 'unix');
    expect(unix.present).toBe(true);
    const textRows = text.stdout
      .toString('latin1')
      .split('\n')
      .filter((l) => /^(unix|\?\?) /.test(l));
    expect(unix.rows).toHaveLength(textRows.length);
  });

  it('--root pointing nowhere fails clearly', async () => {
    const r = await runCli(['-tan', '--root', '/nonexistent/root']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("netstat: cannot use root '/nonexistent/root': not a directory.\n");
  });

  it('loads a third-party family plugin with --plugin and serves -A with its family', async () => {
    const root = makeRoot({ '/proc/net/demo': 'Name\nalpha\nbeta\n' });
    const r = await runCli(
      ['-A', 'demo', '--plugin', join(FIXTURES, 'plugins/netstat-family-demo/index.mjs')],
      {
        NETSTAT_ROOT: root,
      },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout.toString()).toBe('Active DEMO sockets\nName\nalpha\nbeta\n');
    expect(r.status).toBe(0);
    const alias = await runCli(['-A', 'dm'], {
      NETSTAT_ROOT: root,
      NETSTAT_PLUGINS: join(FIXTURES, 'plugins/netstat-family-demo/index.mjs'),
    });
    expect(alias.stdout.toString()).toContain('alpha');
  });

  it('refuses a malformed or missing plugin with a message and status 1', async () => {
    const bad = await runCli(['-A', 'inet', '--plugin', join(FIXTURES, 'plugins/bad-plugin/index.mjs')]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(
      /^netstat: plugin '.*bad-plugin\/index\.mjs' is not usable: unsupported apiVersion 2/,
    );
    const missing = await runCli(['--plugin', 'nosuchfamily']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe(
      "netstat: cannot load plugin 'nosuchfamily': not found (install it, or give a path).\n",
    );
  });

  it.runIf(existsSync(BIN))('a closed stdout pipe ends quietly by SIGPIPE (141), as 2.10 does', () => {
    // 60 000 UNIX sockets: far more than a pipe buffer holds.
    const lines = ['Num       RefCount Protocol Flags    Type St Inode Path'];
    for (let i = 0; i < 60000; i++)
      lines.push(`0000000000000000: 00000002 00000000 00010000 0001 01 ${10000 + i} /run/s${i}`);
    const root = makeRoot({ '/proc/net/unix': `${lines.join('\n')}\n` });
    const r = spawnSync('bash', ['-c', `set -o pipefail; node ${BIN} -xa | head -1`], {
      env: { ...process.env, NETSTAT_ROOT: root },
      encoding: 'utf8',
    });
    expect(r.stdout).toBe('Active UNIX domain sockets (servers and established)\n');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(141);
  });
});
