/**
 * Nothing is silently lost: with a tiny receive buffer, 2000 address adds in one `ip -batch`
 * overrun the event socket (ENOBUFS); the watcher says so (OVERRUN), dumps links, addresses and
 * routes again, prints what changed (RESYNC with the count), and in the end every address was
 * reported. In a private network namespace on a veth (root only).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const RUNNER = resolve(__dirname, 'run-watch.mjs');
const DIST = resolve(__dirname, '../dist/index.js');
const can = process.getuid?.() === 0 && spawnSync('unshare', ['-n', 'true']).status === 0 && existsSync(DIST);
if (!can) console.warn('overrun test skipped: needs root, unshare -n and a build');

describe.skipIf(!can)('-L after a receive-buffer overrun', () => {
  it('reports the overrun, re-dumps, prints the differences: all 2000 addresses are seen, and events flow again after it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'netlink-overrun-'));
    const batch = [];
    for (let i = 0; i < 2000; i++) batch.push(`address add 10.66.${i >> 8}.${i & 255}/32 dev nlo0`);
    writeFileSync(join(dir, 'batch'), `${batch.join('\n')}\n`);
    const script = `set -e
ip link set lo up
ip link add nlo0 type veth peer name nlo1
node ${RUNNER} 4096 >${dir}/out 2>${dir}/err &
pid=$!
for i in $(seq 100); do grep -q 'netstat: -L' ${dir}/err 2>/dev/null && break; sleep 0.1; done
sleep 0.5
# Stopped, the watcher cannot read: its tiny buffer overruns for certain.
kill -STOP $pid
ip -batch ${dir}/batch
kill -CONT $pid
sleep 1
ip address add 10.66.200.1/32 dev nlo0
sleep 1.5
kill -INT $pid
wait $pid
`;
    const r = spawnSync('unshare', ['-n', 'sh', '-c', script], { encoding: 'latin1', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const out = readFileSync(join(dir, 'out'), 'latin1');
    rmSync(dir, { recursive: true, force: true });
    const lines = out.trimEnd().split('\n');
    const overruns = lines.filter((l) => l.startsWith('OVERRUN\t'));
    const resyncs = lines.filter((l) => /^RESYNC\t\d+ changes since the last known state$/.test(l));
    expect(overruns.length).toBeGreaterThan(0);
    expect(overruns[0]).toBe(
      'OVERRUN\tthe kernel dropped events (ENOBUFS): reading links, addresses and routes again',
    );
    expect(resyncs.length).toBe(overruns.length);
    // Each OVERRUN is followed, after the differences, by its RESYNC.
    expect(lines.indexOf(resyncs[0]!)).toBeGreaterThan(lines.indexOf(overruns[0]!));
    const seen = new Set(
      lines.filter((l) => l.startsWith('NEWADDR\tnlo0\tinet\t10.66.')).map((l) => l.split('\t')[3]),
    );
    expect(seen.size).toBe(2001);
    // After the re-sync, events arrive one by one again.
    expect(lines.slice(lines.lastIndexOf(resyncs.at(-1)!))).toContain(
      'NEWADDR\tnlo0\tinet\t10.66.200.1/32\tnlo0',
    );
    console.info(
      `overrun test: ${overruns.length} overrun(s), ${lines.length} records, ${resyncs.join('; ')}`,
    );
  }, 130_000);
});
