import { createContext, type Section } from '@netstat-ts/core';
import type { RunPlan } from '@netstat-ts/core/args';
import { fixtureCases, goldenFixtures, runPlanFor, writeSections } from '@netstat-ts/test-support';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

async function run(root: string, plan: RunPlan) {
  const ctx = createContext({ root, options: plan.options });
  const sections: Section[] =
    plan.mode === 'route' ? await plugin.routes!(ctx, 'x25') : await plugin.sockets!(ctx);
  return writeSections(sections);
}

/** The X.25 block of a default listing: from its title to the next block's title. */
function x25Block(text: string): string | null {
  const at = text.indexOf('Active X.25 sockets\n');
  if (at < 0) return null;
  const next = text.indexOf('\nActive ', at + 1);
  return next < 0 ? text.slice(at) : text.slice(at, next + 1);
}

for (const fixture of goldenFixtures((d) => /^(genproc-|x25-)/.test(d))) {
  describe(`golden ${fixture}`, () => {
    for (const c of fixtureCases(fixture)) {
      const line = c.line;
      const plan = runPlanFor(line);
      if (!plan || (plan.mode !== 'sockets' && plan.mode !== 'route')) continue;
      const o = plan.options;
      const onlyX25 = o.flagArg === 1 && o.families.has('x25') && o.familyList.every((x) => x === 'x25');
      if (onlyX25) {
        it(`netstat ${line}`, async () => {
          const got = await run(c.root, plan);
          expect(got.stdout).toBe(c.stdout);
          expect(got.stderr).toBe(c.stderr);
          expect(got.status).toBe(c.status);
        });
      } else if (plan.mode === 'sockets' && o.flagArg === 0 && o.families.size === 0) {
        const want = x25Block(c.stdout);
        if (want === null) continue;
        it(`X.25 block of netstat ${line}`, async () => {
          const got = await run(c.root, plan);
          expect(got.stdout).toBe(want);
          expect(got.status).toBe(0);
        });
      }
    }
  });
}
