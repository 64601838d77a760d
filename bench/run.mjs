#!/usr/bin/env node
// Benchmark: netstat-ts against the reference net-tools 2.10 netstat on the same large
// generated /proc tree, in one run. Both commands run the same way: in a private mount
// namespace with the tree bound over /proc and the fixture etc/ over /etc (as ../shared/tools/
// oracle.sh does), so both pay the same set-up cost and read the same files.
//
//   node bench/run.mjs [--runs N] [--case '-tan'] ... [--tree DIR] [--keep]
//
// Needs root (unshare -m), ../shared/tools/genproc.mjs (to make the tree once) and the
// reference .deb in ../shared/tools/reference (or /usr/bin/netstat). Prints, per case, the
// median wall time of each side over N runs (after one warm-up) and the ratio ours/reference,
// and writes bench/out/results.json.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.NETSTAT_SHARED ?? resolve(repo, '../shared');
const argv = process.argv.slice(2);
const flag = (n, d) => {
  const i = argv.indexOf(n);
  return i >= 0 ? argv[i + 1] : d;
};
const runs = Number(flag('--runs', '7'));
const cases = [];
for (let i = 0; i < argv.length; i++) if (argv[i] === '--case') cases.push(argv[i + 1]);
if (cases.length === 0) cases.push('-tan', '-tanp', '-an', '-xa', '-tanW');

const tree = flag('--tree', '/dev/shm/netstat-bench-large');
if (!existsSync(join(tree, 'proc/net/tcp'))) {
  console.error(`generating the large tree in ${tree} (once)...`);
  mkdirSync(tree, { recursive: true });
  execFileSync(
    'node',
    [
      join(shared, 'tools/genproc.mjs'),
      '--seed',
      '1',
      '--scale',
      'large',
      '--out',
      join(tree, 'proc'),
      '--etc-out',
      join(tree, 'etc'),
      '--force',
    ],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
}

function reference() {
  const refDir = join(shared, 'tools/reference');
  const deb = existsSync(refDir) ? readdirSync(refDir).find((f) => f.endsWith('.deb')) : undefined;
  if (deb) {
    const out = mkdtempSync(join(tmpdir(), 'netstat-ref-'));
    execFileSync('dpkg-deb', ['-x', join(refDir, deb), out]);
    return join(out, 'bin/netstat');
  }
  return '/usr/bin/netstat';
}
const ref = reference();
const ours = `node ${join(repo, 'apps/netstat/dist/cli.js')}`;

/** Runs `cmd args` with the tree as /proc and /etc, stdout to /dev/null; returns wall seconds. */
function timed(cmd, args) {
  const files = ['passwd', 'group', 'hosts', 'networks', 'services', 'protocols', 'nsswitch.conf']
    .map((f) => `mount --bind ${tree}/etc/${f} /etc/${f}`)
    .join(' && ');
  const script = `${files} && mount --bind ${tree}/proc /proc && exec env -i PATH=/usr/bin:/bin LC_ALL=C ${cmd} ${args} >/dev/null 2>&1`;
  const t0 = process.hrtime.bigint();
  const r = spawnSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script], {
    stdio: 'ignore',
  });
  const t = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${cmd} ${args} exited ${r.status}`);
  return t;
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

const results = [];
console.log(`runs per side: ${runs} (after 1 warm-up), tree: ${tree}`);
console.log('case            reference(s)  netstat-ts(s)  ratio ours/ref');
for (const c of cases) {
  const a = [];
  const b = [];
  timed(ref, c);
  timed(ours, c);
  for (let i = 0; i < runs; i++) {
    a.push(timed(ref, c));
    b.push(timed(ours, c));
  }
  const r = { case: c, reference: median(a), ours: median(b) };
  r.ratio = r.ours / r.reference;
  results.push(r);
  console.log(
    `${c.padEnd(15)} ${r.reference.toFixed(3).padStart(12)}  ${r.ours.toFixed(3).padStart(13)}  ${r.ratio.toFixed(2).padStart(14)}`,
  );
}
mkdirSync(join(repo, 'bench/out'), { recursive: true });
writeFileSync(
  join(repo, 'bench/out/results.json'),
  `${JSON.stringify({ date: new Date().toISOString(), runs, results }, null, 2)}\n`,
);
