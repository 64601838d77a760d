#!/usr/bin/env node
// Live-kernel benchmark (issue 10): a network namespace this script makes, with 40 000 loopback
// TCP sockets held by 100 processes (each listens on 127.0.0.1:2000N and holds 200 connections
// to itself: 200 client and 200 accepted sockets). In it, alternately: net-tools 2.10, netstat-ts
// (the bin; it reads the sockets through inet_diag at this size), netstat-ts with
// NETSTAT_NO_NATIVE=1 (/proc only) and `ss`, for -tlnp, -tulpn, -tan and -tln.
//
//   node bench/live.mjs [--runs 5] [--case -tan] ...
//
// Root. Prints per case the medians and the ratios (median of per-round ratios) to 2.10 and to
// ss, and checks that both netstat-ts paths print 2.10's bytes for -tan (sorted: sockets can
// change state between two runs) and -tln. The namespace is removed at the end.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { all, flag, median, repo } from './args.mjs';

const runs = Number(flag('--runs', '5'));
const picked = all('--case');
const cases = picked.length ? picked : ['-tlnp', '-tulpn', '-tan', '-tln'];
const bin = flag('--bin', resolve(repo, 'apps/netstat/dist/cli.cjs'));
const reference = process.env.NETSTAT_REFERENCE ?? '/usr/bin/netstat';
const NS = `bench-live-${process.pid}`;
const HOLDERS = Number(flag('--holders', '100'));
const PER = Number(flag('--per', '200'));

const holder = `
const net = require('node:net');
const port = Number(process.env.PORT), per = Number(process.env.PER);
const keep = [];
// Ready when every connection is both connected and accepted (an empty accept queue).
let up = 0;
const done = () => { if (++up === 2 * per) process.stdout.write('up\\n'); };
const srv = net.createServer((s) => { keep.push(s); done(); }).listen(port, '127.0.0.1', () => {
  for (let i = 0; i < per; i++) keep.push(net.connect(port, '127.0.0.1', done));
});
`;

function inNs(cmd, args, env = {}) {
  const t = process.hrtime.bigint();
  const r = spawnSync(
    'ip',
    ['netns', 'exec', NS, 'env', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), cmd, ...args],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    },
  );
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, out: r.stdout };
}

execFileSync('ip', ['netns', 'add', NS]);
const children = [];
try {
  execFileSync('ip', ['-n', NS, 'link', 'set', 'lo', 'up']);
  await Promise.all(
    Array.from({ length: HOLDERS }, (_, i) => {
      const c = spawn('ip', ['netns', 'exec', NS, process.execPath, '-e', holder], {
        env: { ...process.env, PORT: String(20000 + i), PER: String(PER) },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.push(c);
      return new Promise((ok) => c.stdout.once('data', ok));
    }),
  );
  const sides = {
    'net-tools 2.10': (a) => inNs(reference, a),
    ours: (a) => inNs(bin, a),
    'ours (/proc)': (a) => inNs(bin, a, { NETSTAT_NO_NATIVE: '1' }),
    ss: (a) => inNs('ss', a),
  };
  if (process.env.BENCH_OTHER) sides.other = (a) => inNs(process.execPath, [process.env.BENCH_OTHER, ...a]);
  const load = () =>
    execFileSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).split(' ').slice(0, 3).join(' ');
  console.log(`${HOLDERS * PER * 2} sockets, ${HOLDERS} processes; ${runs} rounds; load ${load()}`);
  for (const c of ['-tan', '-tln']) {
    const sort = (t) => t.split('\n').slice(2).sort().join('\n');
    const ref = inNs(reference, [c]).out;
    for (const side of ['ours', 'ours (/proc)']) {
      const out = sides[side]([c]).out;
      const same = sort(out) === sort(ref);
      console.log(`${c}: ${side} ${same ? 'prints' : 'DOES NOT print'} 2.10's rows`);
      if (!same && process.env.BENCH_KEEP_DIFF) {
        writeFileSync(`/tmp/live-${c}-ref.txt`, sort(ref));
        writeFileSync(`/tmp/live-${c}-${side === 'ours' ? 'ours' : 'proc'}.txt`, sort(out));
      }
    }
  }
  console.log(
    '| case | 2.10 (ms) | ours (ms) | ours (/proc) (ms) | ss (ms) | ours / 2.10 | ours (/proc) / 2.10 | ours / ss |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const c of cases) {
    const t = Object.fromEntries(Object.keys(sides).map((k) => [k, []]));
    const r = { ours: [], proc: [], ss: [] };
    for (const s of Object.values(sides)) s(c.split(' ')); // warm-up
    for (let i = 0; i < runs; i++) {
      const round = {};
      for (const [k, s] of Object.entries(sides)) round[k] = s(c.split(' ')).ms;
      for (const k of Object.keys(sides)) t[k].push(round[k]);
      r.ours.push(round.ours / round['net-tools 2.10']);
      r.proc.push(round['ours (/proc)'] / round['net-tools 2.10']);
      r.ss.push(round.ours / round.ss);
    }
    const m = (k) => median(t[k]).toFixed(0);
    if (sides.other) console.log(`other: ${m('other')} ms`);
    console.log(
      `| \`${c}\` | ${m('net-tools 2.10')} | ${m('ours')} | ${m('ours (/proc)')} | ${m('ss')} | ${median(r.ours).toFixed(2)} | ${median(r.proc).toFixed(2)} | ${median(r.ss).toFixed(2)} |`,
    );
  }
} finally {
  for (const c of children) c.kill();
  execFileSync('ip', ['netns', 'del', NS]);
}
