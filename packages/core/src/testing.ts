/**
 * Test kit of the family packages (@netstat-ts/core/testing).
 *
 * - Contract: every family plugin runs {@link pluginContract} in its own test suite. It checks
 *   the plugin's shape, that an empty root gives "not present" tables without throwing, that
 *   malformed lines become diagnostics, and that every table is JSON-serialisable.
 * - {@link makeRoot} writes a root directory of files for a test, {@link runCapabilities} runs
 *   every capability of a plugin once, {@link underReadCap} shows that a table is streamed.
 *
 * Works in any project that has vitest (a peer dependency); it reads nothing of this repository.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext } from './context.js';
import { Host } from './host.js';
import { rowStream } from './json.js';
import type { NetstatOptions } from './options.js';
import { ChunkedOutput, CollectingSink } from './output.js';
import { checkPlugin, type FamilyPlugin, type PluginContext, type Section } from './plugin.js';

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

/** What one run of a capability printed, its final status and its tables' rows. */
export interface CapabilityRun {
  stdout: string;
  stderr: string;
  status: number;
  /** Per section with a table: its rows as the JSON row stream hands them over (else `table.rows`). */
  rows: object[][];
}

async function runOnce(
  ctx: PluginContext,
  call: (ctx: PluginContext) => Promise<Section[]>,
): Promise<CapabilityRun> {
  const sections = await call(ctx);
  const rows: object[][] = [];
  for (const s of sections) {
    if (!s.table) continue;
    const each = rowStream(s.table);
    const got: object[] = [];
    if (each) each((r) => got.push(r));
    else got.push(...s.table.rows);
    rows.push(got);
  }
  const { stdout, stderr } = writeAll(await call(ctx));
  return { stdout, stderr, status: sections.at(-1)?.status ?? 0, rows };
}

/**
 * Runs a capability twice on the same root: with the default Host, and with a Host whose
 * {@link Host.read} refuses every file over `cap` bytes (`EFBIG`). A table that is streamed,
 * never read whole, prints the same text, status and rows under the cap; one that is read whole
 * fails there. Each run calls `call` twice: once for the rows, once for the text.
 */
export async function underReadCap(
  root: string,
  options: Partial<NetstatOptions>,
  call: (ctx: PluginContext) => Promise<Section[]>,
  cap = 64,
): Promise<{ normal: CapabilityRun; capped: CapabilityRun }> {
  const normal = await runOnce(createContext({ root, options }), call);
  const capped = await runOnce(
    { ...createContext({ root, options }), host: new Host(root, { maxFileSize: cap }) },
    call,
  );
  return { normal, capped };
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
