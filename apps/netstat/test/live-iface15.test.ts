import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canUnshare, referenceNetstat } from './reference.js';

// A documented deviation (README, "Deviations"): 2.10 prints all-zero counters in -i/-ie for
// every interface whose name is 15 characters long (Calico's `cali…` pod interfaces), while
// /proc/net/dev has the real ones; netstat-ts prints them. Traffic on a 15-character veth pair
// and on a short one, in a fresh network (and mount, for /sys) namespace.
const BIN = resolve(__dirname, '../dist/cli.cjs');
const ns = canUnshare();
const ref = referenceNetstat();
const skip = !ns.ok ? ns.why : ref.bin === null ? ref.why : !existsSync(BIN) ? 'CLI not built' : null;
const LONG = ['tmcali12345678a', 'tmcali12345678b'];
const SHORT = ['tmshort0', 'tmshort1'];

describe.skipIf(skip !== null)('-i with 15-character interface names', () => {
  it('agrees with 2.10 on short names and prints the real counters where 2.10 prints zeros', () => {
    const script = [
      'mount -t sysfs none /sys',
      'sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1',
      'ip link set lo up',
      `ip link add ${LONG[0]} type veth peer name ${LONG[1]}`,
      `ip link add ${SHORT[0]} type veth peer name ${SHORT[1]}`,
      ...[...LONG, ...SHORT].map((d) => `ip link set ${d} up`),
      `ip addr add 10.99.0.1/24 dev ${LONG[0]}`,
      `ip addr add 10.98.0.1/24 dev ${SHORT[0]}`,
      // UDP to an absent neighbour: ARP requests go out on one end and arrive at the other.
      `node -e "const s=require('dgram').createSocket('udp4');s.send('x',9,'10.99.0.2');s.send('x',9,'10.98.0.2',()=>setTimeout(()=>s.close(),300))"`,
      'sleep 3.5', // the kernel's 3 ARP probes, 1 s apart, are over
      'echo "=== dev"; cat /proc/net/dev',
      ...['-i', '-ie'].flatMap((c) => [
        `echo "=== ref ${c}"; ${ref.bin} ${c}; echo "=== status $?"`,
        `echo "=== ours ${c}"; node ${BIN} ${c}; echo "=== status $?"`,
      ]),
      'echo "=== dev2"; cat /proc/net/dev',
    ].join('\n');
    const r = spawnSync('unshare', ['-n', '-m', '--propagation', 'private', 'bash', '-c', script], {
      encoding: 'latin1',
      env: { ...process.env, LC_ALL: 'C' },
    });
    expect(r.status, r.stderr).toBe(0);
    const parts = r.stdout.split(/^=== (.*)\n/m);
    const out: Record<string, string> = {};
    for (let i = 1; i < parts.length; i += 2) out[parts[i]!] = parts[i + 1]!;
    const tm = (t: string) => t.split('\n').filter((l) => l.startsWith('tm'));
    expect(tm(out.dev2!), 'no traffic on the veths while netstat ran').toEqual(tm(out.dev!));
    // packets received and sent per interface, from /proc/net/dev
    const dev = new Map<string, [number, number]>();
    for (const l of out.dev!.split('\n').slice(2)) {
      const m = /^\s*([^:]+):\s*(.*)$/.exec(l);
      if (m) {
        const f = m[2]!.trim().split(/\s+/).map(Number);
        dev.set(m[1]!, [f[1]!, f[9]!]);
      }
    }
    for (const d of [...LONG, ...SHORT])
      expect(dev.get(d)![0] + dev.get(d)![1], `${d} traffic`).toBeGreaterThan(0);
    const rows = (text: string) => new Map(text.split('\n').map((l) => [l.split(' ')[0]!, l] as const));
    const theirs = rows(out['ref -i']!);
    const ours = rows(out['ours -i']!);
    expect(out['ours -i']!.split('\n').slice(0, 2)).toEqual(out['ref -i']!.split('\n').slice(0, 2));
    for (const d of SHORT) expect(ours.get(d), d).toBe(theirs.get(d));
    for (const d of LONG) {
      const t = theirs.get(d)!.split(/\s+/);
      const o = ours.get(d)!.split(/\s+/);
      expect([t[2], t[6]], `2.10's ${d}`).toEqual(['0', '0']); // 2.10's bug: zeros
      expect([Number(o[2]), Number(o[6])], `our ${d}`).toEqual(dev.get(d));
      // every other column as 2.10 prints it
      expect([o[0], o[1], o[3], o[4], o[5], o[7], o[8], o[9], o[10]]).toEqual([
        t[0],
        t[1],
        t[3],
        t[4],
        t[5],
        t[7],
        t[8],
        t[9],
        t[10],
      ]);
    }
    // -ie: the same, block by block; the 15-character blocks differ only in their packet lines.
    const blocks = (text: string) =>
      new Map(text.split('\n\n').map((b) => [b.split(':')[0]!.split('\n').at(-1)!, b]));
    const tb = blocks(out['ref -ie']!);
    const ob = blocks(out['ours -ie']!);
    for (const d of SHORT) expect(ob.get(d), d).toBe(tb.get(d));
    for (const d of LONG) {
      const strip = (b: string) => b.replace(/^\s+[RT]X packets .*$/gm, '<counts>');
      expect(strip(ob.get(d)!)).toBe(strip(tb.get(d)!));
      expect(ob.get(d)).toContain(`RX packets ${dev.get(d)![0]} `);
      expect(ob.get(d)).toContain(`TX packets ${dev.get(d)![1]} `);
      expect(tb.get(d)).toContain('RX packets 0 ');
    }
  }, 60000);
});
