/**
 * Golden tests: the plugin's output on the fixture roots compared byte for byte with what the
 * real net-tools 2.10 printed (fixtures/<case>/expected, captured with oracle.sh). Cases are
 * those whose command line (read by the real parser) lists only Internet sockets or groups.
 */
import { createContext, type NetstatOptions } from '@netstat-ts/core';
import { fixtureCases, goldenFixtures, runPlanFor, writeSections } from '@netstat-ts/test-support';
import { describe, expect, it } from 'vitest';
import plugin from '../src/plugin.js';

async function run(root: string, options: NetstatOptions) {
  const ctx = createContext({ root, options });
  const active = options.flagArg === 0 || Object.values(options.protocols).some(Boolean);
  return writeSections([
    ...(active ? await plugin.sockets!(ctx) : []),
    ...(options.groups > 0 ? await plugin.groups!(ctx) : []),
  ]);
}

/** Options of an Internet-only listing; null for other modes, other families and the default listing. */
function inetOptions(line: string): NetstatOptions | null {
  const plan = runPlanFor(line);
  if (plan?.mode !== 'sockets') return null;
  const o = plan.options;
  // The default listing (flag_arg 0) includes other families.
  if (o.flagArg === 0 || [...o.families].some((f) => f !== 'inet' && f !== 'inet6')) return null;
  return o;
}

for (const fixture of goldenFixtures((d) => d.startsWith('genproc'))) {
  describe(`golden ${fixture}`, () => {
    for (const c of fixtureCases(fixture)) {
      const options = inetOptions(c.line);
      if (!options) continue;
      it(`netstat ${c.line}`, async () => {
        const r = await run(c.root, options);
        expect(r.stdout).toBe(c.stdout);
        expect(r.stderr).toBe(c.stderr);
        expect(r.status).toBe(c.status);
      });
    }
  });
}
