import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChunkedOutput, CollectingSink, createContext, type Section } from '@netstat-ts/core';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { optionsFor } from './args.js';

const fixtures = join(__dirname, '../../../fixtures');

async function run(root: string, args: string[]) {
  const options = optionsFor(args)!;
  const ctx = createContext({ root, options });
  const o = new CollectingSink();
  const e = new CollectingSink();
  const out = new ChunkedOutput(o, e);
  const sections: Section[] = options.route ? await plugin.routes!(ctx, 'x25') : await plugin.sockets!(ctx);
  let status = 0;
  for (const s of sections) {
    s.write(out);
    if (s.status !== 0) {
      status = s.status;
      break;
    }
  }
  out.flush();
  return { stdout: o.text(), stderr: e.text(), status };
}

/** The X.25 block of a default listing: from its title to the next block's title. */
function x25Block(text: string): string | null {
  const at = text.indexOf('Active X.25 sockets\n');
  if (at < 0) return null;
  const next = text.indexOf('\nActive ', at + 1);
  return next < 0 ? text.slice(at) : text.slice(at, next + 1);
}

const dirs = existsSync(fixtures)
  ? readdirSync(fixtures).filter(
      (d) => /^(genproc-|x25-)/.test(d) && existsSync(join(fixtures, d, 'expected')),
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
      const read = (ext: string) => readFileSync(join(expected, `${slug}.${ext}`), 'latin1');
      const o = optionsFor(args);
      if (!o) continue;
      const onlyX25 = o.flagArg === 1 && o.families.has('x25') && o.familyList.every((x) => x === 'x25');
      if (onlyX25) {
        it(`netstat ${line}`, async () => {
          const got = await run(root, args);
          expect(got.stdout).toBe(read('out'));
          expect(got.stderr).toBe(read('err'));
          expect(String(got.status)).toBe(read('code').trim());
        });
      } else if (!o.route && o.flagArg === 0 && o.families.size === 0) {
        const want = x25Block(read('out'));
        if (want === null) continue;
        it(`X.25 block of netstat ${line}`, async () => {
          const got = await run(root, args);
          expect(got.stdout).toBe(want);
          expect(got.status).toBe(0);
        });
      }
    }
  });
}
