import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { codeBlocks, npm, REPO } from './workspace.js';

/**
 * The README's "Writing a family plugin" guide, followed literally in a new directory outside
 * the workspace: its files written as shown, its commands run as shown. The one liberty: the
 * netstat-ts packages are not on the registry yet, so `@netstat-ts/*` ranges and package names
 * in npm commands are pointed at the packed tarballs (and the plugin at its own `npm pack`).
 * `netstat` is the CLI installed from the tarballs in a directory of its own (not the
 * plugin's project: a global install finds plugins from the current directory).
 */

const SECTION = 'Writing a family plugin';
const readme = () => readFileSync(join(REPO, 'README.md'), 'utf8');

/** The guide's files: each code block preceded by `<!-- file: NAME -->`. */
function guideFiles(text: string): Record<string, string> {
  const start = text.indexOf(`\n## ${SECTION}\n`);
  const body = text.slice(start, text.indexOf('\n## ', start + 1));
  return Object.fromEntries(
    [...body.matchAll(/<!-- file: (\S+) -->\n```\w*\n([\s\S]*?)```/g)].map((m) => [m[1]!, m[2]!]),
  );
}

let work: string;
let plugin: string;
let cliBin: string;
const tarballs = () => {
  const packs = inject('packs');
  return new Map(
    readdirSync(packs).map((f) => {
      const pkg = JSON.parse(
        execFileSync('tar', ['xzOf', join(packs, f), 'package/package.json'], { encoding: 'utf8' }),
      );
      return [pkg.name as string, join(packs, f)];
    }),
  );
};

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'packaging-guide-'));
  // The CLI, installed as `npm install -g netstat-ts` would (in its own prefix).
  const cli = join(work, 'cli');
  mkdirSync(cli);
  writeFileSync(join(cli, 'package.json'), '{"private":true}');
  npm(['install', ...tarballs().values()], cli);
  cliBin = join(cli, 'node_modules', '.bin');
});

/** Runs one line of the guide's shell blocks in `cwd`, with `netstat` = the installed CLI. */
function sh(line: string, cwd: string) {
  return spawnSync('bash', ['-c', line], {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      PATH: `${cliBin}:${process.env.PATH}`,
      NETSTAT_PLUGINS: '',
      npm_config_update_notifier: 'false',
    },
  });
}

describe('the plugin guide, step by step', () => {
  it('writes the plugin, installs it with npm, and its contract test passes', () => {
    const files = guideFiles(readme());
    expect(Object.keys(files).sort()).toEqual(['index.mjs', 'package.json', 'plugin.test.mjs']);
    plugin = join(work, 'netstat-family-demo');
    mkdirSync(plugin);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(plugin, name), text);
    const pkg = JSON.parse(files['package.json']!);
    expect(pkg.peerDependencies['@netstat-ts/core']).toBeDefined();
    // Not published yet: the guide's @netstat-ts ranges point at the tarballs.
    const tb = tarballs();
    for (const field of ['dependencies', 'devDependencies'])
      for (const name of Object.keys(pkg[field] ?? {}))
        if (tb.has(name)) pkg[field][name] = `file:${tb.get(name)}`;
    writeFileSync(join(plugin, 'package.json'), JSON.stringify(pkg, null, 2));
    const block = codeBlocks(readme(), SECTION, 'sh')[0]!.split('\n').filter(Boolean);
    expect(block.slice(0, 2)).toEqual(['npm install', 'npm test']);
    const install = sh('npm install --prefer-offline --no-audit --no-fund --loglevel=error', plugin);
    expect(install.stderr).toBe('');
    expect(install.status).toBe(0);
    const test = sh('npm test', plugin);
    expect(test.status, test.stdout + test.stderr).toBe(0);
    // pluginContract registers 3 tests for a plugin without `malformed` files.
    const text = test.stdout.replace(/\x1b\[[0-9;]*m/g, '');
    expect(text).toMatch(/plugin\.test\.mjs \(3 tests\)/);
    expect(text).toMatch(/Tests\s+3 passed/);
  });

  it('the CLI loads it by relative path and from NETSTAT_PLUGINS', () => {
    const block = codeBlocks(readme(), SECTION, 'sh')[0]!.split('\n').filter(Boolean).slice(2);
    const results = block.map((line) => ({ line, ...sh(line, plugin) }));
    for (const r of results) {
      expect(r.stderr, r.line).toBe('');
      expect(r.status, r.line).toBe(0);
    }
    expect(results.filter((r) => r.line.includes('netstat')).map((r) => r.stdout)).toEqual([
      'Active DEMO sockets\nName\nalpha\n',
      'Active DEMO sockets\nName\nalpha\n',
    ]);
  });

  it('installed in a project, the CLI finds it by package name and short name', () => {
    const project = join(work, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), '{"private":true}');
    const packed = sh('npm pack --silent', plugin).stdout.trim().split('\n').pop()!;
    const tb = tarballs();
    // `npm install netstat-family-demo` (its peer @netstat-ts/core comes along from the tarball)
    npm(['install', join(plugin, packed), tb.get('@netstat-ts/core')!], project);
    sh('mkdir -p demo-root/proc/net && printf "Name\\nalpha\\n" > demo-root/proc/net/demo', project);
    const lines = codeBlocks(readme(), SECTION, 'sh')[1]!.split('\n').filter(Boolean);
    expect(lines.length).toBe(3);
    for (const line of lines) {
      const r = sh(line, project);
      expect(r.stderr, line).toBe('');
      expect([r.stdout, r.status], line).toEqual(['Active DEMO sockets\nName\nalpha\n', 0]);
    }
    // From the CLI's own directory the plugin is not there: the message says where it looked.
    const away = sh('netstat --plugin netstat-family-demo -A demo', work);
    expect(away.status).toBe(1);
    expect(away.stderr).toMatch(
      /^netstat: cannot load plugin 'netstat-family-demo': not found: no package netstat-family-demo in node_modules from /,
    );
  });
});
