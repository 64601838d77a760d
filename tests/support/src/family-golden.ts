/**
 * The golden suite of a legacy socket family (AX.25, NET/ROM, ROSE): every captured case whose
 * command line (read by the real parser) lists the family's sockets or routes is re-run through
 * the plugin alone, and its output compared with the whole capture or with the family's block.
 */

import type { FamilyPlugin, Table } from '@netstat-ts/core';
import { createContext } from '@netstat-ts/core';
import { describe, expect, it } from 'vitest';
import { fixtureCases, goldenFixtures, type Written, writeSections } from './golden.js';
import { runPlanFor } from './options.js';

/** A golden run of one capability: what was written, its status, and the tables written. */
export interface Run extends Written {
  tables: Table<object>[];
}

/** Runs the plugin's sockets() (or routes() for `route`) with `netstat <line>`'s options on a root. */
export async function runCase(
  plugin: FamilyPlugin,
  family: string,
  root: string,
  line: string,
): Promise<Run> {
  const plan = runPlanFor(line);
  if (!plan) throw new Error(`netstat ${line}: not a run`);
  const ctx = createContext({ root, options: plan.options });
  const sections = plan.mode === 'route' ? await plugin.routes!(ctx, family) : await plugin.sockets!(ctx);
  const written = writeSections(sections);
  const upTo = written.status === 0 ? sections.length : sections.findIndex((s) => s.status !== 0) + 1;
  const tables = sections.slice(0, upTo).flatMap((s) => (s.table ? [s.table] : []));
  return { ...written, tables };
}

/** The block of a default/multi-family listing that starts with `title` (up to the next `Active `). */
export function extractBlock(stdout: string, title: string): string | null {
  const start = stdout.startsWith(title) ? 0 : stdout.indexOf(`\n${title}`) + 1;
  if (start === 0 && !stdout.startsWith(title)) return null;
  const next = stdout.indexOf('\nActive ', start);
  return next < 0 ? stdout.slice(start) : stdout.slice(start, next + 1);
}

/** What {@link familyGoldenSuite} needs to know about a family. */
export interface FamilyGoldenSpec {
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
export function familyGoldenSuite(spec: FamilyGoldenSpec): void {
  const { plugin, family, title } = spec;
  const fixtures = goldenFixtures(
    (d) => d.startsWith('genproc-') || spec.prefixes.some((p) => d.startsWith(p)),
  );
  for (const fixture of fixtures) {
    describe(`golden ${fixture}`, () => {
      for (const c of fixtureCases(fixture)) {
        const plan = runPlanFor(c.line);
        if (!plan || (plan.mode !== 'sockets' && plan.mode !== 'route')) continue;
        const o = plan.options;
        if (o.groups > 0) continue;
        const same = (got: Run, want: string) =>
          spec.compare ? spec.compare(got, want, c.root) : expect(got.stdout).toBe(want);
        if (plan.mode === 'route') {
          if (o.familyList.length !== 1 || o.familyList[0] !== family) continue;
          it(`netstat ${c.line}`, async () => {
            const got = await runCase(plugin, family, c.root, c.line);
            same(got, c.stdout);
            expect(got.stderr).toBe(c.stderr);
            expect(got.status).toBe(c.status);
          });
          continue;
        }
        if (o.flagArg !== 0 && !o.families.has(family)) continue;
        const only = o.flagArg === 1 && o.families.has(family);
        it(`${only ? '' : `${family} block of `}netstat ${c.line}`, async () => {
          const got = await runCase(plugin, family, c.root, c.line);
          if (only) {
            same(got, c.stdout);
            expect(got.stderr).toBe(c.stderr);
            expect(got.status).toBe(c.status);
            return;
          }
          const block = extractBlock(c.stdout, `${title}\n`);
          if (block !== null) {
            same(got, block);
            expect(got.status).toBe(0);
            if (got.stderr) expect(c.stderr).toContain(got.stderr);
          } else if (got.stdout !== '') {
            // The real listing stopped before this block (an earlier family failed).
            expect(c.status).not.toBe(0);
          } else if (got.stderr && got.status === 0) {
            expect(c.stderr).toContain(got.stderr);
          }
        });
      }
    });
  }
}
