import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A package.json, as far as these checks read it. */
export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  [key: string]: unknown;
}

/** One workspace package directory. */
export interface WorkspacePackage {
  /** Relative to the repository root (`packages/inet`). */
  dir: string;
  manifest: Manifest;
}

/** Every package directory under packages/ and apps/ (found on disk: a newly merged one is included). */
export function workspacePackages(): WorkspacePackage[] {
  const out: WorkspacePackage[] = [];
  for (const top of ['packages', 'apps']) {
    for (const name of readdirSync(join(REPO, top)).sort()) {
      const file = join(REPO, top, name, 'package.json');
      if (!existsSync(file)) continue;
      out.push({ dir: `${top}/${name}`, manifest: JSON.parse(readFileSync(file, 'utf8')) });
    }
  }
  return out;
}

/** The packages that are published (not `"private": true`). */
export const publicPackages = () => workspacePackages().filter((p) => !p.manifest.private);

/** The file name `pnpm pack` gives a package's tarball. */
export function tarballName(m: Manifest): string {
  return `${m.name.replace(/^@/, '').replace('/', '-')}-${m.version}.tgz`;
}

/** Runs the pinned pnpm (the one running this test when there is one). */
export function pnpm(args: string[], cwd = REPO): string {
  const version = (
    JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).packageManager as string
  ).split('@')[1]!;
  const execPath = process.env.npm_execpath;
  const [cmd, pre] =
    execPath && /pnpm/.test(execPath)
      ? /\.[cm]?js$/.test(execPath)
        ? [process.execPath, [execPath]]
        : [execPath, []]
      : ['npm', ['exec', '--yes', `pnpm@${version}`, '--']];
  return execFileSync(cmd, [...pre, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
