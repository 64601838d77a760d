/**
 * Golden tests: the plugin's output on the fixture roots compared byte for byte with what the
 * real net-tools 2.10 printed (fixtures/<case>/expected, captured with oracle.sh).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChunkedOutput, CollectingSink, createContext, type NetstatOptions } from '@netstat-ts/core';
import { describe, expect, it } from 'vitest';
import plugin from '../src/plugin.js';
import { inetOptions } from './golden-options.js';

const FIXTURES = join(import.meta.dirname, '../../../fixtures');

async function run(root: string, options: NetstatOptions) {
  const ctx = createContext({ root, options });
  const o = new CollectingSink();
  const e = new CollectingSink();
  const out = new ChunkedOutput(o, e);
  let status = 0;
  const active = options.flagArg === 0 || Object.values(options.protocols).some(Boolean);
  const sections = [
    ...(active ? await plugin.sockets!(ctx) : []),
    ...(options.groups > 0 ? await plugin.groups!(ctx) : []),
  ];
  for (const s of sections) {
    s.write(out);
    if (s.status !== 0) {
      status = s.status;
      break;
    }
  }
  out.flush();
  return { stdout: o.text(), stderr: e.text(), status };
}

const fixtures = existsSync(FIXTURES) ? readdirSync(FIXTURES).filter((d) => d.startsWith('genproc')) : [];

for (const fx of fixtures) {
  const dir = join(FIXTURES, fx, 'expected');
  const cases = readdirSync(dir)
    .filter((f) => f.endsWith('.args'))
    .map((f) => f.slice(0, -5));
  describe(`golden ${fx}`, () => {
    for (const slug of cases) {
      const argsText = readFileSync(join(dir, `${slug}.args`), 'latin1').trim();
      const args = argsText === '' || argsText === '(none)' ? [] : argsText.split(/\s+/);
      const options = inetOptions(args);
      if (!options) continue;
      it(`netstat ${argsText}`, async () => {
        const r = await run(join(FIXTURES, fx, 'root'), options);
        expect(r.stdout).toBe(readFileSync(join(dir, `${slug}.out`), 'latin1'));
        expect(r.stderr).toBe(readFileSync(join(dir, `${slug}.err`), 'latin1'));
        expect(r.status).toBe(Number(readFileSync(join(dir, `${slug}.code`), 'latin1').trim()));
      });
    }
  });
}
