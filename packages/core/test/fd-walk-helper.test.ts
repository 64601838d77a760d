import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readlinkSync } from 'node:fs';
import * as wt from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Host, PARALLEL_WALK_FDS, scanProcesses, startFdWalkHelper } from '../src/index.js';

// A process with more fds than PARALLEL_WALK_FDS (/dev/null) and 40 listening sockets on loopback.
const HOLDER = `
const fs = require('node:fs'), net = require('node:net');
const keep = [];
for (let i = 0; i < Number(process.env.FDS); i++) keep.push(fs.openSync('/dev/null', 'r'));
let up = 0;
for (let i = 0; i < 40; i++) net.createServer().listen(0, '127.0.0.1', () => { if (++up === 40) process.stdout.write('up\\n'); });
`;

let child: ChildProcess;
const socketInodes = (pid: number) =>
  readdirSync(`/proc/${pid}/fd`)
    .map((fd) => {
      try {
        return /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
      } catch {
        return undefined;
      }
    })
    .filter((x): x is string => x !== undefined)
    .map(Number);

beforeAll(async () => {
  child = spawn(process.execPath, ['-e', HOLDER], {
    env: { ...process.env, FDS: String(PARALLEL_WALK_FDS + 500) },
    // Nothing inherited: every socket of the holder is its own (an inherited one has an earlier owner).
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  await new Promise((ok) => child.stdout!.once('data', ok));
}, 30_000);
afterAll(() => {
  child?.kill();
});

describe('the -p walk with a helper thread (live /proc)', () => {
  it('gives every socket the owner of the walk on one thread', () => {
    const host = new Host('/');
    const serial = scanProcesses(host, { euid: 0, lazy: true });
    const parallel = scanProcesses(host, { euid: 0, lazy: true, threads: wt });
    const mine = socketInodes(child.pid!);
    expect(mine.length).toBeGreaterThanOrEqual(40);
    for (const inode of mine) {
      expect(serial.owners.get(inode)?.pid).toBe(child.pid);
      expect(parallel.owners.get(inode)).toEqual(serial.owners.get(inode));
    }
  });

  it('reads every directory exactly once between the two threads', () => {
    const dirs = readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p))
      .map((p) => `/proc/${p}/fd`);
    const at = dirs.indexOf(`/proc/${child.pid}/fd`);
    expect(at).toBeGreaterThanOrEqual(0);
    const helper = startFdWalkHelper(wt, dirs)!;
    expect(helper).not.toBeNull();
    const mainDirs: number[] = [];
    for (let i = helper.claim(); i >= 0 && mainDirs.length < 3; i = helper.claim()) mainDirs.push(i);
    // The main thread claims from the front, one index after the other.
    expect(mainDirs).toEqual(mainDirs.map((_, k) => k));
    const got = helper.result()!;
    expect(got).not.toBeNull();
    expect(helper.claim()).toBe(-1);
    // Everything the main thread did not claim was the helper's, read from the far end.
    for (const i of got.dirIdx) expect(i).toBeGreaterThanOrEqual(mainDirs.length);
    const order = [...new Set(got.dirIdx)];
    expect(order).toEqual([...order].sort((a, b) => b - a));
    if (at >= mainDirs.length) {
      const links = got.links.filter((_, k) => got.dirIdx[k] === at);
      // socket:[N] comes as the number N.
      expect(links.every((l) => typeof l === 'number')).toBe(true);
      expect([...links].sort()).toEqual(socketInodes(child.pid!).sort());
    }
  });

  it('loads worker_threads only for a walk of at least PARALLEL_WALK_FDS fds, and tells it is large', () => {
    const host = new Host('/');
    let loads = 0;
    let large = 0;
    const map = scanProcesses(host, {
      euid: 0,
      lazy: true,
      threads: () => {
        loads++;
        return wt;
      },
      onLargeWalk: () => large++,
    });
    // The holder alone has more fds than the threshold.
    expect(loads).toBe(1);
    expect(large).toBe(1);
    for (const inode of socketInodes(child.pid!)) expect(map.owners.get(inode)?.pid).toBe(child.pid);
  });

  it('falls back to one thread when no helper can start', () => {
    const broken = {
      ...wt,
      Worker: class {
        constructor() {
          throw new Error('no threads');
        }
      },
    } as unknown as typeof wt;
    expect(startFdWalkHelper(broken, ['/proc/self/fd'])).toBeNull();
    const map = scanProcesses(new Host('/'), { euid: 0, lazy: true, threads: broken });
    for (const inode of socketInodes(child.pid!)) expect(map.owners.get(inode)?.pid).toBe(child.pid);
  });
});
