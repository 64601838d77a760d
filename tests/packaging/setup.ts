import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { pnpm } from './workspace.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The directory holding every public package's tarball. */
    packs: string;
  }
}

/**
 * Packs every public package once for all test files, as a publish would: `pnpm pack` (which
 * turns `workspace:^` into real ranges). check.sh runs this after `turbo run build`, so the dist
 * directories are those of the build just made; prepack scripts are skipped here (each one
 * rebuilds with tsup, which publishing from a fresh clone relies on).
 */
export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'packaging-packs-'));
  pnpm([
    '-r',
    '--filter=./packages/*',
    '--filter=./apps/*',
    'pack',
    '--pack-destination',
    dir,
    '--config.ignore-scripts=true',
  ]);
  project.provide('packs', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
