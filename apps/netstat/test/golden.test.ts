import { describe, expect, it } from 'vitest';
import { goldenCases, runCli } from './fixtures.js';

/**
 * Cases whose family has no package yet. Each is listed as a todo (visible in the test report),
 * never silently passed. The reason is the package that will serve it.
 */
const GAPS: [RegExp, string][] = [
  [/^-M/, '@netstat-ts/masquerade'],
  [/^-rn? -A (ipx|ax25|netrom|rose|x25|ddp)$/, 'legacy routing packages'],
];

function gap(line: string): string | undefined {
  return GAPS.find(([re]) => re.test(line))?.[1];
}

/** The oracle runs the reference binary by its full path; glibc prints argv[0] as given. */
function normaliseStderr(s: string): string {
  return s.replace(/^\/tmp\/netstat-reference[^:]*\/netstat: /gm, 'netstat: ');
}

describe('golden output captured from net-tools 2.10', () => {
  for (const c of goldenCases()) {
    const reason = gap(c.line);
    const name = `${c.fixture}: netstat ${c.line}`;
    if (reason) {
      it.todo(`${name} (needs ${reason})`);
      continue;
    }
    it(name, async () => {
      const r = await runCli(c.argv, { NETSTAT_ROOT: c.root });
      expect(r.stdout.toString('latin1')).toBe(c.stdout.toString('latin1'));
      expect(r.status).toBe(c.status);
      expect(r.stderr).toBe(normaliseStderr(c.stderr));
    });
  }
});
