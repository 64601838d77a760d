/**
 * Golden-case arguments for the packages' tests: a case's `.args` line is interpreted by the real
 * command-line parser (@netstat-ts/core/args), the same one the CLI uses, so a package's golden
 * test selects and configures its cases exactly as `netstat` would.
 */

import type { NetstatOptions } from '@netstat-ts/core';
import { type ArgsEnv, type ExitPlan, parseArgs, type RunPlan } from '@netstat-ts/core/args';

/** The environment of a golden case: SELinux disabled, no full help text. */
const CASE_ENV: ArgsEnv = { selinuxEnabled: () => false, helpAll: () => '' };

/** The argv of a case's `.args` line (`(none)` or an empty line: no arguments). */
export function caseArgv(line: string): string[] {
  const t = line.trim();
  return t === '' || t === '(none)' ? [] : t.split(/\s+/);
}

/** What `netstat <line>` decides before reading anything: a run plan, or an exit (help, errors). */
export function planFor(line: string): RunPlan | ExitPlan {
  return parseArgs(caseArgv(line), CASE_ENV);
}

/** The run plan of `netstat <line>`, or null when the command line ends in an exit plan. */
export function runPlanFor(line: string): RunPlan | null {
  const p = planFor(line);
  return p.kind === 'run' ? p : null;
}

/** The NetstatOptions of `netstat <line>`; throws when the command line ends in an exit plan. */
export function optionsFor(line: string): NetstatOptions {
  const p = planFor(line);
  if (p.kind !== 'run')
    throw new Error(`netstat ${line}: exits with status ${p.status} (${p.stderr.trim()})`);
  return p.options;
}
