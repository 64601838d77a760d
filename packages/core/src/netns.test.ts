import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Host } from './host.js';
import { containerOfCgroup, listNetns, netnsHeader, netnsInodeOfLink, resolveNetns } from './netns.js';
import { scanProcesses } from './process-map.js';

/** A fake /proc with processes in three network namespaces (no /run/netns mounts). */
function tree(): Host {
  const root = mkdtempSync(join(tmpdir(), 'netns-unit-'));
  const proc = (
    pid: number,
    ns: number,
    comm: string,
    cgroup = '0::/init.scope\n',
    sockets: number[] = [],
  ) => {
    mkdirSync(join(root, `proc/${pid}/ns`), { recursive: true });
    mkdirSync(join(root, `proc/${pid}/fd`), { recursive: true });
    symlinkSync(`net:[${ns}]`, join(root, `proc/${pid}/ns/net`));
    writeFileSync(join(root, `proc/${pid}/comm`), `${comm}\n`);
    writeFileSync(join(root, `proc/${pid}/cmdline`), `/usr/bin/${comm}\0`);
    writeFileSync(join(root, `proc/${pid}/cgroup`), cgroup);
    for (const [i, s] of sockets.entries())
      symlinkSync(`socket:[${s}]`, join(root, `proc/${pid}/fd/${i + 3}`));
  };
  proc(1, 100, 'init', undefined, [11]);
  proc(40, 100, 'sshd', undefined, [12]);
  proc(300, 200, 'nginx', '0::/system.slice/docker-0123456789abcdef0123456789abcdef.scope\n', [21]);
  proc(301, 200, 'nginx', undefined, [22]);
  proc(500, 300, 'sleep');
  proc(501, 300, 'app', undefined, [31, 12]);
  return new Host(root);
}

describe('network namespaces of a /proc tree', () => {
  it('parses namespace links and container cgroups', () => {
    expect(netnsInodeOfLink('net:[4026531840]')).toBe(4026531840);
    expect(netnsInodeOfLink('mnt:[1]')).toBeNull();
    expect(containerOfCgroup('0::/system.slice/docker-0123456789abcdef.scope')).toBe('docker:0123456789ab');
    expect(containerOfCgroup('0::/machine.slice/libpod-abcdefabcdef1234.scope')).toBe('podman:abcdefabcdef');
    expect(containerOfCgroup('0::/user.slice')).toBeUndefined();
  });
  it('lists each namespace once, host first, named by container or first process', () => {
    const all = listNetns(tree());
    expect(all.map((n) => [n.inode, n.label, n.pids])).toEqual([
      [100, 'host', [1, 40]],
      [200, 'docker:0123456789ab (pid 300/nginx)', [300, 301]],
      [300, 'pid 500/sleep', [500, 501]],
    ]);
    expect(netnsHeader(all[2]!)).toBe('Network namespace pid 500/sleep (inode 300, pids 500 501)');
    expect(all[1]!.netDir).toBe('/proc/300/net');
  });
  it('resolves a PID spec to that process, and reports a missing one', () => {
    const h = tree();
    const n = resolveNetns(h, '501');
    expect(n).toMatchObject({
      inode: 300,
      netDir: '/proc/501/net',
      file: '/proc/501/ns/net',
      pids: [500, 501],
    });
    const e = resolveNetns(h, '999');
    expect(e).toMatchObject({ ok: false, code: 'ENOENT' });
    expect((e as { message: string }).message).toMatch(/^netstat: --netns 999: no such process/);
    expect(resolveNetns(h, 'nope')).toMatchObject({ ok: false, code: 'ENOENT' });
  });
  it('-p in a namespace shows only its own processes; others are foreign (for -v)', () => {
    const h = tree();
    const m = scanProcesses(h, { euid: 0, netns: 300 });
    expect([...m.owners.keys()].sort()).toEqual([12, 31]);
    expect(m.owners.get(12)?.pid).toBe(501);
    expect(m.foreign?.get(21)).toMatchObject({ pid: 300, netns: 200 });
    // without the filter every namespace's processes count, as in net-tools
    const all = scanProcesses(h, { euid: 0 });
    expect([...all.owners.keys()].sort()).toEqual([11, 12, 21, 22, 31]);
    expect(all.foreign).toBeUndefined();
  });
  it('the lazy walk (-p text) gives the same owners and foreign sockets as the full one', () => {
    const h = tree();
    const full = scanProcesses(h, { euid: 0, netns: 300 });
    const lazy = scanProcesses(h, { euid: 0, netns: 300, lazy: true });
    // a lookup of one inode, then one that is absent (walks to the end), then the rest
    expect(lazy.owners.get(12)).toEqual(full.owners.get(12));
    expect(lazy.owners.get(21)).toBeUndefined();
    expect(lazy.foreign?.get(21)).toMatchObject({ pid: 300, netns: 200 });
    expect([...lazy.owners.entries()].sort()).toEqual([...full.owners.entries()].sort());
    expect([...lazy.foreign!.entries()].sort()).toEqual([...full.foreign!.entries()].sort());
    // the foreign map read first finishes the walk
    const lazy2 = scanProcesses(h, { euid: 0, netns: 300, lazy: true });
    expect([...lazy2.foreign!.keys()].sort()).toEqual([...full.foreign!.keys()].sort());
  });
});
