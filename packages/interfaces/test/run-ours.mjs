// Runs the built plugin (../dist) on the live system like `netstat -i[a][e][v]`: a stand-in for
// the CLI so the namespace test does not depend on it.
// Usage: node run-ours.mjs [--source default|ip|native] -iae [INTERFACE]
import { ChunkedOutput, createContext } from '@netstat-ts/core';
import { loadNative } from '@netstat-ts/native';
import { createInterfacesPlugin, ipCommandSource, nativeAddressSource } from '../dist/index.js';

const args = process.argv.slice(2);
let source;
if (args[0] === '--source') {
  const kind = args[1];
  args.splice(0, 2);
  if (kind === 'ip') source = () => ipCommandSource();
  else if (kind === 'native') source = () => nativeAddressSource(() => loadNative());
}
const flags = args[0] ?? '-i';
const options = { all: false, extend: 1, verbose: 0 };
for (const c of flags.slice(1)) {
  if (c === 'a') options.all = true;
  else if (c === 'e') options.extend++;
  else if (c === 'v') options.verbose++;
}
if (args[1]) options.interface = args[1];
const ctx = createContext({ root: '/', options });
const plugin = createInterfacesPlugin({ addressSource: source });
const out = new ChunkedOutput(process.stdout, process.stderr);
let status = 0;
for (const s of await plugin.interfaces(ctx)) {
  s.write(out);
  if (s.status !== 0) {
    status = s.status;
    break;
  }
}
out.flush();
process.exitCode = status;
