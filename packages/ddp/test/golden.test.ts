/** Golden tests against output captured from the real net-tools 2.10 (fixtures/*​/expected): byte for byte. */
import { createContext } from '@netstat-ts/core';
import { fixtureCases, goldenFixtures, runPlanFor, writeSections } from '@netstat-ts/test-support';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

for (const fixture of goldenFixtures((d) => /^(genproc-|ddp-)/.test(d))) {
  // Routing cases whose first family is DDP; a later family is only reached when DDP succeeds.
  // A fixture without one (e.g. ddp-sockets-absent, a socket-listing case) gets no suite here.
  const cases = fixtureCases(fixture).flatMap((c) => {
    const plan = runPlanFor(c.line);
    return plan?.mode === 'route' && plan.options.familyList[0] === 'ddp' ? [{ c, o: plan.options }] : [];
  });
  if (cases.length === 0) continue;
  describe(`golden ${fixture}`, () => {
    for (const { c, o } of cases) {
      it(`netstat ${c.line}`, async () => {
        const got = writeSections(await plugin.routes!(createContext({ root: c.root, options: o }), 'ddp'));
        if (o.familyList.length > 1 && got.status === 0) {
          expect(c.stdout.startsWith(got.stdout)).toBe(true);
          return;
        }
        expect(got).toEqual({ stdout: c.stdout, stderr: c.stderr, status: c.status });
      });
    }
  });
}
