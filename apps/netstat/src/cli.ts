#!/usr/bin/env node
import { dirname, join } from 'node:path';
import { main } from './main.js';

// The only module that touches `process`: it wires the real world into main().
const controller = new AbortController();
const stop = () => controller.abort();

/**
 * How `-c` waits between passes. A JS signal handler only runs between tasks, so a long
 * synchronous pass (a huge snapshot) would not stop for it: SIGINT and SIGTERM keep their default
 * action (the process ends at once, whatever it is doing) except during this wait, where they end
 * the loop cleanly.
 */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const unlisten = listen();
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

/** SIGINT and SIGTERM abort the run until the returned function is called (see {@link sleep}). */
function listen(): () => void {
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return () => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  };
}
// A closed stdout pipe (`netstat -an | head -1`) ends quietly with status 0.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  process.exit(1);
});

const status = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  euid: process.geteuid?.() ?? 0,
  signal: controller.signal,
  sleep,
  listen,
  cwd: process.cwd(),
  // npm's global node_modules: <prefix>/lib/node_modules next to this node (and NODE_PATH's).
  globalModules: [
    join(dirname(dirname(process.execPath)), 'lib', 'node_modules'),
    ...(process.env.NODE_PATH ?? '').split(':').filter(Boolean),
  ],
});
process.exitCode = status;
