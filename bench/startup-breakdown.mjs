#!/usr/bin/env node
// Where the start-up goes (issue 10): the instructions (callgrind, median of 3, Node's prime
// search left out; see instructions.mjs) of the bin's start, one stage added at a time, from
// bare Node to a whole `netstat -V`.
//
//   node bench/startup-breakdown.mjs [--case -V] ... [--runs 3]
//
// Each stage is a probe built from the bin itself (apps/netstat/dist/cli.cjs): the same loader,
// told to stop early. Stages: bare Node running an empty file; + the bin's loader (node:vm,
// node:fs) compiling an empty module; + the CLI bundle's (netstat.cjs) code cache given to V8
// (deserialized, nothing run); + its top level (the CLI and the option parser: all that `-V`
// loads); + the core bundle (core.cjs), which a command past the parse loads; + start() for each
// case: the whole bin, run with the launcher's environment.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { all, flag, repo } from './args.mjs';
import { instructions, launcherEnv, launcherOptions } from './instructions.mjs';

const runs = Number(flag('--runs', '3'));
const picked = all('--case');
const cases = picked.length ? picked : ['-V', '-s', '-i', '-tunap'];
const dist = resolve(repo, 'apps/netstat/dist');
const bin = join(dist, 'cli.cjs');

/** `text` with `from` replaced by `to`; a bin whose shape changed is an error, not a silent stage. */
function patch(text, from, to) {
  if (!text.includes(from))
    throw new Error(`the bin no longer contains ${JSON.stringify(from)}: update this probe`);
  return text.replace(from, () => to);
}

/**
 * The probe made from the bin's text: it loads PROBE_MODULE (files separated by commas, in that
 * order) from PROBE_DIR with the bin's loader and exits (with PROBE_COMPILE_ONLY, once the first
 * file is compiled, before it runs).
 */
export function probeSource(binText) {
  const loaded = patch(
    binText,
    'bundleLoader((0, import_node_path.join)(__dirname, "bundle"), true, require).require("netstat.cjs");',
    '(() => { const l = bundleLoader(process.env.PROBE_DIR, true, require); for (const m of process.env.PROBE_MODULE.split(",")) l.require(m); process.exit(0); })();',
  );
  return patch(
    loaded,
    'const compiled = script.runInThisContext();',
    'const compiled = script.runInThisContext(); if (process.env.PROBE_COMPILE_ONLY) process.exit(0);',
  );
}

function main() {
  const tmp = mkdtempSync(join(tmpdir(), 'netstat-ts-breakdown-'));
  try {
    const probe = join(tmp, 'probe.cjs');
    writeFileSync(probe, probeSource(readFileSync(bin, 'utf8')));
    writeFileSync(join(tmp, 'empty.cjs'), '');
    const options = launcherOptions(bin);
    const node = (args, env) => instructions(process.execPath, [...options, ...args], env, runs);
    const bundle = join(dist, 'bundle');
    // `start`: a whole run of the bin; `cli`: the stage every start() row is counted from.
    const stages = [
      { name: 'bare Node (an empty file)', measure: () => node([join(tmp, 'empty.cjs')]) },
      {
        name: '+ the loader, an empty module',
        measure: () => node([probe], { PROBE_DIR: tmp, PROBE_MODULE: 'empty.cjs' }),
      },
      {
        name: '+ netstat.cjs from its code cache (not run)',
        measure: () =>
          node([probe], { PROBE_DIR: bundle, PROBE_MODULE: 'netstat.cjs', PROBE_COMPILE_ONLY: '1' }),
      },
      {
        name: "+ netstat.cjs's top level (the CLI and its option parser)",
        measure: () => node([probe], { PROBE_DIR: bundle, PROBE_MODULE: 'netstat.cjs' }),
        cli: true,
      },
      {
        name: '+ core.cjs, cache and top level (a command past the parse)',
        measure: () => node([probe], { PROBE_DIR: bundle, PROBE_MODULE: 'netstat.cjs,core.cjs' }),
      },
      ...cases.map((c) => ({
        name: `+ start(): \`netstat ${c}\``,
        measure: () => node([bin, ...c.split(' ')], launcherEnv),
        start: true,
      })),
    ];
    console.log('| stage | instructions (M) | added (M) |');
    console.log('|---|---:|---:|');
    // A load stage adds to the one before it; every start() row adds to netstat.cjs's top level
    // (what every command loads), core.cjs included for the commands that go past the parse.
    let before = null;
    let cli = null;
    for (const stage of stages) {
      const n = stage.measure() / 1e6;
      const base = stage.start ? cli : before;
      console.log(`| ${stage.name} | ${n.toFixed(1)} | ${base === null ? '' : (n - base).toFixed(1)} |`);
      if (!stage.start) before = n;
      if (stage.cli) cli = n;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
