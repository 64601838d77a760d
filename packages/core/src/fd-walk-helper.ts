/**
 * A second thread for the `-p` walk of a live system: it reads fd links from the far end of the
 * process list while the main thread reads from the front, and hands over what it read when the
 * two meet. Only the reading is shared out; the main thread replays the helper's links in walk
 * order through the same owner rule, so the owners are those of a walk on one thread.
 *
 * The helper runs `readdirSync`/`readlinkSync` on the live paths it is given (never under a
 * snapshot root: the caller checks `Host.isLive`). Claims go through one shared 64-bit word
 * (next index from the front, end of the unclaimed range), changed by compare-and-swap, so no
 * directory is read twice or skipped. The main thread waits for the result with `Atomics.wait`:
 * the walk stays synchronous.
 */
import type { Worker } from 'node:worker_threads';
import { plainSocketInode } from './socket-link.js';

/** The `node:worker_threads` module, handed in by the caller (it is not loaded at start-up). */
export type WorkerThreads = typeof import('node:worker_threads');

/** The helper thread's code (CommonJS, evaluated: no file to find in a bundle). */
const SOURCE = `
const plainSocketInode = (${plainSocketInode});
const { workerData } = require('node:worker_threads');
const { readdirSync, readlinkSync } = require('node:fs');
const { dirs, claims, state, port } = workerData;
Atomics.store(state, 2, 1);
// Per directory: where its socket links start in \`inodes\`, and how many there are.
const first = new Int32Array(dirs.length);
const count = new Int32Array(dirs.length);
let inodes = new Float64Array(1 << 14);
let n = 0;
const texts = new Map();
let ok = false;
try {
  for (;;) {
    const cur = Atomics.load(claims, 0);
    const lo = cur & 0xffffffffn;
    const hi = cur >> 32n;
    if (lo >= hi) break;
    if (Atomics.compareExchange(claims, 0, cur, lo | ((hi - 1n) << 32n)) !== cur) continue;
    const i = Number(hi - 1n);
    first[i] = n;
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
        if (n === inodes.length) {
          const more = new Float64Array(n * 2);
          more.set(inodes);
          inodes = more;
        }
        // The common form as its number; any other form as text, read by the main thread.
        const v = plainSocketInode(link);
        if (v >= 0) inodes[n] = v;
        else {
          inodes[n] = NaN;
          texts.set(n, link.length > 29 ? link.slice(0, 29) : link);
        }
        n++;
      }
    }
    count[i] = n - first[i];
    Atomics.add(state, 1, 1);
  }
  // Typed arrays, moved rather than copied: no heap object per link in either thread.
  port.postMessage({ first, count, inodes, texts }, [first.buffer, count.buffer, inodes.buffer]);
  ok = true;
} finally {
  Atomics.store(state, 0, ok ? 1 : 2);
  Atomics.notify(state, 0);
}
`;

/**
 * The socket links the helper read. The links of directory `i` (an index into the walk's
 * directories) are `inodes[first[i]]` to `inodes[first[i] + count[i] - 1]`, in the order the
 * helper read them; `count[i]` is 0 for a directory it did not read or that holds no socket. An
 * inode is the number N of the common form `socket:[N]` (N without leading zero); a link of any
 * other form is NaN there, and its text (cut to 29 bytes, as the main thread's own reads) is
 * `texts.get(position)`, for `socketInodeOfLink` (process-map.ts).
 */
export interface HelperLinks {
  first: Int32Array;
  count: Int32Array;
  inodes: Float64Array;
  texts: Map<number, string>;
}

/** A running helper over the directories of one walk. */
export interface FdWalkHelper {
  /**
   * Claims the next directory from the front for the main thread: its index, or -1 when the
   * helper has claimed the rest.
   */
  claim(): number;
  /**
   * Calls `onStarting` while the helper is starting, and once more when its code has begun to
   * run (`claim` and `result` call it too; afterwards it does nothing).
   */
  poll(): void;
  /**
   * Waits for the helper to finish and returns the socket links of the directories it read
   * (every index from the first the main thread could not claim to the end); or null when the helper failed, and the main thread must read those itself.
   */
  result(): HelperLinks | null;
}

/**
 * Starts a helper thread over `dirs` (the live fd directories, `/proc/PID/fd`, in walk order).
 * Returns null when no thread could be started. `onStarting` is called on this thread from
 * `poll`, `claim` and `result` until the helper's code has begun to run, and once after: at
 * some moment in that time (about 50 ms here) the helper's new V8 heap resets process-wide heap
 * flags (V8 raises `--semi-space-growth-factor` to at least 2 for every heap it makes), so a
 * caller that set one sets it again there.
 */
export function startFdWalkHelper(
  wt: WorkerThreads,
  dirs: string[],
  onStarting?: () => void,
): FdWalkHelper | null {
  const claims = new BigInt64Array(new SharedArrayBuffer(8));
  claims[0] = BigInt(dirs.length) << 32n;
  // [0]: 0 running, 1 done, 2 failed; [1]: directories the helper has finished; [2]: 1 once
  // the helper's code runs.
  const state = new Int32Array(new SharedArrayBuffer(12));
  const { port1, port2 } = new wt.MessageChannel();
  let worker: Worker;
  try {
    worker = new wt.Worker(SOURCE, {
      eval: true,
      workerData: { dirs, claims, state, port: port2 },
      transferList: [port2],
      stdout: false,
      stderr: false,
      // Its garbage dies young (names and link texts): a 2 MB young generation, like the main
      // thread's in a large walk (ADR 0014). -tanp on the bench tree: peak RSS 97 -> 94 MB.
      resourceLimits: { maxYoungGenerationSizeMb: 2 },
    });
  } catch {
    return null;
  }
  worker.unref();
  port1.unref();
  worker.on('error', () => {}); // reported through `state` (or its silence), never thrown
  let got: HelperLinks | null | undefined;
  let starting = onStarting;
  const poll = () => {
    const f = starting;
    if (f === undefined) return;
    if (Atomics.load(state, 2) === 1) starting = undefined;
    f();
  };
  return {
    poll,
    claim() {
      poll();
      for (;;) {
        const cur = Atomics.load(claims, 0);
        const lo = cur & 0xffffffffn;
        const hi = cur >> 32n;
        if (lo >= hi) return -1;
        if (Atomics.compareExchange(claims, 0, cur, (lo + 1n) | (hi << 32n)) === cur) return Number(lo);
      }
    },
    result() {
      if (got !== undefined) return got;
      // Wait while the helper makes progress. One that ended badly, or made none for 5 s (a
      // thread that never ran: its error event would need the event loop, which a synchronous
      // walk does not give back), counts as failed.
      let seen = -1;
      let since = Date.now();
      while (Atomics.load(state, 0) === 0) {
        const p = Atomics.load(state, 1);
        if (p !== seen) {
          seen = p;
          since = Date.now();
        } else if (Date.now() - since > 5000) break;
        Atomics.wait(state, 0, 0, 50);
      }
      poll();
      const m = Atomics.load(state, 0) === 1 ? wt.receiveMessageOnPort(port1) : undefined;
      got = m ? (m.message as HelperLinks) : null;
      void worker.terminate().catch(() => {});
      return got;
    },
  };
}
