#!/usr/bin/env node
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

const status = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  euid: process.geteuid?.() ?? 0,
  signal: controller.signal,
  cwd: process.cwd(),
  // npm's global node_modules: <prefix>/lib/node_modules next to this node (and NODE_PATH's).
  globalModules: [
    join(dirname(dirname(process.execPath)), 'lib', 'node_modules'),
    ...(process.env.NODE_PATH ?? '').split(':').filter(Boolean),
  ],
});
process.exitCode = status;
