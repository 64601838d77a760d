import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as wt from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Host, type OwnerWalk, PARALLEL_WALK_FDS, scanProcesses, startFdWalkHelper } from '../src/index.js';

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
    // Everything the main thread did not claim was the helper's, read from the far end: a
    // directory's links come before those of every directory in front of it.
    for (let i = 0; i < mainDirs.length; i++) expect(got.count[i]).toBe(0);
    const read = [...got.count.keys()].filter((i) => got.count[i]! > 0);
    expect(read.length).toBeGreaterThan(0);
    for (let k = 1; k < read.length; k++) {
      const [i, j] = [read[k - 1]!, read[k]!];
      expect(got.first[j]! + got.count[j]!).toBeLessThanOrEqual(got.first[i]!);
    }
    if (at >= mainDirs.length) {
      const inodes = [...got.inodes.subarray(got.first[at]!, got.first[at]! + got.count[at]!)];
      // socket:[N] comes as the number N, no text.
      expect(inodes.some((v) => Number.isNaN(v))).toBe(false);
      expect(inodes.sort()).toEqual(socketInodes(child.pid!).sort());
    }
  });

  it('calls onStarting until the helper runs, and once after', () => {
    let calls = 0;
    const helper = startFdWalkHelper(wt, ['/proc/self/fd'], () => calls++)!;
    helper.poll();
    helper.poll();
    expect(helper.result()).not.toBeNull();
    const after = calls;
    // At least the last call, which saw the helper running (poll or result).
    expect(after).toBeGreaterThanOrEqual(1);
    helper.poll();
    helper.claim();
    helper.result();
    expect(calls).toBe(after);
  });

  it('hands other link forms over as text, next to the numbers of the common one', () => {
    // The helper reads whatever directories it is given: links a live /proc cannot make.
    const dir = mkdtempSync(join(tmpdir(), 'fdwalk-'));
    try {
      const links: Record<string, string> = {
        '3': 'socket:[123]',
        '4': 'socket:[0x10]',
        '5': '[0000]:77',
        '6': '/dev/null',
        '7': `socket:[${'9'.repeat(30)}]`,
        x: 'socket:[5]',
      };
      for (const [fd, target] of Object.entries(links)) symlinkSync(target, join(dir, fd));
      const helper = startFdWalkHelper(wt, [dir])!;
      // No claim from this thread: the helper reads the one directory.
      const got = helper.result()!;
      expect(helper.claim()).toBe(-1);
      expect(got.first[0]).toBe(0);
      // Not the name 'x' (no fd), not /dev/null (no socket); readdir order.
      const byText = new Map<string, number | string>();
      for (let k = 0; k < got.count[0]!; k++) {
        const v = got.inodes[k]!;
        const text = got.texts.get(k);
        expect(Number.isNaN(v)).toBe(text !== undefined);
        byText.set(text ?? `socket:[${v}]`, text ?? v);
      }
      expect(byText).toEqual(
        new Map<string, number | string>([
          ['socket:[123]', 123],
          ['socket:[0x10]', 'socket:[0x10]'],
          ['[0000]:77', '[0000]:77'],
          [`socket:[${'9'.repeat(21)}`, `socket:[${'9'.repeat(21)}`],
        ]),
      );
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
    // The holder alone has more fds than the threshold.
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
    expect(startFdWalkHelper(broken, ['/proc/self/fd'])).toBeNull();
    const map = scanProcesses(new Host('/'), { euid: 0, lazy: true, threads: broken });
    for (const inode of socketInodes(child.pid!)) expect(map.owners.get(inode)?.pid).toBe(child.pid);
  });
});
