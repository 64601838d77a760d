// Instruction counts under valgrind (callgrind), for the start-up benches: unlike times, they do
// not change with the machine's load.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './args.mjs';

/** The environment of the bare floor: this one without NODE_EXTRA_CA_CERTS. */
export const bareEnv = { ...process.env };
delete bareEnv.NODE_EXTRA_CA_CERTS;

/**
 * The median over `runs` runs of the instructions `cmd args` executes under callgrind, in `env`
 * added to the bare environment. Node spends a varying share of its start (5-15 M instructions,
 * one run to the next) in a random search for a prime (`detail::sprp`, a probable-prime test):
 * it is left out, so that three runs give the same figure to within 0.5 M.
 */
export function instructions(cmd, args, env = {}, runs = 3) {
  const counts = [];
  for (let i = 0; i < runs; i++) {
    const out = join(tmpdir(), `netstat-ts-instructions-${process.pid}.cg`);
    const run = spawnSync('valgrind', ['--tool=callgrind', `--callgrind-out-file=${out}`, cmd, ...args], {
      stdio: 'ignore',
      env: { ...bareEnv, ...env },
    });
    if (run.error) throw new Error(`valgrind: ${run.error.message} (apt-get install valgrind)`);
    const a = spawnSync('callgrind_annotate', ['--inclusive=no', '--threshold=100', out], {
      encoding: 'utf8',
    });
    rmSync(out, { force: true });
    let total = Number.NaN;
    let prime = 0;
    for (const line of (a.stdout ?? '').split('\n')) {
      const m = /^\s*([\d,]+) /.exec(line);
      if (!m) continue;
      const n = Number(m[1].replaceAll(',', ''));
      if (line.includes('PROGRAM TOTALS')) total = n;
      else if (line.includes('sprp(')) prime += n;
    }
    counts.push(total - prime);
  }
  return median(counts);
}
