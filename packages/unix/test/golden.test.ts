import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChunkedOutput, CollectingSink, createContext } from '@netstat-ts/core';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { optionsFor } from './args.js';

const fixtures = join(__dirname, '../../../fixtures');

/** Cases whose whole stdout is the UNIX block. */
const UNIX_ONLY = /^(-x[a-z]*|--unix.*|-[a-z]* -A unix)$/;

async function run(
  root: string,
  args: string[],
): Promise<{ stdout: string; stderr: string; status: number }> {
  const ctx = createContext({ root, options: optionsFor(args) });
  const o = new CollectingSink();
  const e = new CollectingSink();
  const out = new ChunkedOutput(o, e);
  let status = 0;
  for (const s of await plugin.sockets!(ctx)) {
    s.write(out);
    if (s.status !== 0) {
      status = s.status;
      break;
    }
  }
  out.flush();
  return { stdout: o.text(), stderr: e.text(), status };
}

const dirs = existsSync(fixtures)
  ? readdirSync(fixtures).filter(
      (d) => /^(genproc-|unix-)/.test(d) && existsSync(join(fixtures, d, 'expected')),
    )
  : [];

for (const dir of dirs) {
  describe(`golden ${dir}`, () => {
    const expected = join(fixtures, dir, 'expected');
    const root = join(fixtures, dir, 'root');
    for (const f of readdirSync(expected).filter((x) => x.endsWith('.args'))) {
      const slug = f.slice(0, -5);
      const line = readFileSync(join(expected, f), 'latin1').trim();
      const args = line === '(none)' || line === '' ? [] : line.split(/\s+/);
      const want = readFileSync(join(expected, `${slug}.out`), 'latin1');
      if (UNIX_ONLY.test(line) && !/^-[a-z]*[rs]/.test(line)) {
        it(`netstat ${line}`, async () => {
          const got = await run(root, args);
          expect(got.stdout).toBe(want);
          expect(String(got.status)).toBe(readFileSync(join(expected, `${slug}.code`), 'latin1').trim());
        });
      } else if (
        /^(-[anlpeoWv]+|--numeric-hosts --numeric-ports -a)?$/.test(line) &&
        want.includes('Active UNIX')
      ) {
        // Default listing: the UNIX block is the last block of stdout when no legacy family exists.
        it(`UNIX block of netstat ${line}`, async () => {
          const got = await run(root, args);
          const tail = want.slice(want.indexOf('Active UNIX domain sockets'));
          if (!/\nActive (IPX|AX\.25|X\.25|NET\/ROM|ROSE)/.test(tail)) expect(got.stdout).toBe(tail);
        });
      }
    }
  });
}
