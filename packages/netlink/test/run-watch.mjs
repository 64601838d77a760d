// Runs the built plugin's watcher on the live system like `netstat -L -v` (a stand-in for the CLI
// with a settable receive buffer, so a test can provoke overruns).
// Usage: node run-watch.mjs [RCVBUF_BYTES]
import { createContext } from '@netstat-ts/core';
import { createNetlinkPlugin } from '../dist/index.js';

const rcvbuf = Number(process.argv[2]) || undefined;
const ctx = createContext({ root: '/', options: { verbose: 1, numericHosts: true } });
const ac = new AbortController();
process.on('SIGINT', () => ac.abort());
process.on('SIGTERM', () => ac.abort());
let text = '';
const flush = () => {
  if (text) process.stdout.write(text);
  text = '';
};
const timer = setInterval(flush, 50);
for await (const ev of createNetlinkPlugin({ rcvbuf }).watch(ctx, ac.signal)) {
  if (ev.info) process.stderr.write(`${ev.text}\n`);
  else text += `${ev.text}\n`;
}
clearInterval(timer);
flush();
