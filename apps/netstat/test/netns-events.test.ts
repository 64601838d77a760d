/**
 * `--netns NAME -L`: the built CLI watches a network namespace made here (`ip netns add`, no
 * process inside) while the test adds a veth pair, an IPv4 address, an IPv6 address and a route
 * inside it. With the native layer the netlink sockets are made inside the namespace (setns) and
 * read from the host's thread; without it (NETSTAT_NO_NATIVE=1) /proc/PID/net of a helper process
 * in the namespace is polled and /sys/class/net (this namespace's sysfs) is not read. SIGINT ends
 * it (status 130, as every -L run).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canUnshare } from './reference.js';

const BIN = resolve(__dirname, '../dist/cli.js');
// unique to this run (other worktrees run this file at the same time); the veths live only inside it
const NS = `ns2-lev${(process.pid % 46656).toString(36)}`;
const can = canUnshare();
const tools = spawnSync('which', ['ip']).status === 0;
const skip = !can.ok ? can.why : !existsSync(BIN) ? 'CLI not built' : !tools ? 'ip missing' : null;
if (skip) console.warn(`--netns -L tests skipped: ${skip}`);
const dir = mkdtempSync(join(tmpdir(), 'ns2-lev-'));
const sh = (script: string) => spawnSync('bash', ['-c', script], { encoding: 'latin1', timeout: 90_000 });
afterAll(() => {
  sh(`ip netns del ${NS} 2>/dev/null; true`);
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `netstat --netns NS -v ARGS` while the steps run inside NS (pause: seconds after each). */
function session(id: string, args: string, env: string, pause: number) {
  const f = (x: string) => join(dir, `${id}.${x}`);
  const p = `; sleep ${pause}`;
  const r = sh(`set -e
ip netns del ${NS} 2>/dev/null || true
ip netns add ${NS}; ip -n ${NS} link set lo up
${env} node ${BIN} --netns ${NS} -v ${args} >${f('out')} 2>${f('err')} &
pid=$!
for i in $(seq 100); do grep -q 'netstat: -L' ${f('err')} 2>/dev/null && break; sleep 0.1; done
sleep ${pause > 0 ? 1.5 : 0.5}
ip -n ${NS} link add ns2-lva type veth peer name ns2-lvb${p}
ip -n ${NS} link set ns2-lva up${p}
ip -n ${NS} addr add 10.61.0.1/24 dev ns2-lva${p}
ip -n ${NS} -6 addr add fd61::1/64 dev ns2-lva nodad${p}
ip -n ${NS} route add 10.62.0.0/16 via 10.61.0.2 dev ns2-lva${p}
sleep ${pause > 0 ? 1.5 : 0.5}
kill -INT $pid
set +e
wait $pid
echo $? >${f('status')}
ip netns del ${NS}`);
  expect(r.status, r.stderr).toBe(0);
  const read = (x: string) => readFileSync(f(x), 'latin1');
  return { out: read('out'), err: read('err'), status: read('status').trim() };
}

function expectInOrder(lines: string[], want: (string | RegExp)[], label: string): void {
  let at = 0;
  for (const w of want) {
    const i = lines.findIndex((l, k) => k >= at && (typeof w === 'string' ? l === w : w.test(l)));
    expect(i, `${label}: ${String(w)} after line ${at} in:\n${lines.join('\n')}`).toBeGreaterThanOrEqual(0);
    at = i + 1;
  }
}

describe.skipIf(skip !== null)('--netns NAME -L in a namespace made here', () => {
  it('native: the sockets are made inside the namespace; its events arrive, in order', () => {
    const r = session('native', '-L', '', 0);
    expect(r.err).toBe(`netstat: -L: rtnetlink events inside /run/netns/${NS} (setns)\n`);
    expectInOrder(
      r.out.trimEnd().split('\n'),
      [
        /^NEWDEVICE\tns2-lvb\t\d+\tdown\t1500\t[0-9a-f:]{17}$/,
        /^NEWDEVICE\tns2-lva\t\d+\tdown\t1500\t[0-9a-f:]{17}$/,
        'NEWADDR\tns2-lva\tinet\t10.61.0.1/24\tns2-lva',
        'NEWADDR\tns2-lva\tinet6\tfd61::1/64\t-',
        'NEWROUTE\tinet\t10.62.0.0/16\t10.61.0.2\tns2-lva\tmain\tboot\tunicast',
      ],
      'native',
    );
    // nothing of the namespace the CLI runs in
    expect(r.out).not.toMatch(/\teth0\t|\tifb\d/);
    expect(r.status).toBe('130');
  }, 100_000);

  it('--json: one object per line, from inside the namespace', () => {
    const r = session('json', '--json -L -n', '', 0);
    const events = r.out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; object: Record<string, unknown> });
    const brief = events.map((e) => `${e.type} ${e.object.name ?? e.object.address ?? e.object.destination}`);
    expectInOrder(
      brief,
      [
        'NEWDEVICE ns2-lvb',
        'NEWDEVICE ns2-lva',
        'NEWADDR 10.61.0.1',
        'NEWADDR fd61::1',
        'NEWROUTE 10.62.0.0',
      ],
      'json',
    );
    expect(r.status).toBe('130');
  }, 100_000);

  it('without the native layer: /proc/PID/net of a process in the namespace is polled, not /sys/class/net', () => {
    const r = session('proc', '-L', 'NETSTAT_NO_NATIVE=1', 1.2);
    expect(r.err).toMatch(
      new RegExp(
        `^netstat: -L: polling /proc/\\d+/net of network namespace /run/netns/${NS} every 1000 ms .*not /sys/class/net`,
      ),
    );
    expectInOrder(
      r.out.trimEnd().split('\n'),
      [
        /^NEWDEVICE\tns2-lv[ab]\t\d+\t-\t-\t-$/,
        'NEWADDR\tns2-lva\tinet\t10.61.0.1/24\tns2-lva',
        'NEWADDR\tns2-lva\tinet6\tfd61::1/64\t-',
        'NEWROUTE\tinet\t10.62.0.0/16\t10.61.0.2\tns2-lva\tmain\t-\tunicast',
      ],
      'proc',
    );
    expect(r.out).not.toMatch(/\teth0\t|\tifb\d/);
    expect(r.status).toBe('130');
  }, 100_000);

  it('--all-netns -L is refused: one stream watches one namespace', () => {
    // a second namespace, so that --all-netns names more than one
    const r = sh(
      `ip netns add ${NS}; timeout 20 node ${BIN} --all-netns -L; s=$?; ip netns del ${NS}; exit $s`,
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('netstat: -L watches one namespace (use --netns NAME, not --all-netns).\n');
  });
});
