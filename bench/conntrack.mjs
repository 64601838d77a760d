#!/usr/bin/env node
// Benchmark of `netstat -M` over a large connection tracker table: a generated snapshot root
// whose /proc/net/nf_conntrack holds N entries (default 100 000; 3 in 4 masqueraded, TCP, UDP
// and ICMP, IPv4 and IPv6, accounting on), read with `--root` (the /proc source, streamed).
//
//   node bench/conntrack.mjs [--entries N] [--runs R] [--args '-M -n'] [--cli PATH ...]
//
// Prints the median wall and CPU (user+sys) times and the largest maximum resident set size over R runs (after one
// warm-up), measured by GNU time (/usr/bin/time -v), and the same for `-M -n --json`. Each
// `--cli PATH` (default: this checkout's apps/netstat/dist/cli.cjs) is timed on the same table,
// the CLIs taking turns run by run (so that a change of the machine's load hits each alike);
// the load average is printed before and after. The generated root is removed at the end.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { all, flag, repo } from './args.mjs';

const entries = Number(flag('--entries', '100000'));
const runs = Number(flag('--runs', '5'));
const extra = flag('--args', '-M -n').split(' ');

const root = mkdtempSync(join(tmpdir(), 'conntrack-bench-'));
mkdirSync(join(root, 'proc/net'), { recursive: true });
mkdirSync(join(root, 'etc'), { recursive: true });
const lines = [];
for (let i = 0; i < entries; i++) {
  const a = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
  const d = `198.51.${(i >> 8) & 255}.${i & 255}`;
  const sport = 1024 + (i % 60000);
  const nat = i % 4 !== 0;
  const mdst = nat ? '203.0.113.5' : a;
  const mport = nat && i % 3 === 0 ? 20000 + (i % 40000) : sport;
  const acct = (n) => `packets=${n} bytes=${n * 60}`;
  if (i % 10 === 9) {
    lines.push(
      `ipv4     2 icmp     1 29 src=${a} dst=${d} type=8 code=0 id=${i & 65535} ${acct(1)} src=${d} dst=${mdst} type=0 code=0 id=${i & 65535} ${acct(1)} mark=0 zone=0 use=2`,
    );
  } else if (i % 10 === 8) {
    const h = (i & 65535).toString(16).padStart(4, '0');
    lines.push(
      `ipv6     10 tcp      6 431999 ESTABLISHED src=fd00:0000:0000:0000:0000:0000:0000:${h} dst=2001:0db8:0000:0000:0000:0000:0000:${h} sport=${sport} dport=443 ${acct(9)} src=2001:0db8:0000:0000:0000:0000:0000:${h} dst=2001:0db8:0000:0000:0000:0000:0000:00fe sport=443 dport=${mport} ${acct(7)} [ASSURED] mark=0 zone=0 use=2`,
    );
  } else {
    const p = i % 2 === 0 ? 'tcp      6 431999 ESTABLISHED' : 'udp      17 29';
    lines.push(
      `ipv4     2 ${p} src=${a} dst=${d} sport=${sport} dport=${i % 2 === 0 ? 443 : 53} ${acct(5)} src=${d} dst=${mdst} sport=${i % 2 === 0 ? 443 : 53} dport=${mport} ${acct(4)} [ASSURED] mark=0 zone=0 use=2`,
    );
  }
}
writeFileSync(join(root, 'proc/net/nf_conntrack'), `${lines.join('\n')}\n`);
const bytes = lines.reduce((n, l) => n + l.length + 1, 0);

const clis = all('--cli').map((c) => resolve(c));
if (clis.length === 0) clis.push(join(repo, 'apps/netstat/dist/cli.cjs'));
function once(cli, args) {
  const r = spawnSync('/usr/bin/time', ['-v', 'node', cli, '--root', root, ...args], {
    encoding: 'latin1',
    maxBuffer: 1 << 30,
  });
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(r.stderr);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(r.stderr);
  const sys = /System time \(seconds\): ([\d.]+)/.exec(r.stderr);
  if (!wall || !rss) throw new Error(`no GNU time figures: ${r.stderr.slice(-400)}`);
  const secs = Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]);
  const cpu = Number(user?.[1] ?? 0) + Number(sys?.[1] ?? 0);
  return { secs, cpu, rssKiB: Number(rss[1]), rows: r.stdout.split('\n').length - 3, status: r.status };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
console.log(`conntrack table: ${entries} entries, ${(bytes / 1048576).toFixed(1)} MiB (${root})`);
console.log(`load average before: ${load()}`);
try {
  for (const args of [extra, [...extra, '--json']]) {
    for (const cli of clis) once(cli, args);
    const rs = clis.map(() => []);
    for (let k = 0; k < runs; k++) for (let c = 0; c < clis.length; c++) rs[c].push(once(clis[c], args));
    clis.forEach((cli, c) => {
      const x = rs[c];
      console.log(
        `${clis.length > 1 ? `${cli}: ` : ''}netstat ${args.join(' ').padEnd(14)} median wall ${median(x.map((r) => r.secs)).toFixed(3)} s, cpu (user+sys) ${median(
          x.map((r) => r.cpu),
        ).toFixed(
          3,
        )} s, max RSS ${Math.max(...x.map((r) => r.rssKiB))} KiB, ${x[0].rows} lines, status ${x[0].status}`,
      );
    });
  }
} finally {
  console.log(`load average after: ${load()}`);
  rmSync(root, { recursive: true, force: true });
}
