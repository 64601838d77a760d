import { createContext } from '@netstat-ts/core';
import {
  fixtureCases,
  goldenFixtures,
  optionsFor,
  type Written,
  writeSections,
} from '@netstat-ts/test-support';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

/** Cases whose whole stdout is the UNIX block. */
const UNIX_ONLY = /^(-x[a-z]*|--unix.*|-[a-z]* -A unix)$/;

async function run(root: string, line: string): Promise<Written> {
  return writeSections(await plugin.sockets!(createContext({ root, options: optionsFor(line) })));
}

for (const fixture of goldenFixtures((d) => /^(genproc-|unix-)/.test(d))) {
  describe(`golden ${fixture}`, () => {
    for (const c of fixtureCases(fixture)) {
      const line = c.line;
      const want = c.stdout;
      if (UNIX_ONLY.test(line) && !/^-[a-z]*[rs]/.test(line)) {
        it(`netstat ${line}`, async () => {
          const got = await run(c.root, line);
          expect(got.stdout).toBe(want);
          expect(got.status).toBe(c.status);
        });
      } else if (
        /^(-[anlpeoWv]+|--numeric-hosts --numeric-ports -a)?$/.test(line) &&
        want.includes('Active UNIX')
      ) {
        // Default listing: the UNIX block is the last block of stdout when no legacy family exists.
        it(`UNIX block of netstat ${line}`, async () => {
          const got = await run(c.root, line);
          const tail = want.slice(want.indexOf('Active UNIX domain sockets'));
          if (!/\nActive (IPX|AX\.25|X\.25|NET\/ROM|ROSE)/.test(tail)) expect(got.stdout).toBe(tail);
        });
      }
    }
  });
}
