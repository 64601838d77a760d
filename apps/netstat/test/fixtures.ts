import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CollectingSink } from '@netstat-ts/core';
import { main } from '../src/main.js';

/** The repository's fixtures/ directory. */
export const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../../fixtures');

/** One golden case: a fixture root, the arguments, and what net-tools 2.10 printed. */
export interface GoldenCase {
  fixture: string;
  root: string;
  line: string;
  argv: string[];
  stdout: Buffer;
  stderr: string;
  status: number;
}

/** Every golden case under fixtures/<name>/expected/*.args whose fixture has a root/. */
export function goldenCases(filter?: (fixture: string) => boolean): GoldenCase[] {
  const cases: GoldenCase[] = [];
  for (const fixture of readdirSync(FIXTURES).sort()) {
    const dir = join(FIXTURES, fixture);
    const exp = join(dir, 'expected');
    if (!existsSync(exp) || !existsSync(join(dir, 'root')) || (filter && !filter(fixture))) continue;
    for (const f of readdirSync(exp).sort()) {
      if (!f.endsWith('.args')) continue;
      const base = join(exp, f.slice(0, -5));
      const line = readFileSync(`${base}.args`, 'utf8').trim();
      cases.push({
        fixture,
        root: join(dir, 'root'),
        line,
        argv: line === '(none)' ? [] : line.split(/\s+/),
        stdout: readFileSync(`${base}.out`),
        stderr: readFileSync(`${base}.err`, 'latin1'),
        status: Number(readFileSync(`${base}.code`, 'utf8').trim()),
      });
    }
  }
  return cases;
}

/** Runs the CLI in-process on a root and returns what it printed. */
export async function runCli(argv: string[], env: Record<string, string> = {}) {
  const stdout = new CollectingSink();
  const stderr = new CollectingSink();
  const status = await main(argv, { stdout, stderr, env, euid: 0 });
  return { status, stdout: stdout.bytes(), stderr: stderr.text() };
}
