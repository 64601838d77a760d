#!/usr/bin/env node
// Benchmark of reverse DNS (issue 10): `-ta` (names, no -n) with 200 distinct peer addresses,
// the name server a stub on 127.0.0.1 that answers each PTR query only after a delay.
//
//   node bench/dns.mjs [--delay-ms 1000] [--ours 'node apps/netstat/dist/cli.cjs']
//
// Root. Everything happens in a network namespace it makes (`ip netns add`, removed at the
// end): a listener and 200 connections to 127.0.1.1 … 127.0.1.200 (all local addresses), a
// stub name server on 127.0.0.1:53 answering `N.1.0.127.in-addr.arpa` with `peerN.bench.test`,
// and /etc/netns/NAME/{resolv.conf,hosts} (which `ip netns exec` binds over /etc). The
// reference net-tools 2.10 asks for one name after the other, so it is run with answers at
// once to get the names; netstat-ts is run with the delay, timed, and its output compared.
// No packet leaves the namespace.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { flag, repo } from './args.mjs';

const delay = Number(flag('--delay-ms', '1000'));
const ours = flag('--ours', `node ${repo}/apps/netstat/dist/cli.cjs`).split(' ');
const reference = process.env.NETSTAT_REFERENCE ?? '/usr/bin/netstat';
const NS = `bench-dns-${process.pid}`;
const etc = `/etc/netns/${NS}`;

const holder = `
const net = require('node:net'), dgram = require('node:dgram');
const srv = net.createServer(() => {}).listen(7000, '0.0.0.0', () => {
  for (let i = 1; i <= 200; i++) net.connect(7000, '127.0.1.' + i);
});
// 127.0.0.1 answers at once (for the reference), 127.0.0.2 after DELAY ms (for netstat-ts).
let ready = 0;
for (const [addr, delay] of [['127.0.0.1', 0], ['127.0.0.2', Number(process.env.DELAY)]]) {
const dns = dgram.createSocket('udp4');
dns.on('message', (msg, rinfo) => {
  let p = 12; const labels = [];
  while (msg[p] > 0) { labels.push(msg.subarray(p + 1, p + 1 + msg[p]).toString()); p += msg[p] + 1; }
  const m = /^(\\d+)\\.1\\.0\\.127\\.in-addr\\.arpa$/.exec(labels.join('.'));
  const question = msg.subarray(12, p + 5);
  const header = Buffer.from([msg[0], msg[1], 0x81, m ? 0x80 : 0x83, 0, 1, 0, m ? 1 : 0, 0, 0, 0, 0]);
  const parts = [header, question];
  if (m) {
    const name = 'peer' + m[1] + '.bench.test';
    const rdata = Buffer.concat([...name.split('.').map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l)])), Buffer.from([0])]);
    const rr = Buffer.alloc(12); rr.writeUInt16BE(0xc00c, 0); rr.writeUInt16BE(12, 2); rr.writeUInt16BE(1, 4);
    rr.writeUInt32BE(60, 6); rr.writeUInt16BE(rdata.length, 10); parts.push(rr, rdata);
  }
  setTimeout(() => dns.send(Buffer.concat(parts), rinfo.port, rinfo.address), delay);
});
dns.bind(53, addr, () => {
  // Ready once both servers listen and every connection is established.
  if (++ready === 2) setTimeout(() => process.stdout.write('ready\\n'), 1500);
});
}
`;

function startHolder(ms) {
  const child = spawn('ip', ['netns', 'exec', NS, process.execPath, '-e', holder], {
    env: { ...process.env, DELAY: String(ms) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((ok) => child.stdout.once('data', () => ok(child)));
}

function run(cmd, server) {
  writeFileSync(`${etc}/resolv.conf`, `nameserver ${server}\n`);
  const t = process.hrtime.bigint();
  const r = spawnSync('ip', ['netns', 'exec', NS, ...cmd, '-ta'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, out: r.stdout, status: r.status };
}

execFileSync('ip', ['netns', 'add', NS]);
try {
  execFileSync('ip', ['-n', NS, 'link', 'set', 'lo', 'up']);
  mkdirSync(etc, { recursive: true });
  writeFileSync(`${etc}/hosts`, '127.0.0.1 localhost\n');
  const h = await startHolder(delay);
  const ref = run([reference], '127.0.0.1');
  const oursFast = run(ours, '127.0.0.1');
  const timed = [];
  for (let i = 0; i < 3; i++) timed.push(run(ours, '127.0.0.2'));
  h.kill();
  const named = (ref.out.match(/peer\d+\.bench\.test/g) ?? []).length;
  const same = timed.every((t) => t.out === ref.out) && oursFast.out === ref.out;
  const ms = timed.map((t) => t.ms).sort((a, b) => a - b);
  console.log(`reference (answers at once): ${ref.ms.toFixed(0)} ms, ${named} names`);
  console.log(
    `netstat-ts, each answer after ${delay} ms: ${ms.map((m) => m.toFixed(0)).join(' / ')} ms (median ${ms[1].toFixed(0)})`,
  );
  console.log(`same output as the reference: ${same ? 'yes' : 'NO'}`);
  if (!same) {
    process.exitCode = 1;
    writeFileSync('/tmp/bench-dns-ref.txt', ref.out);
    writeFileSync('/tmp/bench-dns-ours.txt', timed[0].out);
    writeFileSync('/tmp/bench-dns-ours-fast.txt', oursFast.out);
  }
} finally {
  execFileSync('ip', ['netns', 'del', NS]);
  rmSync(etc, { recursive: true, force: true });
}
