import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ChunkedOutput,
  CollectingSink,
  createContext,
  defaultOptions,
  type NetstatOptions,
} from '@netstat-ts/core';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

const fixtures = join(__dirname, '../../../fixtures');

/** NetstatOptions of a `-M` case (the real CLI lives in apps/netstat); null for other cases. */
export function masqOptions(args: string[]): NetstatOptions | null {
  const o = defaultOptions();
  let m = false;
  for (const a of args) {
    if (a === '--masquerade') m = true;
    else if (a === '--numeric-hosts') o.numericHosts = true;
    else if (a === '--numeric-ports') o.numericPorts = true;
    else if (a === '--numeric') o.numericHosts = o.numericPorts = o.numericUsers = true;
    else if (a === '--extend') o.extend++;
    else if (/^-[Mne]+$/.test(a))
      for (const c of a.slice(1)) {
        if (c === 'M') m = true;
        else if (c === 'n') o.numericHosts = o.numericPorts = o.numericUsers = true;
        else o.extend++;
      }
    else return null;
  }
  return m ? o : null;
}

async function run(root: string, options: NetstatOptions) {
  const ctx = createContext({ root, options });
  const o = new CollectingSink();
  const e = new CollectingSink();
  const out = new ChunkedOutput(o, e);
  let status = 0;
  for (const s of await plugin.masquerade!(ctx)) {
    s.write(out);
    if (s.status !== 0) {
      status = s.status;
      break;
    }
  }
  out.flush();
  return { stdout: o.text(), stderr: e.text(), status };
}

const dirs = existsSync(fixtures)
  ? readdirSync(fixtures).filter(
      (d) => /^(genproc-|masquerade-)/.test(d) && existsSync(join(fixtures, d, 'expected')),
    )
  : [];

for (const dir of dirs) {
  describe(`golden ${dir}`, () => {
    const expected = join(fixtures, dir, 'expected');
    const root = join(fixtures, dir, 'root');
    for (const f of readdirSync(expected).filter((x) => x.endsWith('.args'))) {
      const slug = f.slice(0, -5);
      const line = readFileSync(join(expected, f), 'latin1').trim();
      const options = masqOptions(line.split(/\s+/));
      if (!options) continue;
      const read = (ext: string) => readFileSync(join(expected, `${slug}.${ext}`), 'latin1');
      it(`netstat ${line}`, async () => {
        const got = await run(root, options);
        expect(got.stdout).toBe(read('out'));
        expect(got.stderr).toBe(read('err'));
        expect(String(got.status)).toBe(read('code').trim());
      });
    }
  });
}
