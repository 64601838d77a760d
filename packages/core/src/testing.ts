/**
 * Test kit of the family packages (@netstat-ts/core/testing).
 *
 * - Contract: every family plugin runs {@link pluginContract} in its own test suite. It checks
 *   the plugin's shape, that an empty root gives "not present" tables without throwing, that
 *   malformed lines become diagnostics, and that every table is JSON-serialisable.
 * - Golden cases: the captured net-tools 2.10 outputs under fixtures/ ({@link goldenCases}), the
 *   options the real parser gives a case's arguments ({@link optionsFor}, {@link runPlanFor}),
 *   {@link writeSections}, and the shared suite of the legacy families ({@link familyGoldenSuite}).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext } from './context.js';
import type { NetstatOptions } from './options.js';
import { ChunkedOutput, CollectingSink } from './output.js';
import { checkPlugin, type FamilyPlugin, type PluginContext, type Section } from './plugin.js';

export {
  extractBlock,
  type FamilyGoldenSpec,
  familyGoldenSuite,
  type Run,
  runCase,
} from './testing/family-golden.js';
export {
  FIXTURES,
  fixtureCases,
  type GoldenCase,
  goldenCases,
  goldenFixtures,
  type Written,
  writeSections,
} from './testing/golden.js';
export { caseArgv, optionsFor, planFor, runPlanFor } from './testing/options.js';

/** What the kit needs to exercise a plugin. */
export interface ContractSpec {
  plugin: FamilyPlugin;
  /** Options that make the plugin's capabilities print something (e.g. `{ all: true }`). */
  options?: Partial<NetstatOptions>;
  /** The family passed to `routes()`. */
  routeFamily?: string;
  /** Files (path under the root -> content) holding malformed lines; the plugin must report diagnostics. */
  malformed?: Record<string, string>;
}

/** Writes a root directory with the given files (paths like `/proc/net/tcp`). */
export function makeRoot(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'netstat-root-'));
  mkdirSync(join(root, 'proc/net'), { recursive: true });
  mkdirSync(join(root, 'etc'), { recursive: true });
  for (const [p, content] of Object.entries(files)) {
    const full = join(root, p);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return root;
}

/** Runs every capability of a plugin once and returns the sections. */
export async function runCapabilities(
  plugin: FamilyPlugin,
  ctx: PluginContext,
  routeFamily?: string,
): Promise<Section[]> {
  const out: Section[] = [];
  if (plugin.sockets) out.push(...(await plugin.sockets(ctx)));
  if (plugin.routes) out.push(...(await plugin.routes(ctx, routeFamily ?? Object.keys(plugin.families)[0]!)));
  if (plugin.interfaces) out.push(...(await plugin.interfaces(ctx)));
  if (plugin.groups) out.push(...(await plugin.groups(ctx)));
  if (plugin.statistics) out.push(...(await plugin.statistics(ctx)));
  if (plugin.masquerade) out.push(...(await plugin.masquerade(ctx)));
  return out;
}

function writeAll(sections: Section[]): { stdout: string; stderr: string } {
  const o = new CollectingSink();
  const e = new CollectingSink();
  const out = new ChunkedOutput(o, e);
  for (const s of sections) s.write(out);
  out.flush();
  return { stdout: o.text(), stderr: e.text() };
}

/** Registers the contract tests for a plugin with vitest. */
export function pluginContract(spec: ContractSpec): void {
  const { plugin } = spec;
  describe(`plugin contract: ${plugin.meta?.name ?? '?'}`, () => {
    it('has the FamilyPlugin shape', () => {
      expect(checkPlugin(plugin)).toBeNull();
    });

    it('reads an empty root without throwing and reports its tables as not present', async () => {
      const ctx = createContext({ root: makeRoot({}), options: spec.options });
      const sections = await runCapabilities(plugin, ctx, spec.routeFamily);
      for (const s of sections) {
        if (s.table) {
          expect(s.table.present).toBe(false);
          expect(s.table.rows).toHaveLength(0);
        }
      }
      writeAll(sections);
    });

    if (spec.malformed) {
      const files = spec.malformed;
      it('turns malformed lines into diagnostics, not exceptions', async () => {
        const ctx = createContext({ root: makeRoot(files), options: spec.options });
        const sections = await runCapabilities(plugin, ctx, spec.routeFamily);
        const diags = sections.flatMap((s) => s.table?.diagnostics ?? []);
        expect(diags.length).toBeGreaterThan(0);
        writeAll(sections);
      });
    }

    it('produces JSON-serialisable tables', async () => {
      const ctx = createContext({ root: makeRoot(spec.malformed ?? {}), options: spec.options });
      const sections = await runCapabilities(plugin, ctx, spec.routeFamily);
      for (const s of sections) if (s.table) expect(() => JSON.stringify(s.table)).not.toThrow();
    });
  });
}

/**
 * A copy of `data` whose `indexOf` calls count the bytes they search, to show that a line scanner
 * is linear without timing it: a scanner that searches for the newline from every piece of a long
 * line to the end searches far more bytes than the buffer holds.
 */
export function countingBuffer(data: Buffer): { buf: Buffer; searched: () => number } {
  const buf = Buffer.from(data);
  let total = 0;
  const plain = Buffer.prototype.indexOf;
  Object.defineProperty(buf, 'indexOf', {
    value(this: Buffer, value: number, from = 0) {
      const start = from < 0 ? Math.max(0, this.length + from) : from;
      const r = plain.call(this, value, start);
      total += (r < 0 ? this.length : r + 1) - start;
      return r;
    },
  });
  return { buf, searched: () => total };
}
