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
