/** Golden tests against output captured from the real net-tools 2.10 (fixtures/*​/expected): byte for byte. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChunkedOutput, CollectingSink, createContext } from '@netstat-ts/core';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { optionsFor } from './args.js';

const fixtures = join(__dirname, '../../../fixtures');

const dirs = existsSync(fixtures)
  ? readdirSync(fixtures).filter(
      (d) => /^(genproc-|ipx-|ddp-)/.test(d) && existsSync(join(fixtures, d, 'expected')),
    )
  : [];

for (const dir of dirs) {
  describe(`golden ${dir}`, () => {
    const expected = join(fixtures, dir, 'expected');
    const root = join(fixtures, dir, 'root');
    let cases = 0;
    for (const f of readdirSync(expected).filter((x) => x.endsWith('.args'))) {
      const slug = f.slice(0, -5);
      const line = readFileSync(join(expected, f), 'latin1').trim();
      const o = optionsFor(line === '(none)' ? [] : line.split(/\s+/));
      // Routing cases whose first family is DDP; a later family is only reached when DDP succeeds.
      if (o.mode !== 'sockets' || !o.route || o.familyList[0] !== 'ddp') continue;
      const read = (ext: string) => readFileSync(join(expected, `${slug}.${ext}`), 'latin1');
      cases++;
      it(`netstat ${line}`, async () => {
        const ctx = createContext({ root, options: o });
        const so = new CollectingSink();
        const se = new CollectingSink();
        const out = new ChunkedOutput(so, se);
        const sections = await plugin.routes!(ctx, 'ddp');
        for (const s of sections) s.write(out);
        out.flush();
        const status = sections.at(-1)!.status;
        if (o.familyList.length > 1 && status === 0) {
          expect(read('out').startsWith(so.text())).toBe(true);
          return;
        }
        expect({ stdout: so.text(), stderr: se.text(), status }).toEqual({
          stdout: read('out'),
          stderr: read('err'),
          status: Number(read('code').trim()),
        });
      });
    }
    if (cases === 0) it.skip('no DDP routing case in this fixture', () => {});
  });
}
