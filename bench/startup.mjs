#!/usr/bin/env node
// Start-up benchmark (issue 10): the installed bin (apps/netstat/dist/cli.cjs, with its shell
// launcher line) against `node -e 0` and net-tools 2.10, on this (small) live system.
//
//   node bench/startup.mjs [--runs 20] [--case -V] ... [--instructions]
//
// Runs alternate (node -e 0, ours, 2.10, node -e 0, ours, ...), output to /dev/null; the ratio
// is the median of the per-round ratios ours / node -e 0, so that the load of a shared machine
// hits all sides alike. --instructions also counts the instructions of one run of each under
// valgrind (callgrind): unlike times, they hardly change with the machine's load.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { all, flag, has, median, repo } from './args.mjs';

const runs = Number(flag('--runs', '20'));
const picked = all('--case');
const cases = picked.length ? picked : ['-V', '-s', '-i', '-gn', '-tunap'];
const bin = resolve(repo, 'apps/netstat/dist/cli.cjs');
const reference = process.env.NETSTAT_REFERENCE ?? '/usr/bin/netstat';

function wall(cmd, args) {
  const t = process.hrtime.bigint();
  spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'ignore'] });
  return Number(process.hrtime.bigint() - t) / 1e6;
}
function instructions(cmd, args) {
  const r = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', cmd, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const m = /Collected : (\d+)/.exec(r.stderr ?? '');
  return m ? Number(m[1]) : Number.NaN;
}

const rows = [];
for (const c of cases) {
  const args = c.split(' ');
  const base = [];
  const ours = [];
  const ref = [];
  const ratio = [];
  for (const [cmd, a] of [
    [process.execPath, ['-e', '0']],
    [bin, args],
    [reference, args],
  ])
    wall(cmd, a); // warm-up
  for (let i = 0; i < runs; i++) {
    const b = wall(process.execPath, ['-e', '0']);
    const o = wall(bin, args);
    ref.push(wall(reference, args));
    base.push(b);
    ours.push(o);
    ratio.push(o / b);
  }
  const row = { case: c, base: median(base), ours: median(ours), ref: median(ref), ratio: median(ratio) };
  if (has('--instructions')) {
    row.irBase = instructions(process.execPath, ['-e', '0']);
    row.irOurs = instructions(process.execPath, [bin, ...args]);
  }
  rows.push(row);
  console.error(`${c}: done`);
}
const ir = has('--instructions');
console.log(
  `| case | \`node -e 0\` (ms) | ours (ms) | ours / \`node -e 0\` | 2.10 (ms) |${ir ? ' instructions ours / `node -e 0` |' : ''}`,
);
console.log(`|---|---:|---:|---:|---:|${ir ? '---:|' : ''}`);
for (const r of rows)
  console.log(
    `| \`${r.case}\` | ${r.base.toFixed(1)} | ${r.ours.toFixed(1)} | ${r.ratio.toFixed(2)} | ${r.ref.toFixed(1)} |${
      ir
        ? ` ${(r.irOurs / 1e6).toFixed(0)} M / ${(r.irBase / 1e6).toFixed(0)} M = ${(r.irOurs / r.irBase).toFixed(2)} |`
        : ''
    }`,
  );
