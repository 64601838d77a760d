#!/usr/bin/env node
// Start-up benchmark (issue 10): the installed bin (apps/netstat/dist/cli.cjs, with its shell
// launcher line) against `node -e 0` and net-tools 2.10, on this (small) live system.
//
//   node bench/startup.mjs [--runs 20] [--case -V] ... [--instructions]
//
// Runs alternate (node -e 0, ours, 2.10, node -e 0, ours, ...), output to /dev/null; the ratio
// is the median of the per-round ratios ours / node -e 0, so that the load of a shared machine
// hits all sides alike. --instructions also counts the instructions of each under valgrind
// (callgrind, median of 3 runs): unlike times, they do not change with the machine's load.
//
// Node's own start depends on the environment: with NODE_EXTRA_CA_CERTS set (as on many managed
// machines, and on the project's), `node -e 0` parses that certificate file first. The bin's
// launcher empties it (netstat-ts opens no TLS connection), so each figure is given against both
// floors: `node -e 0` as the environment runs it, and bare Node (`node -e 0` without the
// variable). Instructions are counted for `node OPTIONS BIN ARGS` (the launcher's node command,
// its options read from the bin and its environment, without the shell) with the variable unset
// on both sides: the bare floor.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { all, flag, has, median, repo } from './args.mjs';
import { bareEnv, instructions, launcherEnv, launcherOptions } from './instructions.mjs';

const runs = Number(flag('--runs', '20'));
const picked = all('--case');
const cases = picked.length ? picked : ['-V', '-s', '-i', '-gn', '-tunap'];
const bin = resolve(repo, 'apps/netstat/dist/cli.cjs');
const reference = process.env.NETSTAT_REFERENCE ?? '/usr/bin/netstat';

const caFile = process.env.NODE_EXTRA_CA_CERTS;
function wall(cmd, args, env = process.env) {
  const t = process.hrtime.bigint();
  spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'ignore'], env });
  return Number(process.hrtime.bigint() - t) / 1e6;
}
const rows = [];
for (const c of cases) {
  const args = c.split(' ');
  const base = [];
  const floor = [];
  const ours = [];
  const ref = [];
  const ratio = [];
  const ratioFloor = [];
  for (const [cmd, a] of [
    [process.execPath, ['-e', '0']],
    [bin, args],
    [reference, args],
  ])
    wall(cmd, a); // warm-up
  for (let i = 0; i < runs; i++) {
    const b = wall(process.execPath, ['-e', '0']);
    const f = caFile === undefined ? b : wall(process.execPath, ['-e', '0'], bareEnv);
    const o = wall(bin, args);
    ref.push(wall(reference, args));
    base.push(b);
    floor.push(f);
    ours.push(o);
    ratio.push(o / b);
    ratioFloor.push(o / f);
  }
  const row = {
    case: c,
    base: median(base),
    floor: median(floor),
    ours: median(ours),
    ref: median(ref),
    ratio: median(ratio),
    ratioFloor: median(ratioFloor),
  };
  if (has('--instructions')) {
    row.irBase = instructions(process.execPath, ['-e', '0']);
    row.irOurs = instructions(process.execPath, [...launcherOptions(bin), bin, ...args], launcherEnv);
  }
  rows.push(row);
  console.error(`${c}: done`);
}
console.log(
  caFile === undefined
    ? 'NODE_EXTRA_CA_CERTS is not set: both floors are the same.'
    : `NODE_EXTRA_CA_CERTS=${caFile}: \`node -e 0\` reads it; bare Node is \`node -e 0\` without it.`,
);
const ir = has('--instructions');
console.log(
  `| case | \`node -e 0\` (ms) | bare Node (ms) | ours (ms) | ours / \`node -e 0\` | ours / bare Node | 2.10 (ms) |${ir ? ' instructions ours / bare Node |' : ''}`,
);
console.log(`|---|---:|---:|---:|---:|---:|---:|${ir ? '---:|' : ''}`);
for (const r of rows)
  console.log(
    `| \`${r.case}\` | ${r.base.toFixed(1)} | ${r.floor.toFixed(1)} | ${r.ours.toFixed(1)} | ${r.ratio.toFixed(2)} | ${r.ratioFloor.toFixed(2)} | ${r.ref.toFixed(1)} |${
      ir
        ? ` ${(r.irOurs / 1e6).toFixed(0)} M / ${(r.irBase / 1e6).toFixed(0)} M = ${(r.irOurs / r.irBase).toFixed(2)} |`
        : ''
    }`,
  );
