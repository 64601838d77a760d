#!/usr/bin/env node
// Benchmark: netstat-ts against the reference net-tools 2.10 netstat on the same large
// generated /proc tree, in one run. Both commands run the same way: in a private mount
// namespace with the tree bound over /proc and the fixture etc/ over /etc (as ../shared/tools/
// oracle.sh does), so both pay the same set-up cost and read the same files, under
// /usr/bin/time -v for the peak RSS.
//
//   node bench/run.mjs [--runs N] [--case '-tan'] ... [--group sockets|routes|other|legacy|small]
//                      [--tree DIR] [--ours 'node apps/netstat/dist/cli.cjs'] [--md FILE]
//                      [--instructions]
//
// --instructions also counts the instructions of one run of each side under valgrind
// (callgrind; ours as `node apps/netstat/dist/cli.cjs`, the launcher's node command without the
// shell): their ratio hardly moves with the load of a shared machine, where the reference's
// wall time moved by 2.5x between two rounds. valgrind reads /proc/self/maps, so there the tree
// is mounted over /proc as the lower layer of an overlay whose `self` links to a real procfs.
// -tanp, -tlnp and -xap are left out of the default set: 2.10 needs 15 to 45 s for each at this
// size (its owner lookups grow with rows × fds); name them with --case to run them.
// Runs alternate (reference, ours, reference, ours, ...) after one warm-up of each, so that
// the load of a shared machine hits both sides alike; the ratio reported is the median of the
// per-pair ratios. Needs root (unshare -m), ../shared/tools/genproc.mjs (to make the tree
// once) and the reference .deb in ../shared/tools/reference (or /usr/bin/netstat). Prints per
// case the medians, the ratio and the peak RSS of both, and writes bench/out/results.json and
// a Markdown table (bench/out/results.md, or --md FILE).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { all, flag, has, repo } from './args.mjs';

const shared = process.env.NETSTAT_SHARED ?? resolve(repo, '../shared');
const runs = Number(flag('--runs', '5'));

/**
 * The cases, by group. The tree is sized so that the reference needs >= 0.1 s where the data
 * can make it (sockets, routes, route cache, masquerading); the other modes read files of fixed
 * size (snmp, dev, igmp) or the small legacy tables, and measure mostly start-up.
 */
const GROUPS = {
  sockets: ['-tan', '-an', '-xa', '-tanW', '-uan', '-tan -A inet6', '-tane'],
  routes: ['-rn', '-rn -A inet6', '-rne', '-rnC', '-rn -A inet6 -C'],
  other: ['-i', '-ia', '-gn', '-s', '-Mn', '-tn'],
  legacy: [
    '-A ax25',
    '-A netrom',
    '-A rose',
    '-A ipx',
    '-A ddp',
    '-A x25',
    '-rA ax25',
    '-rA netrom',
    '-A unix -a',
  ],
};
const cases = all('--case');
for (const g of all('--group')) cases.push(...(GROUPS[g] ?? []));
if (cases.length === 0) for (const g of Object.values(GROUPS)) cases.push(...g);

const tree = flag('--tree', '/dev/shm/speed-bench');
/** genproc counts of the bench tree (the issue's tree: 200k tcp, 20k tcp6, 200k unix, 100k routes). */
const COUNTS = [
  '--tcp',
  '200000',
  '--tcp6',
  '20000',
  '--unix',
  '200000',
  '--routes',
  '100000',
  '--routes6',
  '100000',
  '--rtcache',
  '100000',
  '--masq',
  '100000',
  '--procs',
  '2000',
];
if (!existsSync(join(tree, 'proc/net/tcp'))) {
  console.error(`generating the bench tree in ${tree} (once)...`);
  mkdirSync(tree, { recursive: true });
  execFileSync(
    'node',
    [
      join(shared, 'tools/genproc.mjs'),
      '--seed',
      '1',
      '--scale',
      'large',
      ...COUNTS,
      '--out',
      join(tree, 'proc'),
      '--etc-out',
      join(tree, 'etc'),
      '--force',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
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
const ours = flag('--ours', join(repo, 'apps/netstat/dist/cli.cjs'));
const timeOut = join(mkdtempSync(join(tmpdir(), 'netstat-bench-')), 'time');

/** The shell commands that mount the tree's etc/ files over /etc (in the private namespace). */
const etcBinds = ['passwd', 'group', 'hosts', 'networks', 'services', 'protocols', 'nsswitch.conf']
  .map((f) => `mount --bind ${tree}/etc/${f} /etc/${f}`)
  .join(' && ');

/**
 * Runs `cmd args` with the tree as /proc and /etc, stdout to /dev/null, under /usr/bin/time;
 * returns wall seconds (measured here) and peak RSS in KiB (from time -v).
 */
function timed(cmd, args) {
  const script = `${etcBinds} && mount --bind ${tree}/proc /proc && exec env -i PATH=${dirname(process.execPath)}:/usr/bin:/bin LC_ALL=C /usr/bin/time -v -o ${timeOut} ${cmd} ${args} >/dev/null 2>&1`;
  const t0 = process.hrtime.bigint();
  const r = spawnSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script], {
    stdio: 'ignore',
  });
  const t = Number(process.hrtime.bigint() - t0) / 1e9;
  const v = readFileSync(timeOut, 'utf8');
  const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(v)?.[1] ?? Number.NaN);
  const status = Number(/Exit status: (\d+)/.exec(v)?.[1] ?? r.status);
  return { t, rss, status };
}
/** Instructions of one run of `cmd args` on the tree (valgrind, callgrind; see the head comment). */
function instructions(cmd, args) {
  const proc = [
    'd=$(mktemp -d)',
    'mkdir -p $d/real $d/up $d/work',
    'mount -t proc proc $d/real',
    'ln -s $d/real/self $d/up/self',
    `mount -t overlay overlay -o lowerdir=${tree}/proc,upperdir=$d/up,workdir=$d/work /proc`,
  ].join(' && ');
  const script = `${etcBinds} && ${proc} && exec env -i PATH=${dirname(process.execPath)}:/usr/bin:/bin LC_ALL=C valgrind --tool=callgrind --callgrind-out-file=/dev/null ${cmd} ${args} >/dev/null`;
  const r = spawnSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script], {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 1 << 26,
  });
  const m = /Collected : (\d+)/.exec(r.stderr ?? '');
  return m ? Number(m[1]) : Number.NaN;
}
const counting = has('--instructions');
const oursNode = `${process.execPath} ${join(repo, 'apps/netstat/dist/cli.cjs')}`;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

const results = [];
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`runs per side: ${runs} (paired, after 1 warm-up), tree: ${tree}, load: ${load()}`);
console.log(
  `case                 ref(s)  ours(s)  ratio  ref RSS(MB)  ours RSS(MB)${counting ? '   ref Ir   ours Ir  Ir ratio' : ''}`,
);
for (const c of cases) {
  const a = [];
  const b = [];
  const ratios = [];
  let refRss = 0;
  let oursRss = 0;
  const w1 = timed(ref, c);
  const w2 = timed(ours, c);
  for (let i = 0; i < runs; i++) {
    const x = timed(ref, c);
    const y = timed(ours, c);
    a.push(x.t);
    b.push(y.t);
    ratios.push(y.t / x.t);
    refRss = Math.max(refRss, x.rss);
    oursRss = Math.max(oursRss, y.rss);
  }
  const r = {
    case: c,
    reference: median(a),
    ours: median(b),
    ratio: median(ratios),
    referenceRssMB: refRss / 1024,
    oursRssMB: oursRss / 1024,
    referenceStatus: w1.status,
    oursStatus: w2.status,
  };
  if (counting) {
    r.referenceInstructions = instructions(ref, c);
    r.oursInstructions = instructions(oursNode, c);
  }
  results.push(r);
  const ir = counting
    ? ` ${(r.referenceInstructions / 1e6).toFixed(0).padStart(7)}M ${(r.oursInstructions / 1e6).toFixed(0).padStart(8)}M ${(r.oursInstructions / r.referenceInstructions).toFixed(2).padStart(9)}`
    : '';
  console.log(
    `${c.padEnd(18)} ${r.reference.toFixed(3).padStart(8)} ${r.ours.toFixed(3).padStart(8)} ${r.ratio.toFixed(2).padStart(6)} ${r.referenceRssMB.toFixed(1).padStart(12)} ${r.oursRssMB.toFixed(1).padStart(13)}${ir}${w1.status !== w2.status ? `  (exit ${w1.status} vs ${w2.status})` : ''}`,
  );
}
const machine = `${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}, load at the end ${load()}`;
mkdirSync(join(repo, 'bench/out'), { recursive: true });
writeFileSync(
  join(repo, 'bench/out/results.json'),
  `${JSON.stringify({ date: new Date().toISOString(), machine, runs, tree, counts: COUNTS, results }, null, 2)}\n`,
);
const md = [
  `Machine: ${machine}. ${runs} paired runs per case.`,
  '',
  `| case | reference (s) | ours (s) | ratio | reference peak RSS (MB) | ours peak RSS (MB) |${counting ? ' instructions ours / reference |' : ''}`,
  `|---|---:|---:|---:|---:|---:|${counting ? '---:|' : ''}`,
  ...results.map(
    (r) =>
      `| \`${r.case}\` | ${r.reference.toFixed(3)} | ${r.ours.toFixed(3)} | ${r.ratio.toFixed(2)} | ${r.referenceRssMB.toFixed(1)} | ${r.oursRssMB.toFixed(1)} |${
        counting
          ? ` ${(r.oursInstructions / 1e6).toFixed(0)} M / ${(r.referenceInstructions / 1e6).toFixed(0)} M = ${(r.oursInstructions / r.referenceInstructions).toFixed(2)} |`
          : ''
      }`,
  ),
  '',
].join('\n');
writeFileSync(flag('--md', join(repo, 'bench/out/results.md')), md);
