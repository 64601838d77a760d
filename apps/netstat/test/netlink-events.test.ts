/**
 * `-L` end to end: the built CLI in a private network namespace (own sysfs mount) while the test
 * adds and deletes a veth pair, an IPv4 address with a label, an IPv6 address and a route; every
 * expected record must appear, in order, from the kernel (native layer), as JSON, and from the
 * /proc polling fallback (NETSTAT_NO_NATIVE=1). Ctrl-C, SIGTERM and a closed stdout must end it
 * quickly, as they end every netstat run (and 2.10): the process dies of the signal (130, 143)
 * or of SIGPIPE (141). Root only (CI runs as root).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CollectingSink, createContext, type FamilyPlugin } from '@netstat-ts/core';
import type { RunPlan } from '@netstat-ts/core/args';
import { afterAll, describe, expect, it } from 'vitest';
import { runEvents } from '../src/events.js';
import { FIXTURES, runCli } from './fixtures.js';
import { canUnshare } from './reference.js';

const BIN = resolve(__dirname, '../dist/cli.cjs');
const ns = canUnshare();
const skip = !ns.ok ? ns.why : !existsSync(BIN) ? 'CLI not built' : null;
if (skip) console.warn(`-L namespace tests skipped: ${skip}`);
const dir = mkdtempSync(join(tmpdir(), 'netlink-ev-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The changes, with `pause` seconds between steps (the fallback polls once a second). */
function steps(pause: number): string {
  const p = pause > 0 ? `; sleep ${pause}` : '';
  return [
    'ip link add nla0 type veth peer name nlb0',
    'ip link set nla0 up',
    'ip addr add 10.77.0.1/24 dev nla0 label nla0:x',
    'ip -6 addr add fd77::1/64 dev nla0 nodad',
    'ip route add 10.88.0.0/16 via 10.77.0.2 dev nla0 proto static',
    'ip route del 10.88.0.0/16 via 10.77.0.2 dev nla0',
    'ip -6 addr del fd77::1/64 dev nla0',
    'ip addr del 10.77.0.1/24 dev nla0',
    'ip link del nla0',
  ]
    .map((s) => s + p)
    .join('\n');
}

/** Starts `netstat ARGS` in the namespace, waits until it watches, runs the steps, stops it with SIG. */
function session(
  id: string,
  args: string,
  env: string,
  pause: number,
  sig = 'INT',
): { out: string; err: string; status: string; stopMs: number } {
  const f = (x: string) => join(dir, `${id}.${x}`);
  const script = `set -e
mount -t sysfs sysfs /sys
ip link set lo up
${env} node ${BIN} -v ${args} >${f('out')} 2>${f('err')} &
pid=$!
for i in $(seq 100); do grep -q 'netstat: -L' ${f('err')} 2>/dev/null && break; sleep 0.1; done
sleep ${pause > 0 ? 1.5 : 0.5}
${steps(pause)}
sleep ${pause > 0 ? 1.5 : 0.5}
t0=$(date +%s%N)
kill -${sig} $pid
set +e
wait $pid
echo $? >${f('status')}
echo $(( ($(date +%s%N) - t0) / 1000000 )) >${f('ms')}
`;
  const r = spawnSync('unshare', ['-n', '-m', 'sh', '-c', script], { encoding: 'latin1', timeout: 90_000 });
  expect(r.status, r.stderr).toBe(0);
  const read = (x: string) => readFileSync(f(x), 'latin1');
  return { out: read('out'), err: read('err'), status: read('status').trim(), stopMs: Number(read('ms')) };
}

/** Asserts that `want` occur in `lines` in this order (other lines may come between). */
function expectInOrder(lines: string[], want: (string | RegExp)[], label: string): void {
  let at = 0;
  for (const w of want) {
    const i = lines.findIndex((l, k) => k >= at && (typeof w === 'string' ? l === w : w.test(l)));
    expect(i, `${label}: ${String(w)} after line ${at} in:\n${lines.join('\n')}`).toBeGreaterThanOrEqual(0);
    at = i + 1;
  }
}

const KERNEL_ORDER = [
  /^NEWDEVICE\tnlb0\t\d+\tdown\t1500\t[0-9a-f:]{17}$/,
  /^NEWDEVICE\tnla0\t\d+\tdown\t1500\t[0-9a-f:]{17}$/,
  'NEWADDR\tnla0\tinet\t10.77.0.1/24\tnla0:x',
  'NEWADDR\tnla0\tinet6\tfd77::1/64\t-',
  'NEWROUTE\tinet\t10.88.0.0/16\t10.77.0.2\tnla0\tmain\tstatic\tunicast',
  'DELROUTE\tinet\t10.88.0.0/16\t10.77.0.2\tnla0\tmain\tstatic\tunicast',
  'DELADDR\tnla0\tinet6\tfd77::1/64\t-',
  'DELADDR\tnla0\tinet\t10.77.0.1/24\tnla0:x',
  /^DELDEVICE\tnla0\t/,
];

describe.skipIf(skip !== null)('netstat -L in a private network namespace', () => {
  it('prints every kernel message in order (native layer), and ends at once on Ctrl-C', () => {
    const r = session('native', '-L', '', 0);
    expect(r.err).toBe('netstat: -L: rtnetlink events (native layer)\n');
    expectInOrder(r.out.trimEnd().split('\n'), KERNEL_ORDER, 'native');
    expect(r.out).toMatch(/^DELDEVICE\tnlb0\t/m);
    expect(r.status).toBe('130'); // died of SIGINT
    expect(r.stopMs).toBeLessThan(3000);
    console.info(`-L native: ${r.out.split('\n').length - 1} records, stopped ${r.stopMs} ms after SIGINT`);
  }, 100_000);

  it('--json -L prints one JSON object per line with type, time and object; SIGTERM ends it', () => {
    const r = session('json', '--json -L -n', '', 0, 'TERM');
    const events = r.out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; time: string; object: Record<string, unknown> });
    for (const e of events) {
      expect(Object.keys(e)).toEqual(['type', 'time', 'object']);
      expect(new Date(e.time).toISOString()).toBe(e.time);
    }
    const brief = events.map(
      (e) => `${e.type} ${e.object.name ?? e.object.address ?? e.object.destination}/${e.object.label ?? ''}`,
    );
    expectInOrder(
      brief,
      [
        'NEWDEVICE nlb0/',
        'NEWDEVICE nla0/',
        'NEWADDR 10.77.0.1/nla0:x',
        'NEWADDR fd77::1/',
        'NEWROUTE 10.88.0.0/',
        'DELROUTE 10.88.0.0/',
        'DELADDR fd77::1/',
        'DELADDR 10.77.0.1/nla0:x',
        'DELDEVICE nla0/',
      ],
      'json',
    );
    const route = events.find((e) => e.type === 'NEWROUTE' && e.object.destination === '10.88.0.0')!;
    expect(route.object).toMatchObject({
      family: 'inet',
      dstLen: 16,
      gateway: '10.77.0.2',
      device: 'nla0',
      table: 254,
      protocol: 4,
      type: 1,
    });
    const link = events.find((e) => e.type === 'NEWDEVICE' && e.object.name === 'nla0')!;
    expect(link.object).toMatchObject({ mtu: 1500, kind: 'veth', operstate: 'down' });
    expect(r.status).toBe('143'); // died of SIGTERM
    expect(r.stopMs).toBeLessThan(3000);
  }, 100_000);

  it('falls back to polling /proc/net and /sys/class/net with NETSTAT_NO_NATIVE=1 (same records, says so with -v)', () => {
    const r = session('proc', '-L', 'NETSTAT_NO_NATIVE=1', 1.3);
    expect(r.err).toMatch(
      /^netstat: -L: polling \/proc\/net and \/sys\/class\/net every 1000 ms \(disabled by NETSTAT_NO_NATIVE=1\)/,
    );
    expectInOrder(
      r.out.trimEnd().split('\n'),
      [
        /^NEWDEVICE\tnlb0\t\d+\tdown\t1500\t/,
        /^NEWDEVICE\tnla0\t\d+\tdown\t1500\t/,
        'NEWADDR\tnla0\tinet\t10.77.0.1/24\tnla0',
        'NEWADDR\tnla0\tinet6\tfd77::1/64\t-',
        'NEWROUTE\tinet\t10.88.0.0/16\t10.77.0.2\tnla0\tmain\t-\tunicast',
        'DELROUTE\tinet\t10.88.0.0/16\t10.77.0.2\tnla0\tmain\t-\tunicast',
        'DELADDR\tnla0\tinet6\tfd77::1/64\t-',
        'DELADDR\tnla0\tinet\t10.77.0.1/24\tnla0',
        /^DELDEVICE\tnla0\t/,
      ],
      'fallback',
    );
    expect(r.status).toBe('130');
    expect(r.stopMs).toBeLessThan(3000);
  }, 100_000);

  it('ends quietly by SIGPIPE (141) when stdout is closed (netstat -L | head -1)', () => {
    const script = `mount -t sysfs sysfs /sys
( node ${BIN} -L -v 2>${dir}/head.err; echo $? >${dir}/head.status ) | head -n 1 >${dir}/head.out &
for i in $(seq 100); do grep -q 'netstat: -L' ${dir}/head.err 2>/dev/null && break; sleep 0.1; done
sleep 0.5
for i in 1 2 3; do ip link add nlh$i type veth peer name nlp$i; sleep 0.2; done
for i in $(seq 50); do [ -s ${dir}/head.status ] && break; sleep 0.1; done
cat ${dir}/head.status 2>/dev/null || echo none
`;
    const r = spawnSync('unshare', ['-n', '-m', 'bash', '-c', script], {
      encoding: 'latin1',
      timeout: 60_000,
    });
    expect(r.stdout.trim()).toBe('141');
    expect(readFileSync(`${dir}/head.err`, 'latin1')).not.toMatch(/Error:|\n\s+at /);
    expect(readFileSync(`${dir}/head.out`, 'latin1')).toMatch(/^NEWDEVICE\tnlp1\t/);
  }, 70_000);
});

describe('netstat -L refusals and endings', () => {
  it('-L with --root is a clear error (status 3)', async () => {
    const r = await runCli(['-L', '--root', dir]);
    expect(r.status).toBe(3);
    expect(r.stderr).toBe(`netstat: -L watches the live kernel and cannot read a snapshot root (${dir}).\n`);
    expect(r.stdout.length).toBe(0);
  });

  it('an exception in the printer ends the watch cleanly: the watcher is closed, status 1', async () => {
    let closed = false;
    const plugin: FamilyPlugin = {
      apiVersion: 1,
      meta: { name: 'fake', version: '0' },
      families: { netlink: { title: 'Netlink' } },
      async *watch() {
        try {
          for (let i = 0; ; i++) yield { type: 'NEWDEVICE', time: 0, data: { i }, text: `NEWDEVICE\t${i}` };
        } finally {
          closed = true;
        }
      },
    };
    let writes = 0;
    const stdout = {
      write() {
        if (++writes === 3) throw new Error('printer broke');
        return true;
      },
    };
    const stderr = new CollectingSink();
    const ctx = createContext({ root: '/' });
    const plan = { json: false } as RunPlan;
    const status = await runEvents(plan, ctx, plugin, { stdout, stderr });
    expect(status).toBe(1);
    expect(closed).toBe(true);
    expect(stderr.text()).toBe('netstat: -L: printer broke\n');
  });
});

describe.skipIf(skip !== null)('netstat -A netlink in a fresh network namespace', () => {
  it('has one row per /proc/net/netlink line, with the same protocol, port id, groups, queues and inode', () => {
    const script = `cat /proc/net/netlink; echo ===; node ${BIN} --json -A netlink; echo ===; node ${BIN} -A netlink -e`;
    const r = spawnSync('unshare', ['-n', 'sh', '-c', script], { encoding: 'latin1', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const [proc, json, text] = r.stdout.split('===\n');
    const want = proc!
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => {
        const f = l.trim().split(/\s+/);
        return {
          protocolNumber: Number(f[1]),
          portId: Number(f[2]),
          groups: Number.parseInt(f[3]!, 16),
          recvQ: Number(f[4]),
          sendQ: Number(f[5]),
          inode: Number(f[9]),
        };
      });
    const doc = JSON.parse(json!) as { tables: { family: string; rows: Record<string, unknown>[] }[] };
    expect(doc.tables.map((t) => t.family)).toEqual(['netlink']);
    const rows = doc.tables[0]!.rows;
    expect(
      rows.map((x) => ({
        protocolNumber: x.protocolNumber,
        portId: x.portId,
        groups: x.groups,
        recvQ: x.recvQ,
        sendQ: x.sendQ,
        inode: x.inode,
      })),
    ).toEqual(want);
    for (const x of rows)
      expect(Object.keys(x)).toEqual(
        expect.arrayContaining(['protocol', 'portId', 'groups', 'recvQ', 'sendQ', 'inode', 'owner']),
      );
    expect(rows.some((x) => x.protocol === 'rtnl')).toBe(true);
    const lines = text!.trimEnd().split('\n');
    expect(lines.slice(0, 2)).toEqual([
      'Active netlink sockets',
      'Proto           Recv-Q Send-Q Port-ID    Groups      Drops      Inode',
    ]);
    expect(lines).toHaveLength(want.length + 2);
  });

  it('the default listing is unchanged: no netlink block unless asked for', async () => {
    const r = await runCli(['-an'], { NETSTAT_ROOT: `${FIXTURES}/genproc-s1/root` });
    expect(r.stdout.toString('latin1')).not.toContain('netlink');
  });
});
