import type { Host } from '@netstat-ts/core';
import type { RunPlan } from '@netstat-ts/core/args';
import type { Io } from './main.js';

/** `--compare OTHER` (placeholder until the comparison lands). */
export async function runCompare(_plan: RunPlan, _host: Host, io: Io): Promise<number> {
  io.stderr.write(Buffer.from('netstat: --compare is not available yet.\n'));
  return 1;
}
