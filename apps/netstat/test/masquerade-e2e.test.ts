import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `-M` end to end on the real kernel: three network namespaces (client, router, server) joined
 * by veth pairs, nft masquerade on the router's outer interface, a TCP connection and a UDP
 * exchange from the client to the server through the router; then `netstat -M -n` in the router
 * namespace, from each source: ctnetlink, ctnetlink with /proc/net/nf_conntrack hidden, and the
 * /proc file with NETSTAT_NO_NATIVE=1. Skipped only where network namespaces cannot be made.
 */

const BIN = resolve(__dirname, '../dist/cli.cjs');
const E2E = resolve(__dirname, '../../../packages/masquerade/test/e2e');
const TOPOLOGY = `${E2E}/topology.sh`;
const TRAFFIC = `${E2E}/traffic.mjs`;
const HIDE = `${E2E}/hide-nf-conntrack.sh`;
const P = `cte${process.pid % 100000}`;

function sh(cmd: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(cmd, args, { encoding: 'latin1', env: { ...process.env, ...env }, timeout: 60_000 });
}

function namespacesPossible(): string | null {
  if (process.getuid?.() !== 0) return 'not root';
  const probe = `${P}-probe`;
  const r = sh('ip', ['netns', 'add', probe]);
  if (r.error || r.status !== 0) return `ip netns add failed: ${r.error?.message ?? r.stderr.trim()}`;
  sh('ip', ['netns', 'del', probe]);
  return null;
}

/** nft from Debian's nftables package, installed when missing. */
function ensureNft(): void {
  if (sh('sh', ['-c', 'command -v nft']).status === 0) return;
  let r = sh('apt-get', ['install', '-y', '-qq', 'nftables'], { DEBIAN_FRONTEND: 'noninteractive' });
  if (r.status !== 0) {
    sh('apt-get', ['update', '-qq']);
    r = sh('apt-get', ['install', '-y', '-qq', 'nftables'], { DEBIAN_FRONTEND: 'noninteractive' });
  }
  if (r.status !== 0) throw new Error(`cannot install nftables: ${r.stderr}`);
}

const skip = !existsSync(BIN) ? 'CLI not built' : namespacesPossible();
if (skip) console.warn(`-M end-to-end test skipped: network namespaces impossible here (${skip})`);

/** Starts `traffic.mjs` in a namespace and resolves when it prints `want`. */
function start(ns: string, args: string[], want: string): Promise<ChildProcess> {
  const c = spawn('ip', ['netns', 'exec', `${P}-${ns}`, 'node', TRAFFIC, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  return new Promise((ok, fail) => {
    let out = '';
    const t = setTimeout(() => fail(new Error(`${args.join(' ')}: no "${want}" (${out})`)), 15_000);
    c.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes(want)) {
        clearTimeout(t);
        ok(c);
      }
    });
    c.on('exit', (code) => {
      clearTimeout(t);
      fail(new Error(`${args.join(' ')} exited ${code}: ${out}`));
    });
  });
}

/** `netstat ARGS` in the router namespace, optionally through a wrapper. */
function netstat(args: string[], opts: { env?: Record<string, string>; wrap?: string[] } = {}) {
  const r = sh('ip', ['netns', 'exec', `${P}-r`, ...(opts.wrap ?? []), 'node', BIN, ...args], opts.env);
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

const TCP_ROW = /^tcp +\d+:\d\d\.00 10\.77\.1\.2 +10\.77\.2\.2 +40001 -> 8080 \(\d+\)$/m;
const UDP_ROW = /^udp +\d+:\d\d\.00 10\.77\.1\.2 +10\.77\.2\.2 +40002 -> 8080 \(\d+\)$/m;

describe.skipIf(skip !== null)('-M through a real masquerading router (three namespaces)', () => {
  const kids: ChildProcess[] = [];
  let procFile = false;

  beforeAll(async () => {
    ensureNft();
    sh(TOPOLOGY, ['down', P]);
    const up = sh(TOPOLOGY, ['up', P]);
    if (up.status !== 0) throw new Error(`topology: ${up.stderr}`);
    kids.push(await start('s', ['server', '8080'], 'ready'));
    kids.push(await start('c', ['tcp', '10.77.2.2', '8080', '40001'], 'tcp ok'));
    const udp = sh('ip', ['netns', 'exec', `${P}-c`, 'node', TRAFFIC, 'udp', '10.77.2.2', '8080', '40002']);
    if (!udp.stdout.includes('udp ok')) throw new Error(`udp: ${udp.stdout}${udp.stderr}`);
    procFile = sh('ip', ['netns', 'exec', `${P}-r`, 'test', '-e', '/proc/net/nf_conntrack']).status === 0;
  }, 120_000);

  afterAll(() => {
    for (const k of kids) k.kill();
    sh(TOPOLOGY, ['down', P]);
  });

  it('ctnetlink: both connections, masqueraded as the router, source said by -v', () => {
    const r = netstat(['-M', '-n', '-v']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^IP masquerading entries\nprot {3}expire source {15}destination {10}ports\n/);
    expect(r.stdout).toMatch(TCP_ROW);
    expect(r.stdout).toMatch(UDP_ROW);
    expect(r.stderr).toContain('netstat: -M source: ctnetlink');
    const j = JSON.parse(netstat(['-M', '-n', '--json']).stdout);
    const rows = j.tables[0].rows as Array<Record<string, unknown>>;
    const tcp = rows.find((x) => x.protocol === 'tcp' && (x.original as { sport: number }).sport === 40001);
    expect(tcp).toMatchObject({
      source: 'ctnetlink',
      nat: 'snat',
      masqAddress: '10.77.2.1',
      original: { src: '10.77.1.2', dst: '10.77.2.2', dport: 8080 },
      reply: { src: '10.77.2.2', dst: '10.77.2.1', sport: 8080 },
    });
    expect(tcp!.status).toBeTypeOf('number');
  });

  it('ctnetlink with /proc/net/nf_conntrack hidden (empty file, private mount namespace)', () => {
    const wrap = ['unshare', '-m', HIDE];
    const r = netstat(['-M', '-n', '-v'], { wrap });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(TCP_ROW);
    expect(r.stdout).toMatch(UDP_ROW);
    expect(r.stderr).toContain('netstat: -M source: ctnetlink');
    // The hidden file really is empty there: the /proc source alone finds nothing.
    const p = netstat(['-M', '-n', '-v'], { wrap, env: { NETSTAT_NO_NATIVE: '1' } });
    expect(p.stdout).toBe('');
    expect(p.stderr).toContain('netstat: -M source: /proc/net/nf_conntrack (0 lines)');
  });

  it('--netns ROUTER from outside: ctnetlink inside the namespace, the rows of ip netns exec', () => {
    // The expire column counts down between two runs: compared without it, as sorted rows.
    const rows = (text: string) =>
      text
        .split('\n')
        .filter((l) => /^(tcp|udp|icmp)/.test(l))
        .map((l) => l.replace(/^(\S+ *)\d+:\d\d\.00/, '$1-'))
        .sort();
    const inside = netstat(['-M', '-n']);
    const outside = sh('node', [BIN, '--netns', `${P}-r`, '-M', '-n', '-v']);
    expect(outside.status, outside.stderr).toBe(0);
    expect(outside.stdout).toMatch(TCP_ROW);
    expect(outside.stdout).toMatch(UDP_ROW);
    expect(outside.stderr).toContain('netstat: -M source: ctnetlink');
    expect(rows(outside.stdout)).toEqual(rows(inside.stdout));
    expect(rows(outside.stdout).length).toBeGreaterThanOrEqual(2);
    // Our own namespace has none of the router's connections.
    expect(sh('node', [BIN, '-M', '-n']).stdout).not.toMatch(TCP_ROW);
    // A process inside the router namespace (--netns PID): the same; and with the native layer
    // off, the /proc source is that process's /proc/PID/net/nf_conntrack.
    const holder = spawn('ip', ['netns', 'exec', `${P}-r`, 'sleep', '30'], { stdio: 'ignore' });
    try {
      let pid = '';
      for (let i = 0; i < 50 && !pid; i++) {
        const r = sh('ip', ['netns', 'pids', `${P}-r`]);
        pid = r.stdout.trim().split('\n')[0] ?? '';
        if (!pid) sh('sleep', ['0.1']);
      }
      expect(pid).toMatch(/^\d+$/);
      const byPid = sh('node', [BIN, '--netns', pid, '-M', '-n']);
      expect(byPid.status, byPid.stderr).toBe(0);
      expect(rows(byPid.stdout)).toEqual(rows(inside.stdout));
      if (procFile) {
        const proc = sh('node', [BIN, '--netns', pid, '-M', '-n', '-v'], { NETSTAT_NO_NATIVE: '1' });
        expect(proc.status, proc.stderr).toBe(0);
        expect(proc.stderr).toContain('netstat: -M source: /proc/net/nf_conntrack');
        expect(rows(proc.stdout)).toEqual(rows(inside.stdout));
      }
    } finally {
      holder.kill();
    }
  });

  it('NETSTAT_NO_NATIVE=1: the same rows from /proc/net/nf_conntrack', () => {
    const r = netstat(['-M', '-n', '-v'], { env: { NETSTAT_NO_NATIVE: '1' } });
    if (!procFile) {
      // A kernel without CONFIG_NF_CONNTRACK_PROCFS: no /proc source, so 2.10's message.
      expect(r.stderr).toContain("netstat: no support for `ip_masquerade' on this system.");
      expect(r.status).toBe(1);
      return;
    }
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(TCP_ROW);
    expect(r.stdout).toMatch(UDP_ROW);
    expect(r.stderr).toContain('netstat: -M source: /proc/net/nf_conntrack');
    expect(r.stderr).toContain('ctnetlink: native layer disabled (NETSTAT_NO_NATIVE=1)');
  });
});
