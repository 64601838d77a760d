import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ChunkedOutput,
  CollectingSink,
  createContext,
  type FamilyPlugin,
  type Table,
} from '@netstat-ts/core';
import { describe, expect, it } from 'vitest';
import { optionsFor } from './args.js';

const fixtures = join(__dirname, '../../../fixtures');

/** A golden run of one capability: what was written and the status that ends it. */
export interface Run {
  stdout: string;
  stderr: string;
  status: number;
  /** The tables of the sections that were written. */
  tables: Table<object>[];
}

/** Runs the plugin's sockets() or routes() for a case's arguments on a fixture root. */
export async function runCase(
  plugin: FamilyPlugin,
  family: string,
  root: string,
  args: string[],
): Promise<Run> {
  const options = optionsFor(args);
  const ctx = createContext({ root, options });
  const o = new CollectingSink();
  const e = new CollectingSink();
  const out = new ChunkedOutput(o, e);
  const sections = options.route ? await plugin.routes!(ctx, family) : await plugin.sockets!(ctx);
  let status = 0;
  const tables: Table<object>[] = [];
  for (const s of sections) {
    s.write(out);
    if (s.table) tables.push(s.table);
    if (s.status !== 0) {
      status = s.status;
      break;
    }
  }
  out.flush();
  return { stdout: o.text(), stderr: e.text(), status, tables };
}

/** The block of a default/multi-family listing that starts with `title` (up to the next `Active `). */
export function extractBlock(stdout: string, title: string): string | null {
  const start = stdout.startsWith(title) ? 0 : stdout.indexOf(`\n${title}`) + 1;
  if (start === 0 && !stdout.startsWith(title)) return null;
  const next = stdout.indexOf('\nActive ', start);
  return next < 0 ? stdout.slice(start) : stdout.slice(start, next + 1);
}

export interface GoldenSpec {
  plugin: FamilyPlugin;
  family: string;
  /** First line of the socket table (`Active AX.25 sockets`). */
  title: string;
  /** Fixture directories to use besides genproc-*: those starting with one of these prefixes. */
  prefixes: string[];
  /**
   * Compares our stdout with the captured one. Default: byte for byte. A family with a
   * deliberate deviation that shows in captured cases (ROSE) passes its own comparison, which
   * must still compare every untouched column exactly and check the touched ones against the
   * input data (`root` is the fixture root).
   */
  compare?: (got: Run, want: string, root: string) => void;
}

/** Registers golden tests over every captured case that involves the family. */
export function goldenSuite(spec: GoldenSpec): void {
  const { plugin, family, title } = spec;
  const dirs = existsSync(fixtures)
    ? readdirSync(fixtures).filter(
        (d) =>
          (d.startsWith('genproc-') || spec.prefixes.some((p) => d.startsWith(p))) &&
          existsSync(join(fixtures, d, 'expected')),
      )
    : [];
  for (const dir of dirs) {
    describe(`golden ${dir}`, () => {
      const expected = join(fixtures, dir, 'expected');
      const root = join(fixtures, dir, 'root');
      for (const f of readdirSync(expected).filter((x) => x.endsWith('.args'))) {
        const slug = f.slice(0, -5);
        const line = readFileSync(join(expected, f), 'latin1').trim();
        const args = line === '(none)' || line === '' ? [] : line.split(/\s+/);
        const o = optionsFor(args);
        if (o.other || o.groups > 0) continue;
        const read = (ext: string) => readFileSync(join(expected, `${slug}.${ext}`), 'latin1');
        const same = (got: Run, want: string) =>
          spec.compare ? spec.compare(got, want, root) : expect(got.stdout).toBe(want);
        if (o.route) {
          if (o.familyList.length !== 1 || o.familyList[0] !== family) continue;
          it(`netstat ${line}`, async () => {
            const got = await runCase(plugin, family, root, args);
            same(got, read('out'));
            expect(got.stderr).toBe(read('err'));
            expect(String(got.status)).toBe(read('code').trim());
          });
          continue;
        }
        if (o.flagArg !== 0 && !o.families.has(family)) continue;
        const only = o.flagArg === 1 && o.families.has(family);
        it(`${only ? '' : `${family} block of `}netstat ${line}`, async () => {
          const got = await runCase(plugin, family, root, args);
          const want = read('out');
          if (only) {
            same(got, want);
            expect(got.stderr).toBe(read('err'));
            expect(String(got.status)).toBe(read('code').trim());
            return;
          }
          const block = extractBlock(want, `${title}\n`);
          if (block !== null) {
            same(got, block);
            expect(got.status).toBe(0);
            if (got.stderr) expect(read('err')).toContain(got.stderr);
          } else if (got.stdout !== '') {
            // The real listing stopped before this block (an earlier family failed).
            expect(read('code').trim()).not.toBe('0');
          } else if (got.stderr && got.status === 0) {
            expect(read('err')).toContain(got.stderr);
          }
        });
      }
    });
  }
}
