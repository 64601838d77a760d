import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from './fixtures.js';
import { referenceNetstat } from './reference.js';

// Argument texts as bytes, run through the real bin and the reference net-tools 2.10 binary
// (these cases fail before reading anything, so both see the same input).
const BIN = resolve(__dirname, '../dist/cli.cjs');
const ref = referenceNetstat();
const S1 = join(FIXTURES, 'genproc-s1/root');

/** stderr and status of `bin args` (args as raw bytes, passed through bash's $'…'). */
function run(bin: string, args: string): { err: Buffer; status: number | null } {
  // A clean environment: no BASH_ENV or shell start-up noise on stderr.
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C', NETSTAT_ROOT: S1 };
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', `${bin} ${args} >/dev/null`], { env });
  // glibc names the program as typed (argv[0]); netstat-ts says `netstat` (a documented deviation).
  const err = Buffer.from(r.stderr.toString('latin1').split(bin).join('netstat'), 'latin1');
  return { err, status: r.status };
}

const inet6s = `${'inet6,'.repeat(45)}inet6`; // 275 bytes: 2.10 keeps 255, ending in `ine`
const CASES = [
  "-A $'\\xe9'",
  "-A $'inet,\\xe9x'",
  "-n --$'\\xe9'",
  "-n -$'\\xe9'",
  `-n -A ${inet6s}`,
  `-n -A ${'inet,'.repeat(51)}inet`,
  `-n -A ${'\u00e9'.repeat(200)}`, // 400 bytes of UTF-8, cut inside a character
  `-n -A ${'ip,'.repeat(84)}ipx`,
];

describe.runIf(existsSync(BIN) && ref.bin !== null)('argument bytes and lengths, as 2.10', () => {
  it.each(CASES)('netstat %s', (args) => {
    const ours = run(BIN, args);
    const theirs = run(ref.bin!, args);
    expect(ours.err.toString('latin1')).toBe(theirs.err.toString('latin1'));
    expect(ours.status).toBe(theirs.status);
  });
});

describe('an empty root is an error, not this machine', () => {
  it('--root= and NETSTAT_ROOT= exit 1 with a message', async () => {
    const a = await runCli(['--root=', '-tan']);
    expect(a.status).toBe(1);
    expect(a.stderr).toBe("netstat: cannot use root '': --root is empty (give / for this system).\n");
    expect(a.stdout.length).toBe(0);
    const b = await runCli(['-tan'], { NETSTAT_ROOT: '' });
    expect(b.status).toBe(1);
    expect(b.stderr).toBe("netstat: cannot use root '': NETSTAT_ROOT is empty (give / for this system).\n");
  });
});
