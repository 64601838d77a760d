import { readFileSync, writeFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

/**
 * The bin starts as a POSIX shell script that re-executes itself with node: the shell sees the
 * signal dispositions the caller left (Node resets ignored signals to their default before any
 * script runs) and passes the `SigIgn` mask on in NETSTAT_TS_SIGIGN (apps/netstat/src/cli.ts).
 * For node the second line is a string statement and a comment. Shell builtins only.
 */
const LAUNCHER = [
  '#!/usr/bin/env sh',
  `':' //; while read -r k v; do [ "$k" = SigIgn: ] && break; done </proc/$$/status 2>/dev/null; NETSTAT_TS_SIGIGN="$v" exec node "$0" "$@"`,
].join('\n');

export default defineConfig({
  entry: ['src/cli.ts', 'src/index.ts'],
  format: ['esm'],
  dts: { entry: 'src/index.ts' },
  clean: true,
  target: 'node20',
  // Family packages stay external so that import() loads only the families a command needs.
  external: [/^@netstat-ts\//],
  async onSuccess() {
    const bin = 'dist/cli.js';
    const text = readFileSync(bin, 'utf8');
    if (text.startsWith('#!/usr/bin/env node\n'))
      writeFileSync(bin, `${LAUNCHER}\n${text.slice(text.indexOf('\n') + 1)}`, { mode: 0o755 });
  },
});
