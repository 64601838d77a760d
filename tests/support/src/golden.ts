/**
 * Golden cases: the outputs of net-tools 2.10 captured in `fixtures/<name>/expected/<slug>.{args,
 * out,err,code}` for the snapshot in `fixtures/<name>/root/`, and a helper that writes sections
 * the way the CLI does, to compare a plugin's output with them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Section } from '@netstat-ts/core';
import { ChunkedOutput, CollectingSink } from '@netstat-ts/core';
import { caseArgv } from './options.js';

/** The repository's fixtures/ directory (next to pnpm-workspace.yaml above this module). */
export const FIXTURES: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('fixtures: no pnpm-workspace.yaml above @netstat-ts/core');
    dir = up;
  }
  return join(dir, 'fixtures');
})();

/** One captured case. The captured texts are read on first use (latin1 byte strings). */
export interface GoldenCase {
  /** The fixture directory's name (`genproc-s1`). */
  fixture: string;
  /** The case's file name without extension. */
  slug: string;
  /** The snapshot root the case was captured on. */
  root: string;
  /** The `.args` line, trimmed (`(none)` for no arguments). */
  line: string;
  /** The arguments (see {@link caseArgv}). */
  argv: string[];
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number;
}

function loadCase(fixture: string, slug: string): GoldenCase {
  const base = join(FIXTURES, fixture, 'expected', slug);
  const line = readFileSync(`${base}.args`, 'latin1').trim();
  const cache = new Map<string, string>();
  const read = (ext: string): string => {
    let s = cache.get(ext);
    if (s === undefined) {
      s = readFileSync(`${base}.${ext}`, 'latin1');
      cache.set(ext, s);
    }
    return s;
  };
  return {
    fixture,
    slug,
    root: join(FIXTURES, fixture, 'root'),
    line,
    argv: caseArgv(line),
    get stdout() {
      return read('out');
    },
    get stderr() {
      return read('err');
    },
    get status() {
      return Number(read('code').trim());
    },
  };
}

/** The fixture directories that have captured cases and a root, sorted, optionally filtered. */
export function goldenFixtures(filter?: (fixture: string) => boolean): string[] {
  if (!existsSync(FIXTURES)) return [];
  return readdirSync(FIXTURES)
    .sort()
    .filter(
      (f) =>
        existsSync(join(FIXTURES, f, 'expected')) &&
        existsSync(join(FIXTURES, f, 'root')) &&
        (!filter || filter(f)),
    );
}

/** The captured cases of one fixture directory, sorted by slug. */
export function fixtureCases(fixture: string): GoldenCase[] {
  return readdirSync(join(FIXTURES, fixture, 'expected'))
    .filter((f) => f.endsWith('.args'))
    .sort()
    .map((f) => loadCase(fixture, f.slice(0, -5)));
}

/** Every captured case of the fixtures that pass `filter` (by directory name). */
export function goldenCases(filter?: (fixture: string) => boolean): GoldenCase[] {
  return goldenFixtures(filter).flatMap(fixtureCases);
}

/** What writing sections produced. */
export interface Written {
  stdout: string;
  stderr: string;
  /** The status of the section that ended the run (0 when none failed). */
  status: number;
}

/** Writes sections in order as the CLI does, stopping after the first one with a non-zero status. */
export function writeSections(sections: readonly Section[]): Written {
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
  return { stdout: o.text(), stderr: e.text(), status };
}
