/** Golden tests against output captured from the real net-tools 2.10 (fixtures/*​/expected): byte for byte. */
import { createContext } from '@netstat-ts/core';
import { fixtureCases, goldenFixtures, runPlanFor, writeSections } from '@netstat-ts/test-support';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

for (const fixture of goldenFixtures((d) => /^(genproc-|ddp-)/.test(d))) {
  describe(`golden ${fixture}`, () => {
    let cases = 0;
    for (const c of fixtureCases(fixture)) {
      const plan = runPlanFor(c.line);
      // Routing cases whose first family is DDP; a later family is only reached when DDP succeeds.
      if (plan?.mode !== 'route' || plan.options.familyList[0] !== 'ddp') continue;
      const o = plan.options;
      cases++;
      it(`netstat ${c.line}`, async () => {
        const got = writeSections(await plugin.routes!(createContext({ root: c.root, options: o }), 'ddp'));
        if (o.familyList.length > 1 && got.status === 0) {
          expect(c.stdout.startsWith(got.stdout)).toBe(true);
          return;
        }
        expect(got).toEqual({ stdout: c.stdout, stderr: c.stderr, status: c.status });
      });
    }
    if (cases === 0) it.skip('no DDP routing case in this fixture', () => {});
  });
}
