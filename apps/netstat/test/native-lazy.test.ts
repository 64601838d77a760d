/**
 * `-V`, `-s` and `-tan` never load the native layer (koffi's shared object stays out of the
 * process); `-i` on the live system does (the control that shows the check can fail). Each
 * command runs in a fresh Node process that then looks for koffi in its own memory map.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from './fixtures.js';

const DIST = resolve(__dirname, '../dist/index.js');

function koffiLoadedAfter(args: string[], env: Record<string, string> = {}): boolean {
  const code = `
    const { main } = await import(${JSON.stringify(DIST)});
    const sink = { write() { return true; } };
    await main(${JSON.stringify(args)}, { stdout: sink, stderr: sink, env: ${JSON.stringify(env)}, euid: 0 });
    const maps = (await import('node:fs')).readFileSync('/proc/self/maps', 'latin1');
    process.stdout.write(/koffi/.test(maps) ? 'loaded' : 'not loaded');
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    encoding: 'latin1',
    timeout: 60_000,
  });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout === 'loaded';
}

describe.skipIf(!existsSync(DIST))('the native layer is loaded only by commands that need it', () => {
  const root = `${FIXTURES}/genproc-s1/root`;
  it.each([[['-V']], [['-s']], [['-tan']], [['-tan', '--root', root]], [['-s', '--root', root]]])(
    '%j does not load koffi',
    (args) => {
      expect(koffiLoadedAfter(args)).toBe(false);
    },
  );

  it('-i on the live system loads it; with NETSTAT_NO_NATIVE=1 it does not', () => {
    expect(koffiLoadedAfter(['-i'])).toBe(true);
    expect(koffiLoadedAfter(['-i'], { NETSTAT_NO_NATIVE: '1' })).toBe(false);
  });
});
