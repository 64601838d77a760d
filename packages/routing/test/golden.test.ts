import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChunkedOutput, CollectingSink, createContext } from '@netstat-ts/core';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { optionsFor } from './args.js';

const fixtures = join(__dirname, '../../../fixtures');

/** Runs `netstat -r` the way the CLI does: once per -A element (default inet), stopping on a status. */
export async function runRoutes(root: string, args: string[]) {
  const options = optionsFor(args);
  const ctx = createContext({ root, options });
  const o = new CollectingSink();
  const e = new CollectingSink();
  const out = new ChunkedOutput(o, e);
  let status = 0;
  const families = options.familyList.length ? options.familyList : ['inet'];
  outer: for (const fam of families) {
    for (const s of await plugin.routes!(ctx, fam)) {
      s.write(out);
      if (s.status !== 0) {
        status = s.status;
        break outer;
      }
    }
  }
  out.flush();
  return { stdout: o.text(), stderr: e.text(), status };
}

const dirs = existsSync(fixtures)
  ? readdirSync(fixtures).filter(
      (d) => /^(genproc-|routing-)/.test(d) && existsSync(join(fixtures, d, 'expected')),
    )
  : [];

for (const dir of dirs) {
  describe(`golden ${dir}`, () => {
    const expected = join(fixtures, dir, 'expected');
    const root = join(fixtures, dir, 'root');
    for (const f of readdirSync(expected).filter((x) => x.endsWith('.args'))) {
      const slug = f.slice(0, -5);
      const line = readFileSync(join(expected, f), 'latin1').trim();
      const args = line.split(/\s+/);
      if (/s/.test(line.split(' ')[0]!) || !/^-r[a-zA-Z]*( -6| -A (inet|inet6)(,inet6?)*)?$/.test(line))
        continue;
      it(`netstat ${line}`, async () => {
        const got = await runRoutes(root, args);
        expect(got.stdout).toBe(readFileSync(join(expected, `${slug}.out`), 'latin1'));
        expect(got.stderr).toBe(readFileSync(join(expected, `${slug}.err`), 'latin1'));
        expect(String(got.status)).toBe(readFileSync(join(expected, `${slug}.code`), 'latin1').trim());
      });
    }
  });
}
