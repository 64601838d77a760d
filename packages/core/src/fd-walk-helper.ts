/**
 * A second thread for the `-p` walk of a live system: it reads fd links a few directories ahead
 * of the main thread, in the walk's own order, so that nothing it reads is wasted when the walk
 * stops early (a lazy walk ends once the last printed inode has an owner). Only the reading is
 * shared out: the main thread takes each directory in walk order, the helper's as a range of
 * inodes, and applies the same owner rule, so the owners are those of a walk on one thread.
 *
 * The helper runs `readdirSync`/`readlinkSync` on the live paths it is given (never under a
 * snapshot root: the caller checks `Host.isLive`). Everything is shared memory: one claim word
 * per directory (changed by compare-and-swap, so no directory is read twice), one done word per
 * directory, and the inodes the helper read. The main thread waits with `Atomics.wait`: the
 * walk stays synchronous.
 */
import type { Worker } from 'node:worker_threads';
import { plainSocketInode } from './socket-link.js';

/** The `node:worker_threads` module, handed in by the caller (it is not loaded at start-up). */
export type WorkerThreads = typeof import('node:worker_threads');

/** Slots of the shared control words. */
const STATE = 0; // 0 running, 1 finished, 2 failed
const PROGRESS = 1; // directories the helper has finished
const RUNNING = 2; // 1 once the helper's code runs
const AT = 3; // the directory the main thread is at
const PAUSE = 4; // 1 while the main thread is not walking
const END = 5; // 1 once the main thread needs nothing more

/** How long the helper waits while the walk is paused before it ends (ms). */
const PAUSE_LIMIT_MS = 250;

/** How far (in directories) the helper may read ahead of the main thread. */
export const HELPER_READ_AHEAD = 8;

/**
 * The helper thread's code (CommonJS, evaluated: no file to find in a bundle); made when a
 * helper starts, not when this module loads.
 */
const source = () => `
const plainSocketInode = (${plainSocketInode});
const { workerData } = require('node:worker_threads');
const { readdirSync, readlinkSync } = require('node:fs');
const { dirs, ctl, claim, done, first, count, inodes } = workerData;
Atomics.store(ctl, ${RUNNING}, 1);
const n = dirs.length;
let used = 0;
let last = -1;
let ok = false;
try {
  for (;;) {
    if (Atomics.load(ctl, ${END}) === 1) break;
    if (Atomics.load(ctl, ${PAUSE}) === 1) {
      // A walk left for this long is done with (a lookup stopped it, and no other came): the
      // helper ends, and the main thread reads the rest if it ever walks on.
      if (Atomics.wait(ctl, ${PAUSE}, 1, ${PAUSE_LIMIT_MS}) === 'timed-out') break;
      continue;
    }
    const at = Atomics.load(ctl, ${AT});
    let i = last + 1 > at ? last + 1 : at;
    while (i < n && Atomics.load(claim, i) !== 0) i++;
    if (i >= n) break;
    if (i > at + ${HELPER_READ_AHEAD}) {
      Atomics.wait(ctl, ${AT}, at, 20);
      continue;
    }
    last = i;
    if (Atomics.compareExchange(claim, i, 0, 2) !== 0) continue;
    first[i] = used;
    // 1: the range holds the directory's socket links; 2: the main thread reads it itself (a
    // link of another form than socket:[N], or no room left).
    let verdict = 1;
    let names = [];
    try { names = readdirSync(dirs[i]); } catch {}
    for (const fd of names) {
      const c = fd.charCodeAt(0);
      if (c < 48 || c > 57) continue;
      let link;
      // No options (UTF-8): readlinkSync's fastest call, and the same string for a socket link.
      try { link = readlinkSync(dirs[i] + '/' + fd); } catch (e) {
        if (e.code === 'EACCES' || e.code === 'EPERM') break;
        continue;
      }
      if (link.startsWith('socket:[') || link.startsWith('[0000]:')) {
        const v = plainSocketInode(link);
        if (v < 0 || used === inodes.length) { verdict = 2; break; }
        inodes[used++] = v;
      }
    }
    if (verdict === 2) used = first[i];
    count[i] = used - first[i];
    Atomics.store(done, i, verdict);
    Atomics.notify(done, i);
    Atomics.add(ctl, ${PROGRESS}, 1);
  }
  ok = true;
} finally {
  Atomics.store(ctl, ${STATE}, ok ? 1 : 2);
}
`;

/** A running helper over the directories of one walk (indexes into the `dirs` it was given). */
export interface FdWalkHelper {
  /** The inodes the helper read; a directory's are a range of them (see {@link range}). */
  readonly inodes: Float64Array;
  /** The walk comes to directory `d`: the helper reads no further than a few ahead of it. */
  at(d: number): void;
  /**
   * Claims directory `d` for the main thread: true when the main thread has it (now or
   * earlier) and reads it, false when the helper has it.
   */
  claim(d: number): boolean;
  /**
   * For a directory of the helper's: `[first, count]`, its socket links' inodes in
   * {@link inodes} once read; `'busy'` while the helper reads it; null when the main thread must
   * read it itself (a link of another form, or the helper failed).
   */
  range(d: number): readonly [number, number] | 'busy' | null;
  /** Waits (at most 50 ms) for the helper to finish directory `d`. */
  wait(d: number): void;
  /**
   * The main thread stops walking for now: the helper waits too, and ends after 250 ms of it
   * (then this thread reads every directory it has not read).
   */
  pause(): void;
  /** The main thread walks again. */
  resume(): void;
  /** The walk is done: the helper stops. */
  end(): void;
  /**
   * Calls `onStarting` while the helper is starting, and once more when its code has begun to
   * run (`at` and `wait` call it too; afterwards it does nothing).
   */
  poll(): void;
}

/**
 * Starts a helper thread over `dirs` (the live fd directories, `/proc/PID/fd`, in walk order),
 * with room for `capacity` socket links. Returns null when no thread could be started.
 * `onStarting` is called on this thread (from the helper's methods) until the helper's code has
 * begun to run, and once after: at some moment in that time (about 50 ms here) the helper's new
 * V8 heap resets process-wide heap flags (V8 raises `--semi-space-growth-factor` to at least 2
 * for every heap it makes), so a caller that set one sets it again there.
 */
export function startFdWalkHelper(
  wt: WorkerThreads,
  dirs: string[],
  capacity: number,
  onStarting?: () => void,
): FdWalkHelper | null {
  const n = dirs.length;
  const ctl = new Int32Array(new SharedArrayBuffer(6 * 4));
  const claim = new Int32Array(new SharedArrayBuffer(n * 4));
  const done = new Int32Array(new SharedArrayBuffer(n * 4));
  const first = new Int32Array(new SharedArrayBuffer(n * 4));
  const count = new Int32Array(new SharedArrayBuffer(n * 4));
  const inodes = new Float64Array(new SharedArrayBuffer(Math.max(1, capacity) * 8));
  let worker: Worker;
  try {
    worker = new wt.Worker(source(), {
      eval: true,
      workerData: { dirs, ctl, claim, done, first, count, inodes },
      stdout: false,
      stderr: false,
      // Its garbage dies young (names and link texts): a 2 MB young generation, like the main
      // thread's in a large walk (ADR 0014).
      resourceLimits: { maxYoungGenerationSizeMb: 2 },
    });
  } catch {
    return null;
  }
  worker.unref();
  worker.on('error', () => {}); // seen through the control words (or their silence), never thrown
  let starting = onStarting;
  const poll = () => {
    const f = starting;
    if (f === undefined) return;
    if (Atomics.load(ctl, RUNNING) === 1) starting = undefined;
    f();
  };
  // Failed: ended badly, or no progress for 5 s while waited for (a thread that never ran: its
  // error event would need the event loop, which a synchronous walk does not give back).
  let failed = false;
  let seen = -1;
  let since = 0;
  const stop = () => {
    Atomics.store(ctl, END, 1);
    Atomics.store(ctl, PAUSE, 0);
    Atomics.notify(ctl, PAUSE);
    Atomics.notify(ctl, AT);
  };
  return {
    inodes,
    poll,
    at(d) {
      poll();
      Atomics.store(ctl, AT, d);
      Atomics.notify(ctl, AT);
    },
    claim(d) {
      const c = Atomics.compareExchange(claim, d, 0, 1);
      return c !== 2;
    },
    range(d) {
      const v = Atomics.load(done, d);
      if (v === 1) return [first[d]!, count[d]!];
      if (v === 2 || failed) return null;
      if (Atomics.load(ctl, STATE) === 2) {
        failed = true;
        stop();
        return null;
      }
      return 'busy';
    },
    wait(d) {
      poll();
      const p = Atomics.load(ctl, PROGRESS);
      if (p !== seen) {
        seen = p;
        since = Date.now();
      } else if (Date.now() - since > 5000) {
        failed = true;
        stop();
        return;
      }
      Atomics.wait(done, d, 0, 50);
    },
    pause() {
      Atomics.store(ctl, PAUSE, 1);
    },
    resume() {
      Atomics.store(ctl, PAUSE, 0);
      Atomics.notify(ctl, PAUSE);
    },
    end: stop,
  };
}
