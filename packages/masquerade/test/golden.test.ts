import { createContext } from '@netstat-ts/core';
import { fixtureCases, goldenFixtures, runPlanFor, writeSections } from '@netstat-ts/test-support';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

for (const fixture of goldenFixtures((d) => /^(genproc-|masquerade-)/.test(d))) {
  describe(`golden ${fixture}`, () => {
    for (const c of fixtureCases(fixture)) {
      // `-M` cases, with the options the real command-line parser gives their arguments.
      const plan = runPlanFor(c.line);
      if (plan?.mode !== 'masquerade') continue;
      it(`netstat ${c.line}`, async () => {
        const got = writeSections(
          await plugin.masquerade!(createContext({ root: c.root, options: plan.options })),
        );
        expect(got.stdout).toBe(c.stdout);
        expect(got.stderr).toBe(c.stderr);
        expect(got.status).toBe(c.status);
      });
    }
  });
}
