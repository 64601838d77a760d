import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CollectingSink } from '@netstat-ts/core';
import { makeRoot } from '@netstat-ts/test-support';
import { describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { FIXTURES, runCli } from './fixtures.js';

const BIN = resolve(__dirname, '../dist/cli.cjs');
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

  it('refuses a plugin that loads but is not one, naming the file and the reason', async () => {
    const bad = await runCli(['-A', 'inet', '--plugin', join(FIXTURES, 'plugins/bad-plugin/index.mjs')]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(
      /^netstat: plugin '.*bad-plugin\/index\.mjs' loaded, but it is not a plugin: unsupported apiVersion 2 \(expected 1\)\.\n$/,
    );
  });

  describe('finds plugins as a third party installs them', () => {
    const demoSrc = readFileSync(join(FIXTURES, 'plugins/netstat-family-demo/index.mjs'));
    const root = makeRoot({ '/proc/net/demo': 'Name\nalpha\n' });
    // A user's project with the plugin installed, and a global node_modules elsewhere.
    const project = mkdtempSync(join(tmpdir(), 'packaging-project-'));
    const install = (dir: string, name: string, files: Record<string, string | Buffer>) => {
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        join(dir, 'package.json'),
        JSON.stringify({ name, type: 'module', exports: { '.': { import: './index.mjs' } } }),
      );
      for (const [f, c] of Object.entries(files)) writeFileSync(join(dir, f), c);
    };
    install(join(project, 'node_modules', 'netstat-family-demo'), 'netstat-family-demo', {
      'index.mjs': demoSrc,
    });
    install(join(project, 'node_modules', 'netstat-family-broken'), 'netstat-family-broken', {
      'index.mjs': "import 'no-such-dependency-anywhere';\nexport default {};\n",
    });
    const globalDir = mkdtempSync(join(tmpdir(), 'packaging-global-'));
    install(join(globalDir, '@acme', 'netstat-x'), '@acme/netstat-x', { 'index.mjs': demoSrc });
    writeFileSync(join(project, 'plugin.mjs'), demoSrc);
    const sub = join(project, 'src');
    mkdirSync(sub);
    const io = { cwd: sub, globalModules: [globalDir] };
    const demo = async (argv: string[], env: Record<string, string> = {}) => {
      const r = await runCli(['-A', 'demo', ...argv], { NETSTAT_ROOT: root, ...env }, io);
      return { ...r, out: r.stdout.toString() };
    };

    it('a relative path resolves against the current directory', async () => {
      const r = await demo(['--plugin', '../plugin.mjs']);
      expect([r.stderr, r.out, r.status]).toEqual(['', 'Active DEMO sockets\nName\nalpha\n', 0]);
      expect((await demo([], { NETSTAT_PLUGINS: '../plugin.mjs' })).out).toContain('alpha');
    });

    it('a package name (or short name) is found in node_modules from the current directory up', async () => {
      expect((await demo(['--plugin', 'netstat-family-demo'])).out).toContain('alpha');
      expect((await demo(['--plugin', 'demo'])).out).toContain('alpha');
      expect((await demo([], { NETSTAT_PLUGINS: 'demo' })).out).toContain('alpha');
    });

    it('then in the global node_modules', async () => {
      expect((await demo(['--plugin', '@acme/netstat-x'])).out).toContain('alpha');
    });

    it('says "not found", "found but failed to load (reason)" precisely', async () => {
      const missing = await runCli(['--plugin', 'nosuchfamily'], {}, io);
      expect(missing.status).toBe(1);
      expect(missing.stderr).toBe(
        `netstat: cannot load plugin 'nosuchfamily': not found: no package netstat-family-nosuchfamily in node_modules from ${sub} up, next to netstat, or in ${globalDir} (install it, or give a path).\n`,
      );
      const noFile = await runCli(['--plugin', './nope.mjs'], {}, io);
      expect(noFile.stderr).toBe(
        `netstat: cannot load plugin './nope.mjs': not found: no file ${join(sub, 'nope.mjs')}.\n`,
      );
      const broken = await runCli(['--plugin', 'broken'], {}, io);
      expect(broken.status).toBe(1);
      expect(broken.stderr).toMatch(
        new RegExp(
          `^netstat: cannot load plugin 'broken': found at ${join(project, 'node_modules', 'netstat-family-broken')}, but it failed to load: Cannot find package 'no-such-dependency-anywhere'`,
        ),
      );
    });
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
