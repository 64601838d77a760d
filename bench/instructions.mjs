// Instruction counts under valgrind (callgrind), for the start-up benches: unlike times, they do
// not change with the machine's load.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './args.mjs';

/** The environment of the bare floor: this one without NODE_EXTRA_CA_CERTS. */
export const bareEnv = { ...process.env };
delete bareEnv.NODE_EXTRA_CA_CERTS;

/**
 * The options the bin's launcher line gives node (`exec node OPTIONS "$0"`), so that a count of
 * `node OPTIONS BIN ARGS` is the count of what the launcher runs, without the shell.
 */
export function launcherOptions(bin) {
  const line = readFileSync(bin, 'utf8').split('\n', 2)[1] ?? '';
  const m = /\bexec node ((?:--[\w-]+(?:=\S+)? )*)"\$0"/.exec(line);
  if (!m) throw new Error(`${bin}: no launcher line (exec node ... "$0") on its second line`);
  return m[1].split(' ').filter(Boolean);
}

/**
 * The environment the launcher line gives node besides the options: the signals its shell found
 * ignored (`NETSTAT_TS_SIGIGN`, ADR 0009). A child of this bench starts with every signal at its
 * default (libuv resets them), so the launcher would pass an empty mask. Without the variable the
 * bin reads /proc/self/status instead (about 1 M instructions a run the launcher never makes).
 */
export const launcherEnv = { NETSTAT_TS_SIGIGN: '0000000000000000' };

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
