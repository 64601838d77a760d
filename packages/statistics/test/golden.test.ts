/**
 * Golden tests: every `-s` case of the fixtures captured from the real net-tools 2.10 binary.
 * Options are built by hand from the arguments (spec §1.4 rule 2 applied as the CLI does).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChunkedOutput, CollectingSink, createContext, type NetstatOptions } from '@netstat-ts/core';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

const FIXTURES = join(__dirname, '../../../fixtures');

/** Maps the `-s` argument sets of cases.txt (and statistics-* fixtures) to options. */
export function statisticsOptions(args: string[]): Partial<NetstatOptions> {
  const protocols = { tcp: false, sctp: false, udp: false, udplite: false, raw: false };
  const familyList: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-A') familyList.push(...args[++i]!.split(',').map((f) => (f === 'ip' ? 'inet' : f)));
    else if (a === '-4') familyList.push('inet');
    else if (a === '-6') familyList.push('inet6');
    else if (a.startsWith('-') && !a.startsWith('--'))
      for (const c of a.slice(1)) {
        if (c === 't') protocols.tcp = true;
        if (c === 'u') protocols.udp = true;
        if (c === 'U') protocols.udplite = true;
        if (c === 'S') protocols.sctp = true;
        if (c === 'w') protocols.raw = true;
      }
  }
  if (!Object.values(protocols).some(Boolean))
    for (const k of Object.keys(protocols)) protocols[k as 'tcp'] = true;
  return { protocols, familyList, families: new Set(familyList) };
}

async function run(root: string, args: string[]) {
  const ctx = createContext({ root, options: statisticsOptions(args) });
  const sections = await plugin.statistics!(ctx);
  const o = new CollectingSink();
  const e = new CollectingSink();
  const out = new ChunkedOutput(o, e);
  let status = 0;
  for (const s of sections) {
    s.write(out);
    if (s.status !== 0) {
      status = s.status;
      break;
    }
  }
  out.flush();
  return { stdout: o.text(), stderr: e.text(), status, sections };
}

const fixtures = existsSync(FIXTURES)
  ? readdirSync(FIXTURES).filter((d) => existsSync(join(FIXTURES, d, 'expected')))
  : [];

for (const fixture of fixtures) {
  const dir = join(FIXTURES, fixture, 'expected');
  const cases = readdirSync(dir)
    .filter((f) => f.endsWith('.args'))
    .map((f) => f.slice(0, -5))
    .filter((slug) => {
      const args = readFileSync(join(dir, `${slug}.args`), 'latin1')
        .trim()
        .split(/\s+/);
      // -s cases only; `-rs` is the CLI's "more than one mode" error, not the plugin's.
      return args.some((a) => /^-[tuUSw46]*s[tuUSw46]*$/.test(a));
    });
  if (cases.length === 0) continue;
  describe(`golden ${fixture}`, () => {
    for (const slug of cases) {
      it(slug, async () => {
        const args = readFileSync(join(dir, `${slug}.args`), 'latin1')
          .trim()
          .split(/\s+/);
        const r = await run(join(FIXTURES, fixture, 'root'), args);
        expect(r.stdout).toBe(readFileSync(join(dir, `${slug}.out`), 'latin1'));
        expect(r.stderr).toBe(readFileSync(join(dir, `${slug}.err`), 'latin1'));
        expect(r.status).toBe(Number(readFileSync(join(dir, `${slug}.code`), 'latin1').trim()));
        for (const s of r.sections) if (s.table) expect(() => JSON.stringify(s.table)).not.toThrow();
      });
    }
  });
}
