import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as wt from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HELPER_READ_AHEAD,
  Host,
  type OwnerWalk,
  PARALLEL_WALK_FDS,
  scanProcesses,
  startFdWalkHelper,
} from '../src/index.js';

// A process with FDS fds of /dev/null and 40 listening sockets on loopback.
const HOLDER = `
const fs = require('node:fs'), net = require('node:net');
const keep = [];
for (let i = 0; i < Number(process.env.FDS); i++) keep.push(fs.openSync('/dev/null', 'r'));
let up = 0;
for (let i = 0; i < 40; i++) net.createServer().listen(0, '127.0.0.1', () => { if (++up === 40) process.stdout.write('up\\n'); });
`;

let child: ChildProcess;
const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
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

// More processes of the same kind, so that the walk has more than PARALLEL_WALK_FDS fds in all
// (a process may have 20 000 at most here).
const FILLER_FDS = 15_000;
let fillers: ChildProcess[] = [];
const holder = (fds: number) => {
  const c = spawn(process.execPath, ['-e', HOLDER], {
    env: { ...process.env, FDS: String(fds) },
    // Nothing inherited: every socket of the holder is its own (an inherited one has an earlier owner).
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return { c, up: new Promise((ok) => c.stdout!.once('data', ok)) };
};

beforeAll(async () => {
  const main = holder(1000);
  child = main.c;
  const more = Array.from({ length: Math.ceil(PARALLEL_WALK_FDS / FILLER_FDS) }, () => holder(FILLER_FDS));
  fillers = more.map((h) => h.c);
  await Promise.all([main.up, ...more.map((h) => h.up)]);
}, 60_000);
afterAll(() => {
  child?.kill();
  for (const f of fillers) f.kill();
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

  it('reads every directory exactly once between the two threads, at most HELPER_READ_AHEAD ahead', () => {
    // The holder's directory second: in the part the helper reads ahead of this thread.
    const others = readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p) && Number(p) !== child.pid)
      .map((p) => `/proc/${p}/fd`);
    const dirs = [others[0]!, `/proc/${child.pid}/fd`, ...others.slice(1)];
    expect(dirs.length).toBeGreaterThan(HELPER_READ_AHEAD + 2);
    const helper = startFdWalkHelper(wt, dirs, 1 << 20)!;
    expect(helper).not.toBeNull();
    // This thread stays at directory 0 while the helper starts and reads ahead of it.
    helper.at(0);
    const start = Date.now();
    while (helper.claim(0) && helper.range(1) === 'busy' && Date.now() - start < 10_000) sleep(20);
    sleep(100);
    helper.pause();
    sleep(50);
    const theirs: number[] = [];
    for (let i = 0; i < dirs.length; i++) {
      helper.at(i);
      if (!helper.claim(i)) theirs.push(i);
    }
    helper.end();
    // Only directories a few ahead of where this thread was (0), the holder's among them.
    expect(theirs).toContain(1);
    for (const i of theirs) expect(i).toBeLessThanOrEqual(HELPER_READ_AHEAD);
    for (const i of theirs) {
      let r = helper.range(i);
      while (r === 'busy') {
        helper.wait(i);
        r = helper.range(i);
      }
      expect(r).not.toBeNull();
    }
    // socket:[N] comes as the number N; every socket link of the holder, in its readdir order.
    const [first, count] = helper.range(1) as [number, number];
    expect([...helper.inodes.subarray(first, first + count)]).toEqual(socketInodes(child.pid!));
  });

  it('claims nothing while the walk is paused', () => {
    const dirs = readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p))
      .map((p) => `/proc/${p}/fd`);
    const helper = startFdWalkHelper(wt, dirs, 1 << 16)!;
    helper.at(0);
    helper.pause();
    sleep(300);
    let theirs = 0;
    for (let i = 0; i < dirs.length; i++) if (!helper.claim(i)) theirs++;
    helper.end();
    expect(theirs).toBe(0);
  });

  it('ends after a long pause, and leaves the rest to this thread', () => {
    const dirs = Array.from({ length: 3 * HELPER_READ_AHEAD }, () => '/proc/self/fd');
    const helper = startFdWalkHelper(wt, dirs, 1 << 16)!;
    helper.at(0);
    while (helper.claim(0) && helper.range(1) === 'busy') helper.wait(1);
    helper.pause();
    // Well past the 250 ms: the helper has ended, and what it read stays.
    sleep(600);
    helper.resume();
    const far = 2 * HELPER_READ_AHEAD;
    helper.at(far);
    sleep(200);
    // A running helper would have claimed directories from `far` on by now.
    for (let i = far; i < dirs.length; i++) expect(helper.claim(i)).toBe(true);
    for (let i = 1; i < far; i++) if (!helper.claim(i)) expect(helper.range(i)).not.toBe('busy');
    expect(helper.range(1)).not.toBeNull();
    helper.end();
  });

  it('calls onStarting until the helper runs, and once after', () => {
    let calls = 0;
    const helper = startFdWalkHelper(wt, ['/proc/self/fd'], 1024, () => calls++)!;
    helper.poll();
    helper.poll();
    helper.at(0);
    // Done by the helper: its code ran.
    while (helper.range(0) === 'busy') helper.wait(0);
    helper.poll();
    const after = calls;
    expect(after).toBeGreaterThanOrEqual(1);
    helper.poll();
    helper.at(0);
    helper.wait(0);
    expect(calls).toBe(after);
    helper.end();
  });

  it('leaves a directory with other link forms to this thread', () => {
    // The helper reads whatever directories it is given: links a live /proc cannot make.
    const plain = mkdtempSync(join(tmpdir(), 'fdwalk-'));
    const other = mkdtempSync(join(tmpdir(), 'fdwalk-'));
    try {
      symlinkSync('socket:[123]', join(plain, '3'));
      symlinkSync('/dev/null', join(plain, '4'));
      symlinkSync('socket:[5]', join(plain, 'x')); // no fd
      symlinkSync('socket:[77]', join(plain, '5'));
      symlinkSync('socket:[124]', join(other, '3'));
      symlinkSync('socket:[0x10]', join(other, '4'));
      const helper = startFdWalkHelper(wt, [plain, other], 1024)!;
      helper.at(0);
      for (const i of [0, 1]) while (helper.range(i) === 'busy') helper.wait(i);
      const r = helper.range(0) as [number, number];
      expect([...helper.inodes.subarray(r[0], r[0] + r[1])].sort()).toEqual([123, 77].sort());
      expect(helper.range(1)).toBeNull();
      helper.end();
    } finally {
      rmSync(plain, { recursive: true, force: true });
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('leaves a directory to this thread when its links do not fit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fdwalk-'));
    try {
      for (let fd = 0; fd < 10; fd++) symlinkSync(`socket:[${100 + fd}]`, join(dir, String(fd)));
      const helper = startFdWalkHelper(wt, [dir], 4)!;
      helper.at(0);
      while (helper.range(0) === 'busy') helper.wait(0);
      expect(helper.range(0)).toBeNull();
      helper.end();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('loads worker_threads only for a walk of at least PARALLEL_WALK_FDS fds, and tells it is large', () => {
    const host = new Host('/');
    let loads = 0;
    let large = 0;
    let starting = 0;
    const map = scanProcesses(host, {
      euid: 0,
      lazy: true,
      threads: () => {
        loads++;
        return wt;
      },
      onLargeWalk: () => large++,
      onThreadStarting: () => starting++,
    });
    // The holders have more fds than the threshold.
    expect(loads).toBe(1);
    expect(large).toBe(1);
    for (const inode of socketInodes(child.pid!)) expect(map.owners.get(inode)?.pid).toBe(child.pid);
    // Told while the helper started (by the end of the walk at the latest).
    (map.owners as OwnerWalk).walk();
    expect(starting).toBeGreaterThanOrEqual(1);
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
    expect(startFdWalkHelper(broken, ['/proc/self/fd'], 1024)).toBeNull();
    const map = scanProcesses(new Host('/'), { euid: 0, lazy: true, threads: broken });
    for (const inode of socketInodes(child.pid!)) expect(map.owners.get(inode)?.pid).toBe(child.pid);
  });
});
