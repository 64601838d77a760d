import { createContext, type Section } from '@netstat-ts/core';
import {
  fixtureCases,
  goldenFixtures,
  optionsFor,
  type Written,
  writeSections,
} from '@netstat-ts/test-support';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

/** Runs `netstat <line>` (-r) the way the CLI does: once per -A element (default inet), stopping on a status. */
export async function runRoutes(root: string, line: string): Promise<Written> {
  const options = optionsFor(line);
  const ctx = createContext({ root, options });
  const families = options.familyList.length ? options.familyList : ['inet'];
  const sections: Section[] = [];
  for (const fam of families) {
    const s = await plugin.routes!(ctx, fam);
    sections.push(...s);
    if (s.some((x) => x.status !== 0)) break;
  }
  return writeSections(sections);
}

for (const fixture of goldenFixtures((d) => /^(genproc-|routing-)/.test(d))) {
  describe(`golden ${fixture}`, () => {
    for (const c of fixtureCases(fixture)) {
      const line = c.line;
      if (/s/.test(line.split(' ')[0]!) || !/^-r[a-zA-Z]*( -6| -A (inet|inet6)(,inet6?)*)?$/.test(line))
        continue;
      it(`netstat ${line}`, async () => {
        const got = await runRoutes(c.root, line);
        expect(got.stdout).toBe(c.stdout);
        expect(got.stderr).toBe(c.stderr);
        expect(got.status).toBe(c.status);
      });
    }
  });
}
