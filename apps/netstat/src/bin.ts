import type { spawn } from 'node:child_process';
import { fstatSync, readFileSync, readlinkSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { decodeUtf8Escaped, strerror } from '@netstat-ts/core/args';
import { builtin } from './builtin.js';
import { main } from './main.js';
import { ignoredSignals } from './signals.js';

// The only module that touches `process`: it wires the real world into main() and gives the
// process net-tools 2.10's fate on signals and stream errors (README, "Exit status"). The modules
// it imports do nothing when loaded, so start() sets the signal handlers before anything runs.

// Node resets to the default every signal its parent left ignored (`nohup`, a background job of a
// script), where 2.10 keeps them ignored. The launcher line of the built bin (tsup.config.ts)
// reads them before Node starts and passes them on; /proc/self/status covers Node versions and
// embedders that keep them.

export { main };

/**
 * Runs netstat-ts as a process: reads the arguments, wires `process` into main() and gives the
 * process 2.10's fate on signals and stream errors. The launcher (dist/cli.cjs) calls it once.
 */
export async function start(
  options: { importer?: (specifier: string) => Promise<unknown> } = {},
): Promise<void> {
  // The launcher's mask when it gave one; /proc/self/status is read only without it.
  const launcher = process.env.NETSTAT_TS_SIGIGN;
  let ownStatus = '';
  if (launcher === undefined || launcher === '') {
    try {
      ownStatus = readFileSync('/proc/self/status', 'latin1');
    } catch {}
  }
  const ignored = ignoredSignals(launcher, ownStatus);
  delete process.env.NETSTAT_TS_SIGIGN;
  // The launcher empties it so that Node skips the certificate file (tsup.config.ts).
  if (process.env.NODE_EXTRA_CA_CERTS === '') delete process.env.NODE_EXTRA_CA_CERTS;

  /** Ends the process by `sig` itself, as 2.10 does (status 128+n seen by the shell). */
  function dieOf(sig: NodeJS.Signals): never {
    // When its last listener goes, libuv restores the default action (also for SIGPIPE, which
    // Node ignores from the start: hence the listener added first).
    process.on(sig, () => {});
    process.removeAllListeners(sig);
    process.kill(process.pid, sig);
    process.exit(128 + ({ SIGINT: 2, SIGPIPE: 13, SIGTERM: 15 } as Record<string, number>)[sig]!);
  }

  for (const sig of ignored) {
    try {
      process.on(sig, () => {}); // stays ignored, as it was when we started
    } catch {} // a signal Node does not let a script handle keeps Node's own disposition
  }
  // Made on first use (Node loads its AbortController module then): only -c and -L read it.
  let controller: AbortController | undefined;
  const aborter = (): AbortController => {
    controller ??= new AbortController();
    return controller;
  };
  /** The signal that asked us to stop, if one did. */
  let stopSignal: NodeJS.Signals | undefined;
  /** How long main() may take to finish what it holds (`-L` prints the events already received). */
  const STOP_GRACE_MS = 1000;

  /**
   * SIGINT and SIGTERM tell main() until the returned function is called. With `die` they end the
   * process by the signal itself at once (2.10's 130/143 for `-c`); without, main() may first finish
   * what it holds (`-L` prints the events the kernel already sent), for at most STOP_GRACE_MS, and
   * the process then dies of the signal all the same (a second signal ends it at once). They are
   * listened to only while netstat-ts waits (`-c`'s sleep between passes, `-L`): a JS handler only
   * runs between tasks, so during a pass (a long synchronous read or parse of a huge snapshot) the
   * signals keep their default action, which ends the process at once with the same status.
   */
  function listen(die = false): () => void {
    const on: [NodeJS.Signals, () => void][] = [];
    for (const sig of ['SIGINT', 'SIGTERM'] as const) {
      if (ignored.has(sig)) continue;
      const h = () => {
        if (stopSignal || die) dieOf(sig);
        stopSignal = sig;
        aborter().abort();
        setTimeout(() => dieOf(sig), STOP_GRACE_MS);
      };
      process.on(sig, h);
      on.push([sig, h]);
    }
    return () => {
      for (const [sig, h] of on) process.off(sig, h);
    };
  }

  /** How `-c` waits between passes: with the signals listened to (see {@link listen}). */
  function sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const unlisten = listen(true);
      const t = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
      function done() {
        clearTimeout(t);
        signal?.removeEventListener('abort', done);
        unlisten();
        resolve();
      }
    });
  }

  // A closed stdout pipe: 2.10 dies of SIGPIPE (141), unless SIGPIPE was ignored when it started
  // (then it ignores the error and goes on). Any other write error (`> /dev/full`) is reported,
  // where 2.10 exits 0 and silently loses the output (a documented deviation).
  let writeFailed = false;
  let pipeClosed = false;
  function stdoutFailed(e: NodeJS.ErrnoException): void {
    if (e.code === 'EPIPE') {
      if (!ignored.has('SIGPIPE')) dieOf('SIGPIPE');
      pipeClosed = true;
      return;
    }
    if (writeFailed || pipeClosed) return; // later writes to the closed stream fail too
    writeFailed = true;
    stderr.write(Buffer.from(`netstat: write error: ${strerror(e.code ?? 'EIO')}\n`));
    process.exit(1);
  }
  // Standard output and error are written with write(2) on the descriptors, as 2.10 writes them
  // (synchronously, in order): Node's process.stdout and process.stderr streams would cost a few
  // milliseconds of every start to set up. stderr itself failing (`2>/dev/full`): nowhere to say
  // so; the status main() returns is kept.
  const stdout = fdSink(1, (e) => {
    if (!pipeClosed) stdoutFailed(e);
  });
  const stderr = fdSink(2, () => {});

  /**
   * The arguments as typed: Node decodes argv as UTF-8 and replaces bytes that are not UTF-8 with
   * U+FFFD; then the bytes are read again from /proc/self/cmdline, so that messages show them as
   * 2.10 does (`-A` with a Latin-1 `é`: byte E9).
   */
  function argumentsAsTyped(): string[] {
    const args = process.argv.slice(2);
    if (!args.some((a) => a.includes('\ufffd'))) return args;
    try {
      const raw = readFileSync('/proc/self/cmdline');
      const parts: Buffer[] = [];
      for (let p = 0; p < raw.length; ) {
        let e = raw.indexOf(0, p);
        if (e < 0) e = raw.length;
        parts.push(raw.subarray(p, e));
        p = e + 1;
      }
      if (parts.length >= args.length + 2)
        return parts.slice(parts.length - args.length).map((b) => decodeUtf8Escaped(b));
    } catch {}
    return args;
  }

  /**
   * Holds a network namespace no process is in (an `ip netns add` mount) for this run: util-linux
   * `nsenter --net=FILE` starts a sleeping helper inside it, whose /proc/PID/net then shows the
   * namespace's tables. It is killed when the run ends (or with this process).
   */
  function holdNetns(file: string, inode: number): { pid: number; release(): void } | { error: string } {
    let child: ReturnType<typeof spawn>;
    try {
      child = builtin<typeof import('node:child_process')>('node:child_process').spawn(
        'nsenter',
        [`--net=${file}`, '--', 'sleep', '600'],
        { stdio: 'ignore' },
      );
    } catch (e) {
      return { error: `nsenter: ${(e as Error).message}` };
    }
    const pid = child.pid;
    if (pid === undefined) return { error: 'nsenter could not be started' };
    const release = () => {
      try {
        child.kill('SIGKILL');
      } catch {
        /* gone */
      }
    };
    process.once('exit', release);
    const want = `net:[${inode}]`;
    const wait = new Int32Array(new SharedArrayBuffer(4));
    for (let i = 0; i < 400; i++) {
      let link = '';
      try {
        link = readlinkSync(`/proc/${pid}/ns/net`);
      } catch {
        break; // the helper ended (nsenter failed)
      }
      if (link === want) return { pid, release };
      Atomics.wait(wait, 0, 0, 5);
    }
    release();
    return { error: `nsenter --net=${file} did not enter it (needs root and util-linux nsenter)` };
  }

  /**
   * Caps V8's young generation from now on: without a cap it grows to 3 × 16 MB on a large table
   * (rows, JSON texts and the -p walk's link texts die young), a third of the peak RSS of
   * `-anp --json` on the bench tree (134 → 91 MB). Set at run time, not as `node` flags: any V8
   * flag at start makes Node compile its own built-in modules (~50 M instructions a start), and a
   * code cache is used only under the flags it was made with, so this comes once the bundles a
   * command needs are loaded (ADR 0014). `node:v8` is loaded only then. Each call sets the flag
   * again: a new V8 heap (the `-p` walk's helper thread) raises it back to 2.
   */
  let v8: typeof import('node:v8') | undefined;
  function bigData(): void {
    // Set again on every call: V8 raises the flag to 2 whenever it makes a heap (a worker's).
    v8 ??= builtin<typeof import('node:v8')>('node:v8');
    v8.setFlagsFromString('--semi-space-growth-factor=1');
  }

  let terminal: boolean | undefined;
  const status = await main(argumentsAsTyped(), {
    bigData,
    importer: options.importer,
    stdout,
    stderr,
    env: process.env,
    euid: process.geteuid?.() ?? 0,
    // Read only by `-c` and `-L`: making the AbortSignal loads Node's EventTarget.
    get signal() {
      return aborter().signal;
    },
    sleep,
    listen: () => listen(false),
    // Asked once, on first read: a command that ends at the parse (-V, -h) never asks.
    get terminal() {
      terminal ??= stdoutIsTerminal();
      return terminal;
    },
    holdNetns,
    // node:os is loaded only when a namespace's tables need a temporary copy.
    get tmpdir() {
      return builtin<typeof import('node:os')>('node:os').tmpdir();
    },
    // Read only to find a plugin.
    get cwd() {
      return process.cwd();
    },
    // npm's global node_modules: <prefix>/lib/node_modules next to this node (and NODE_PATH's).
    get globalModules() {
      return [
        join(dirname(dirname(process.execPath)), 'lib', 'node_modules'),
        ...(process.env.NODE_PATH ?? '').split(':').filter(Boolean),
      ];
    },
  });
  if (stopSignal && !writeFailed) dieOf(stopSignal);
  // Everything is written (the sinks write synchronously) and main() holds nothing more: exit now
  // rather than let Node tear the heap down page by page when the event loop drains (measured:
  // 1% of the instructions of `-V`, 2-4 ms of wall time; `exit` listeners still run).
  process.exit(writeFailed ? 1 : status);
}

/**
 * A sink writing whole chunks to descriptor `fd` with write(2): a short write is continued, a
 * non-blocking descriptor that is full (EAGAIN) is waited for; any other error goes to `failed`
 * and the rest of the chunk is dropped.
 */
function fdSink(
  fd: number,
  failed: (e: NodeJS.ErrnoException) => void,
): { write(chunk: Uint8Array): boolean; readonly writableLength: 0 } {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  return {
    // Nothing is ever queued: the output buffer may be reused at once (core's ChunkedOutput).
    writableLength: 0,
    write(chunk) {
      for (let off = 0; off < chunk.length; ) {
        try {
          off += writeSync(fd, chunk, off, chunk.length - off);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
            Atomics.wait(pause, 0, 0, 1);
            continue;
          }
          failed(e as NodeJS.ErrnoException);
          return false;
        }
      }
      return true;
    },
  };
}

/**
 * isatty(1), without loading node:tty (and the stream modules it pulls in) for what is not even a
 * character device: pipes and files, the common case in scripts.
 */
function stdoutIsTerminal(): boolean {
  try {
    const st = fstatSync(1);
    if (!st.isCharacterDevice()) return false;
    // Major 1 is the kernel's memory devices (/dev/null, /dev/zero, …), never a terminal: the
    // common `> /dev/null` of scripts and benchmarks is told without node:tty, which brings
    // node:net and the streams with it (about 7 M instructions).
    if (Math.floor(st.rdev / 256) % 4096 === 1) return false;
  } catch {
    return false;
  }
  return builtin<typeof import('node:tty')>('node:tty').isatty(1);
}
