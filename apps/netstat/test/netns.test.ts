import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canUnshare, referenceNetstat } from './reference.js';

/**
 * `--netns` and `--all-netns` against the reference netstat run inside the same namespaces. The
 * test makes its own: `nsnt-a` (`ip netns add`, with a server process), `nsnt-c` (`ip netns add`
 * and nothing else: no process holds it) and one from `unshare -n` held by a sleeping process
 * (addressed by PID), joined by a veth pair with IPv4/IPv6 addresses, an alias label, routes,
 * TCP/UDP/UNIX listeners, a TCP connection across the pair and a multicast membership.
 */
const BIN = resolve(__dirname, '../dist/cli.cjs');
const CASES = ['-tan', '-tulpn', '-xa', '-rn', '-i', '-ie', '-gn', '-s'];
// Names unique to this run: other worktrees run this file at the same time on the same machine.
const TAG = (process.pid % 46656).toString(36);
const A = `nsnt-a${TAG}`;
const C = `nsnt-c${TAG}`;
const VA = `nsnt-va${TAG}`;
const VB = `nsnt-vb${TAG}`;
const unshare = canUnshare();
const ref = referenceNetstat();
const tools = ['ip', 'nsenter'].every((t) => spawnSync('which', [t]).status === 0);
const skip = !unshare.ok
  ? unshare.why
  : ref.bin === null
    ? ref.why
    : !existsSync(BIN)
      ? 'CLI not built'
      : !tools
        ? 'ip or nsenter missing'
        : null;
if (skip) console.warn(`network namespace tests skipped: ${skip}`);

const sh = (script: string) =>
  spawnSync('bash', ['-c', script], {
    encoding: 'latin1',
    env: { ...process.env, LC_ALL: 'C' },
    maxBuffer: 1 << 28, // the host namespace may hold many sockets (--all-netns --json)
  });

let dir = '';
let holder = 0; // the sleeping process of the unshare'd namespace
let inodeA = 0;

function cleanup() {
  // only the processes this test started, by pid
  sh(`for f in ${dir}/pid-*; do [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null; done
      ip netns del ${A} 2>/dev/null; ip netns del ${C} 2>/dev/null; true`);
}

/** Runs the reference netstat inside a namespace, then ours from outside, until both are stable. */
function compare(
  spec: string,
  args: string[],
  env = '',
): { ref: ReturnType<typeof sh>; ours: ReturnType<typeof sh> } {
  const inside = /^\d+$/.test(spec) ? `nsenter -t ${spec} -n` : `ip netns exec ${spec}`;
  const refCmd = `env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C ${inside} ${ref.bin} ${args.join(' ')}`;
  const oursCmd = `${env} node ${BIN} --netns ${spec} ${args.join(' ')}`;
  let last = { ref: sh(refCmd), ours: sh(oursCmd) };
  for (let i = 0; i < 6; i++) {
    const r1 = sh(refCmd);
    const o = sh(oursCmd);
    const r2 = sh(refCmd);
    last = { ref: r1, ours: o };
    if (r1.stdout === r2.stdout && o.stdout === r1.stdout) break;
    sh('sleep 0.5'); // counters (-i, -s) move while IPv6 autoconfiguration settles
  }
  return last;
}

describe.skipIf(skip !== null)('--netns and --all-netns in namespaces made here', () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'netns-test-'));
    cleanup();
    writeFileSync(
      join(dir, 'serve-a.cjs'),
      `const net=require('net'),dgram=require('dgram');
       net.createServer(()=>{}).listen(8080,'0.0.0.0');
       net.createServer(()=>{}).listen(8081,'fd77::1');
       net.createServer(()=>{}).listen(${JSON.stringify(join(dir, 'a.sock'))});
       dgram.createSocket('udp4').bind(5353,'10.77.0.1');
       const m=dgram.createSocket({type:'udp4',reuseAddr:true});
       m.bind(5400,()=>m.addMembership('239.7.7.7','10.77.0.1'));
       setTimeout(()=>process.exit(0),900000);`,
    );
    writeFileSync(
      join(dir, 'serve-b.cjs'),
      `const net=require('net'),dgram=require('dgram');
       net.createServer(()=>{}).listen(9090,'::');
       dgram.createSocket('udp6').bind(5355,'fd77::2');
       const p=${JSON.stringify(join(dir, 'b.sock'))};
       net.createServer(()=>{}).listen(p,()=>net.connect(p));
       setTimeout(()=>net.connect(8080,'10.77.0.1'),200);
       setTimeout(()=>process.exit(0),900000);`,
    );
    const r = sh(`set -e
      ip netns add ${A}; ip netns add ${C}
      unshare -n sleep 900 >/dev/null 2>&1 & echo $! > ${dir}/pid-holder
      sleep 0.2; B=$(cat ${dir}/pid-holder)
      ip link add ${VA} type veth peer name ${VB}
      ip link set ${VA} netns ${A}; ip link set ${VB} netns $B
      ip -n ${A} link set lo up; ip -n ${A} link set ${VA} up
      ip -n ${A} addr add 10.77.0.1/24 dev ${VA}
      ip -n ${A} addr add 10.77.0.11/24 dev ${VA} label ${VA}:1
      ip -n ${A} addr add fd77::1/64 dev ${VA} nodad
      ip -n ${A} route add 10.66.0.0/16 via 10.77.0.2
      nsenter -t $B -n sh -c 'ip link set lo up; ip link set ${VB} up; ip addr add 10.77.0.2/24 dev ${VB};
        ip addr add fd77::2/64 dev ${VB} nodad; ip route add 10.88.0.0/16 via 10.77.0.1;
        ip route add 10.99.1.0/24 dev ${VB} metric 7'
      ip -n ${C} link set lo up
      ip netns exec ${A} node ${dir}/serve-a.cjs >/dev/null 2>&1 & echo $! > ${dir}/pid-a
      sleep 0.3
      nsenter -t $B -n node ${dir}/serve-b.cjs >/dev/null 2>&1 & echo $! > ${dir}/pid-b
      sleep 2.5`);
    expect(r.status, r.stderr).toBe(0);
    holder = Number(sh(`cat ${dir}/pid-holder`).stdout.trim());
    inodeA = statSync(`/run/netns/${A}`).ino;
  }, 30000);
  afterAll(() => cleanup());

  for (const c of CASES) {
    it(`--netns NAME ${c} prints what netstat prints inside it`, () => {
      const { ref: r, ours } = compare(A, [c]);
      expect(ours.stdout).toBe(r.stdout);
      expect(ours.status).toBe(r.status);
      expect(ours.stderr).toBe(r.stderr);
    }, 30000);
    it(`--netns PID ${c} prints what netstat prints inside it`, () => {
      const { ref: r, ours } = compare(String(holder), [c]);
      expect(ours.stdout).toBe(r.stdout);
      expect(ours.status).toBe(r.status);
      expect(ours.stderr).toBe(r.stderr);
    }, 30000);
  }

  it('--netns NAME of a namespace no process holds (-tan, -i, -rn, -s)', () => {
    for (const c of ['-tan', '-ia', '-rn', '-s']) {
      const { ref: r, ours } = compare(C, [c]);
      expect(ours.stdout, c).toBe(r.stdout);
      expect(ours.status, c).toBe(r.status);
    }
  }, 60000);

  it('the same without the native layer (NETSTAT_NO_NATIVE=1: ip and a helper process through nsenter)', () => {
    for (const [spec, c] of [
      [A, '-ie'],
      [String(holder), '-i'],
      [C, '-ia'],
      [C, '-tan'],
    ] as const) {
      const { ref: r, ours } = compare(spec, [c], 'NETSTAT_NO_NATIVE=1');
      expect(ours.stdout, `${spec} ${c}`).toBe(r.stdout);
      expect(ours.status, `${spec} ${c}`).toBe(r.status);
    }
    const v = sh(`NETSTAT_NO_NATIVE=1 node ${BIN} --netns ${A} -iv`);
    expect(v.stderr).toContain(`nsenter --net=/run/netns/${A} ip -j -d link show`);
    const n = sh(`node ${BIN} --netns ${A} -iv`);
    expect(n.stderr).toContain(`rtnetlink inside /run/netns/${A} (setns)`);
  }, 60000);

  it('the namespaces really differ (the test is not comparing the host with itself)', () => {
    const a = sh(`node ${BIN} --netns ${A} -tln`).stdout;
    const b = sh(`node ${BIN} --netns ${holder} -tln`).stdout;
    const host = sh(`node ${BIN} -tln`).stdout;
    expect(a).toContain('0.0.0.0:8080');
    expect(b).toContain(':::9090');
    expect(host).not.toContain('0.0.0.0:8080');
    expect(a).not.toContain(':::9090');
  });

  it('--all-netns lists every namespace once, host first, with its label and tables', () => {
    const r = sh(`node ${BIN} --all-netns -tln`);
    expect(r.status, r.stderr).toBe(0);
    const headers = r.stdout.split('\n').filter((l) => l.startsWith('Network namespace '));
    expect(headers[0]).toMatch(/^Network namespace host \(inode \d+, pids? /);
    const a = headers.find((h) => h.startsWith(`Network namespace ${A} `));
    expect(a).toMatch(new RegExp(`^Network namespace ${A} \\(inode ${inodeA}, pid \\d+\\)$`));
    expect(headers.find((h) => h.startsWith(`Network namespace ${C} `))).toMatch(/, no process\)$/);
    expect(headers).toContain(
      headers.find((h) =>
        new RegExp(`^Network namespace pid ${holder}/sleep \\(inode \\d+, pids ${holder} \\d+\\)$`).test(h),
      ),
    );
    expect(headers.filter((h) => h.includes(`pid ${holder}/sleep`))).toHaveLength(1);
    // the block under A's header is A's table, as the reference prints it inside A
    const block = r.stdout.split(/^Network namespace /m).find((b) => b.startsWith(`${A} `))!;
    const inside = sh(`ip netns exec ${A} ${ref.bin} -tln`).stdout;
    expect(block.slice(block.indexOf('\n') + 1).replace(/\n+$/, '\n')).toBe(inside);
    // distinct inodes: no namespace twice
    const inodes = headers.map((h) => /inode (\d+)/.exec(h)![1]);
    expect(new Set(inodes).size).toBe(inodes.length);
  });

  it('--all-netns --json: one document, every table and row carries its namespace', () => {
    const r = sh(`node ${BIN} --all-netns --json -tan`);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.namespaces[0].host).toBe(true);
    const tcpA = doc.tables.find(
      (t: { name: string; netns: { names: string[] } }) => t.name === 'tcp' && t.netns.names.includes(A),
    );
    expect(tcpA.netns).toMatchObject({ inode: inodeA, name: A, names: [A] });
    expect(tcpA.netns.pids.length).toBeGreaterThan(0);
    expect(tcpA.rows.length).toBeGreaterThan(0);
    for (const row of tcpA.rows) expect(row.netns).toBe(inodeA);
    expect(tcpA.rows.some((x: { local: { port: number } }) => x.local.port === 8080)).toBe(true);
    for (const t of doc.tables) expect(t.netns.inode).toBeTypeOf('number');
  });

  it('--netns PID --json tags tables and rows with that namespace', () => {
    const doc = JSON.parse(sh(`node ${BIN} --netns ${holder} --json -tln`).stdout);
    const t = doc.tables.find((x: { name: string }) => x.name === 'tcp6');
    expect(t.netns.pids).toContain(holder);
    expect(t.rows.some((x: { local: { port: number } }) => x.local.port === 9090)).toBe(true);
  });

  it('an unknown namespace is an error with a reason, status 1', () => {
    const r = sh(`node ${BIN} --netns nsnt-nonexistent -tan`);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      'netstat: --netns nsnt-nonexistent: no network namespace of that name (/run/netns/nsnt-nonexistent: No such file or directory)\n',
    );
    const p = sh(`node ${BIN} --netns 4194303 -tan`);
    expect(p.status).toBe(1);
    expect(p.stderr).toMatch(/^netstat: --netns 4194303: no such process/);
  });

  it('-ie: the device map (SIOCGIFMAP) is asked on a socket made inside the namespace', async () => {
    // byte for byte against the reference inside A (also in CASES), and the map was read (-v)
    const { ref: r, ours } = compare(A, ['-ie']);
    expect(ours.stdout).toBe(r.stdout);
    const v = sh(`node ${BIN} --netns ${A} -iev`);
    expect(v.stderr).not.toContain('device map line');
    const nn = sh(`NETSTAT_NO_NATIVE=1 node ${BIN} --netns ${A} -iev`);
    expect(nn.stderr).toContain('the device map line (interrupt/base/memory/dma) needs the native layer');
    // VA exists only inside A: a socket made there knows it, one made here does not
    const { loadNative } = await import('@netstat-ts/native');
    const { netnsDeviceMaps } = await import('@netstat-ts/interfaces');
    const n = await loadNative();
    if (!n.ok) throw new Error(n.reason);
    const inside = await netnsDeviceMaps(
      async () => n,
      () => n.withNetns(`/run/netns/${A}`, () => n.inetSocket()),
    )([VA, 'lo']);
    expect([...(inside?.keys() ?? [])]).toEqual([VA, 'lo']);
    const here = await netnsDeviceMaps(
      async () => n,
      () => n.inetSocket(),
    )([VA, 'lo']);
    expect([...(here?.keys() ?? [])]).toEqual(['lo']);
  }, 30000);

  it('-v -p says why a PID column is "-"', () => {
    const r = sh(`node ${BIN} --netns ${A} -tanpv`);
    expect(r.stdout).toContain('0.0.0.0:8080');
    expect(r.status).toBe(0);
    const x = sh(`node ${BIN} --netns ${A} -xanpv`);
    expect(x.stdout).toContain('a.sock');
    expect(x.status).toBe(0);
  });
});
