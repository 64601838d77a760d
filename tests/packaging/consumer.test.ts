import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { codeBlocks, npm, REPO } from './workspace.js';

/**
 * What a user gets from the registry: every packed tarball installed with npm into a fresh
 * project outside the workspace (dependencies such as commander from npm's cache or the
 * registry), the README's library examples type-checked and run there, and the installed CLI
 * compared with the in-repo one.
 */

const version = (name: string) =>
  JSON.parse(readFileSync(join(REPO, 'node_modules', name, 'package.json'), 'utf8')).version as string;

let project: string;
const ROOT = join(REPO, 'fixtures', 'live-capture', 'root');

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'packaging-consumer-'));
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  const packs = inject('packs');
  const tarballs = readdirSync(packs).map((f) => join(packs, f));
  npm(
    ['install', ...tarballs, `typescript@${version('typescript')}`, `@types/node@${version('@types/node')}`],
    project,
  );
});

describe('the packed packages installed by npm in a fresh project', () => {
  it('type-check and run the README library examples', () => {
    const blocks = codeBlocks(readFileSync(join(REPO, 'README.md'), 'utf8'), 'Library', 'ts');
    expect(blocks.length).toBeGreaterThan(0);
    const src = join(project, 'src');
    mkdirSync(src, { recursive: true });
    for (const [i, b] of blocks.entries()) writeFileSync(join(src, `example${i + 1}.ts`), b);
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          types: ['node'],
          outDir: 'out',
          skipLibCheck: false,
        },
        include: ['src'],
      }),
    );
    const tsc = spawnSync(process.execPath, [join(project, 'node_modules/typescript/bin/tsc'), '-p', '.'], {
      cwd: project,
      encoding: 'utf8',
    });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
    blocks.forEach((_, i) => {
      const run = spawnSync(process.execPath, [join(project, 'out', `example${i + 1}.js`)], {
        cwd: project,
        encoding: 'utf8',
      });
      expect(run.stderr, `example ${i + 1}`).toBe('');
      expect(run.status, `example ${i + 1}`).toBe(0);
      expect(run.stdout).toMatch(/tcp sockets/);
    });
  });

  it('can be require()d (require(esm), Node >= 20.19) as well as imported', () => {
    const out = execFileSync(
      process.execPath,
      [
        '-e',
        "const i = require('@netstat-ts/inet'); const c = require('@netstat-ts/core'); console.log(typeof i.parseIpTable, i.default.apiVersion, typeof c.createContext)",
      ],
      { cwd: project, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    expect(out).toBe('function 1 function\n');
  });

  it.each([['-tulpn'], ['--json', '-tan'], ['-rn'], ['-xa'], ['-V'], ['-h'], ['--bogus']])(
    'the installed CLI prints what the in-repo CLI prints: netstat %s',
    (...args) => {
      const argv = ['--root', ROOT, ...args];
      const env = { ...process.env, NETSTAT_PLUGINS: '' };
      const installed = spawnSync(join(project, 'node_modules', '.bin', 'netstat'), argv, {
        encoding: 'latin1',
        env,
      });
      const repo = spawnSync(process.execPath, [join(REPO, 'apps/netstat/dist/cli.cjs'), ...argv], {
        encoding: 'latin1',
        env,
      });
      const strip = (s: string) => s.replace(/"time": ?"[^"]*"/, '"time":"T"');
      expect(installed.status).toBe(repo.status);
      expect(strip(installed.stdout)).toBe(strip(repo.stdout));
      expect(installed.stderr).toBe(repo.stderr);
      if (args[0] === '-tulpn') expect(installed.stdout).toMatch(/^Active Internet connections/);
    },
  );

  it('ships the man page and completions where npm puts them', () => {
    const pkg = join(project, 'node_modules', 'netstat-ts');
    expect(readFileSync(join(pkg, 'man', 'netstat-ts.8'), 'utf8')).toMatch(/^\.TH NETSTAT-TS 8/m);
    expect(readFileSync(join(pkg, 'completions', 'netstat.bash'), 'utf8')).toContain(
      'complete -F _netstat_ts netstat',
    );
  });
});
