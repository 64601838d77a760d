import { CollectingSink } from '@netstat-ts/core';
import { type Io, main } from '../src/main.js';

/** The repository's fixtures/ directory and its captured golden cases (shared with the packages). */
export { FIXTURES, type GoldenCase, goldenCases } from '@netstat-ts/core/testing';

/** Runs the CLI in-process on a root and returns what it printed. */
export async function runCli(argv: string[], env: Record<string, string> = {}, io: Partial<Io> = {}) {
  const stdout = new CollectingSink();
  const stderr = new CollectingSink();
  const status = await main(argv, { stdout, stderr, env, euid: 0, ...io });
  return { status, stdout: stdout.bytes(), stderr: stderr.text() };
}
