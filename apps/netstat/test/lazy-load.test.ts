import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadedPackages } from '../src/registry.js';
import { FIXTURES, runCli } from './fixtures.js';

// Runs in its own file so the module registry starts empty.
describe('family packages are imported only when a command needs them', () => {
  it('netstat -x never loads the inet package', async () => {
    const r = await runCli(['-xa'], { NETSTAT_ROOT: `${FIXTURES}/genproc-s1/root` });
    expect(r.status).toBe(0);
    expect([...loadedPackages()]).toEqual(['@netstat-ts/unix']);
  });

  it('netstat -V loads nothing beyond the CLI', async () => {
    const before = loadedPackages().size;
    await runCli(['-V']);
    expect(loadedPackages().size).toBe(before);
  });
});

describe('-Z: the parse asks the root whether SELinux is on (main() loads core for that only)', () => {
  it('answers from the root: an error without /sys/fs/selinux/enforce, the table with it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'netstat-ts-selinux-'));
    try {
      cpSync(`${FIXTURES}/genproc-s1/root`, root, { recursive: true });
      const without = await runCli(['-tnZ'], { NETSTAT_ROOT: root });
      expect(without).toMatchObject({ status: 1, stderr: 'SELinux is not enabled on this machine.\n' });
      mkdirSync(join(root, 'sys/fs/selinux'), { recursive: true });
      writeFileSync(join(root, 'sys/fs/selinux/enforce'), '1\n');
      const withIt = await runCli(['-tnZ'], { NETSTAT_ROOT: root });
      expect(withIt.status).toBe(0);
      expect(Buffer.from(withIt.stdout).toString('latin1')).toMatch(
        /^Active Internet connections.*\n.*Security Context/,
      );
      // -V ends the parse before -Z is read: nothing is asked.
      expect((await runCli(['-V', '-Z'], { NETSTAT_ROOT: root })).status).toBe(0);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
