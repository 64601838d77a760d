/**
 * Golden tests: every `-s` case of the fixtures captured from the real net-tools 2.10 binary,
 * with the options the real command-line parser gives the case's arguments.
 */
import { createContext } from '@netstat-ts/core';
import { fixtureCases, goldenFixtures, runPlanFor, writeSections } from '@netstat-ts/test-support';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

for (const fixture of goldenFixtures()) {
  // -s cases only; `-rs` is the CLI's "more than one mode" error, not the plugin's.
  const cases = fixtureCases(fixture).filter((c) => runPlanFor(c.line)?.mode === 'statistics');
  if (cases.length === 0) continue;
  describe(`golden ${fixture}`, () => {
    for (const c of cases) {
      it(c.slug, async () => {
        const ctx = createContext({ root: c.root, options: runPlanFor(c.line)!.options });
        const sections = await plugin.statistics!(ctx);
        const r = writeSections(sections);
        expect(r.stdout).toBe(c.stdout);
        expect(r.stderr).toBe(c.stderr);
        expect(r.status).toBe(c.status);
        for (const s of sections) if (s.table) expect(() => JSON.stringify(s.table)).not.toThrow();
      });
    }
  });
}
