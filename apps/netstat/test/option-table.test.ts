import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OPTIONS } from '@netstat-ts/core/args';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderBash, renderZsh } from '../src/docs/completions.js';
import { ENVIRONMENT, EXAMPLES, FILES, readmeDeviations, renderManPage } from '../src/docs/man.js';
import { commanderFlags, helpAll, helpOptions } from '../src/help.js';
import { VERSION } from '../src/version.js';
import { FIXTURES, runCli } from './fixtures.js';

// Everything derived from the option table is checked against it here. UPDATE=1 rewrites the
// generated files (man page, completions) instead of failing.
const APP = join(dirname(fileURLToPath(import.meta.url)), '..');
const REPO = join(APP, '..', '..');
const GENERATED: [string, () => string][] = [
  [
    'man/netstat-ts.8',
    () => renderManPage(VERSION, readmeDeviations(readFileSync(join(REPO, 'README.md'), 'utf8'))),
  ],
  ['completions/netstat.bash', renderBash],
  ['completions/_netstat', renderZsh],
];

describe('files generated from the option table', () => {
  it.each(GENERATED)('%s is up to date (UPDATE=1 regenerates it)', (file, render) => {
    const path = join(APP, file);
    const text = render();
    if (process.env.UPDATE) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
    expect(existsSync(path) ? readFileSync(path, 'utf8') : '', `${file} is stale: regenerate it`).toBe(text);
  });

  it('are shipped by the CLI package, with "man" in package.json', () => {
    const pkg = JSON.parse(readFileSync(join(APP, 'package.json'), 'utf8'));
    expect(pkg.man).toEqual(['./man/netstat-ts.8']);
    expect(pkg.files).toEqual(expect.arrayContaining(['man', 'completions']));
  });
});

describe('--help-all', () => {
  it('lists exactly the options of the table that have a help line, in table order', () => {
    const text = helpAll(VERSION);
    const listed = text
      .split('\n')
      .filter((l) => /^ {2}-/.test(l))
      .map((l) => l.trim().split(/ {2,}/)[0]);
    expect(listed).toEqual(helpOptions().map(commanderFlags));
  });

  it('is written as UTF-8 (the … of -A) by the CLI', async () => {
    const r = await runCli(['--help-all']);
    expect(r.status).toBe(0);
    expect(r.stdout.toString('utf8')).toContain('x25 ddp …');
  });
});

describe('man page facts checked against the code', () => {
  const sources = () => {
    const out: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d)) {
        const p = join(d, e);
        if (e === 'node_modules' || e === 'dist' || e === 'docs') continue;
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts') && !p.endsWith('.test.ts')) out.push(readFileSync(p, 'utf8'));
      }
    };
    for (const pkg of readdirSync(join(REPO, 'packages'))) walk(join(REPO, 'packages', pkg, 'src'));
    walk(join(APP, 'src'));
    return out.join('\n');
  };

  it('FILES: every file named is read somewhere in the sources', () => {
    const src = sources();
    for (const [paths] of FILES) {
      let dir = '';
      for (const p of paths.split(', ')) {
        const full = p.startsWith('/') ? p : `${dir}/${p}`;
        dir = dirname(full);
        const base = full.replace('/proc/[pid]/', '/');
        const name = base.split('/').pop()!;
        expect(src.includes(full) || new RegExp(`\\b${name}\\b`).test(src), full).toBe(true);
      }
    }
  });

  it('ENVIRONMENT: exactly the variables the CLI reads', () => {
    const text = readdirSync(join(APP, 'src'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(join(APP, 'src', f), 'utf8'))
      .join('\n');
    const read = new Set([...text.matchAll(/env\.([A-Z_]+)/g)].map((m) => m[1]));
    expect([...read].sort()).toEqual(ENVIRONMENT.map(([n]) => n).sort());
  });

  it.each(EXAMPLES)('EXAMPLES: `%s` runs (status 0)', async (cmd) => {
    // Every example is numeric or resolves nothing: on this machine, or a snapshot for --root.
    const root = join(FIXTURES, 'live-capture', 'root');
    const args = cmd
      .split(' ')
      .slice(1)
      .map((a) => (a === '/path/to/sosreport' ? root : a));
    const r = await runCli(args);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('man -l renders it without warnings', () => {
    const r = spawnSync('man', ['--warnings', '-l', '-P', 'cat', join(APP, 'man/netstat-ts.8')], {
      encoding: 'utf8',
      env: { ...process.env, MANWIDTH: '80', LANG: 'C.UTF-8' },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    for (const s of ['OPTIONS', 'EXIT STATUS', 'FILES', 'ENVIRONMENT', 'DEVIATIONS', 'EXAMPLES'])
      expect(r.stdout).toMatch(new RegExp(`^${s}$`, 'm'));
    for (const d of OPTIONS) if (d.long) expect(r.stdout).toContain(`--${d.long}`);
  });
});

describe('shell completions', () => {
  let bin: string;
  const demo = join(FIXTURES, 'plugins', 'netstat-family-demo', 'index.mjs');
  beforeAll(() => {
    // `netstat` on PATH is this CLI (the machine's net-tools netstat may be installed too).
    bin = mkdtempSync(join(tmpdir(), 'packaging-completion-'));
    writeFileSync(join(bin, 'netstat'), `#!/bin/sh\nexec node ${join(APP, 'dist', 'cli.cjs')} "$@"\n`);
    chmodSync(join(bin, 'netstat'), 0o755);
  });
  const env = () => ({ ...process.env, PATH: `${bin}:${process.env.PATH}`, NETSTAT_PLUGINS: '' });

  const bash = (words: string[]) => {
    const script = `source ${join(APP, 'completions/netstat.bash')}
complete -p netstat >/dev/null || exit 9
COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}
_netstat_ts; printf '%s\\n' "\${COMPREPLY[@]}"`;
    return execFileSync('bash', ['--norc', '-c', script], { encoding: 'utf8', env: env() })
      .split('\n')
      .filter(Boolean);
  };

  it('bash: netstat -A i<TAB> gives inet inet6 ipx', () => {
    expect(bash(['netstat', '-A', 'i'])).toEqual(['inet', 'inet6', 'ipx']);
    expect(bash(['netstat', '-A', 'inet,u'])).toEqual(['inet,unix']);
    expect(bash(['netstat', '-Ai'])).toEqual(['-Ainet', '-Ainet6', '-Aipx']);
  });

  it('bash: a plugin’s families, options from the table, interface names for -i', () => {
    expect(bash(['netstat', '--plugin', demo, '-A', 'd'])).toEqual(['ddp', 'demo']);
    expect(bash(['netstat', '--he'])).toEqual(['--help', '--help-all']);
    const ifaces = readdirSync('/sys/class/net');
    expect(bash(['netstat', '-i', ''])).toEqual(ifaces.sort());
    const all = bash(['netstat', '-']);
    for (const d of OPTIONS) {
      if (d.short && d.short !== '?') expect(all).toContain(`-${d.short}`);
      if (d.long) expect(all).toContain(`--${d.long}`);
    }
  });

  it('zsh: the completion loads and netstat -A i<TAB> lists inet inet6 ipx', () => {
    if (spawnSync('zsh', ['--version']).status !== 0) {
      // The test set-up installs zsh when it is missing (CI runs as root with apt).
      execFileSync(
        'sh',
        // Install from the package lists the machine has first: `apt-get update` can fail (a
        // mirror's signature, no gpgv) where the install itself would not.
        [
          '-c',
          'export DEBIAN_FRONTEND=noninteractive; apt-get install -y -qq zsh || { apt-get update -qq; apt-get install -y -qq zsh; }',
        ],
        {
          stdio: 'ignore',
        },
      );
    }
    const out = zshComplete(join(APP, 'completions'), 'netstat -A i', env());
    expect(out).toEqual(['inet', 'inet6', 'ipx']);
    expect(zshComplete(join(APP, 'completions'), `netstat --plugin ${demo} -A d`, env())).toEqual([
      'ddp',
      'demo',
    ]);
    expect(zshComplete(join(APP, 'completions'), 'netstat --wi', env())).toEqual(['--wide']);
  }, 60_000);
});

/**
 * Runs zsh interactively in a pseudo-terminal (zsh/zpty), loads the completion with compinit,
 * types `line` and TAB, and returns the matches zsh offered (captured by wrapping compadd).
 */
function zshComplete(fpathDir: string, line: string, env: NodeJS.ProcessEnv): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'packaging-zsh-'));
  const out = join(dir, 'matches');
  writeFileSync(
    join(dir, '.zshrc'),
    `fpath=(${fpathDir} $fpath)
autoload -Uz compinit && compinit -u -d ${dir}/zcompdump
compadd() {
  local -a __m
  builtin compadd -O __m "$@"
  (( $#__m )) && print -rl -- $__m >> ${out}
  builtin compadd "$@"
}
PS1='READY> '
`,
  );
  const driver = `zmodload zsh/zpty
zpty -b z 'ZDOTDIR=${dir} TERM=dumb zsh -i'
zpty -r z line '*READY> *'
zpty -w -n z '${line}'$'\\t'
sleep 1
zpty -r -t z junk || true
zpty -d z
`;
  spawnSync('zsh', ['-f', '-c', driver], { env, encoding: 'utf8', timeout: 30_000 });
  const text = existsSync(out) ? readFileSync(out, 'utf8') : '';
  return [...new Set(text.split('\n').filter(Boolean))].sort();
}
