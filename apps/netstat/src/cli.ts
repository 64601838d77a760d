#!/usr/bin/env node
import { spawn } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main } from './main.js';

// The only module that touches `process`: it wires the real world into main().
const controller = new AbortController();
process.on('SIGINT', () => controller.abort());
process.on('SIGTERM', () => controller.abort());
// A closed stdout pipe (`netstat -an | head -1`) ends quietly with status 0.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  process.exit(1);
});

/**
 * Holds a network namespace no process is in (an `ip netns add` mount) for this run: util-linux
 * `nsenter --net=FILE` starts a sleeping helper inside it, whose /proc/PID/net then shows the
 * namespace's tables. It is killed when the run ends (or with this process).
 */
function holdNetns(file: string, inode: number): { pid: number; release(): void } | { error: string } {
  let child: ReturnType<typeof spawn>;
  try {
    child = spawn('nsenter', [`--net=${file}`, '--', 'sleep', '600'], { stdio: 'ignore' });
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

const status = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  euid: process.geteuid?.() ?? 0,
  signal: controller.signal,
  holdNetns,
  tmpdir: tmpdir(),
  cwd: process.cwd(),
  // npm's global node_modules: <prefix>/lib/node_modules next to this node (and NODE_PATH's).
  globalModules: [
    join(dirname(dirname(process.execPath)), 'lib', 'node_modules'),
    ...(process.env.NODE_PATH ?? '').split(':').filter(Boolean),
  ],
});
process.exitCode = status;
