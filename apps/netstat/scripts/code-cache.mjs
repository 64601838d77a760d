// Writes dist/bundle/FILE.cjs.cache for every bundle file: V8's code cache after the common
// commands have run once (in this process, on a fixture tree, output discarded), so that a start
// compiles neither the files nor the functions those commands run (ADR 0011). A cache fits only
// the Node (V8 version and flags) that made it; another Node rejects it and compiles instead.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_STAMP, installBundleLoader } from '../dist/loader.js';

const here = dirname(fileURLToPath(import.meta.url));
const dir = join(here, '..', 'dist', 'bundle');

// V8 uses a cache only under the V8 flags it was made with: made here without any, as the
// launcher starts node (ADR 0014).
for (const f of readdirSync(dir)) if (f.endsWith('.cache')) rmSync(join(dir, f));
// esbuild's CommonJS exports are getters (live bindings): every call into another package's file
// would run one, and V8 cannot inline through them. The workspace exports no `let`, so the values
// are final once a file has run: each file ends by replacing its exports with an object literal
// of the same names (a literal keeps V8's fast properties; one built key by key would not).
// The names are those of esbuild's `0 && (module.exports = { … })` annotation.
function plainExports(text) {
  const m = /\n0 && \(module\.exports = \{([^}]*)\}\);\n/.exec(text);
  if (!m || text.includes('\n// plain exports\n')) return text;
  const names = m[1]
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  const props = names.map((n) => `  ${n}: e.${n},`).join('\n');
  return `${text}// plain exports\n{\n const e = module.exports;\n module.exports = {\n${props}\n };\n Object.defineProperty(module.exports, '__esModule', { value: true });\n}\n`;
}

// Each file ends with its stamp (the hash of the rest); its cache starts with the same 64 bytes.
const stamps = new Map();
for (const f of readdirSync(dir).filter((n) => n.endsWith('.cjs'))) {
  const text = plainExports(readFileSync(join(dir, f), 'utf8').replace(BUILD_STAMP, ''));
  const stamp = createHash('sha256').update(text).digest('hex');
  writeFileSync(join(dir, f), `${text}${text.endsWith('\n') ? '' : '\n'}//# netstat-ts-build=${stamp}\n`);
  stamps.set(join(dir, f), stamp);
}
const require = createRequire(import.meta.url);
const loaded = installBundleLoader(dir, false, require.extensions);
const { main } = require(join(dir, 'netstat.cjs'));

const sink = { write: () => true };
const io = { stdout: sink, stderr: sink, env: {}, euid: 0, terminal: false };
const root = join(here, '..', '..', '..', 'fixtures', 'genproc-s4-all', 'root');
const commands = [
  ['-V'],
  ['-h'],
  ['-tulpn'],
  ['-tan'],
  ['-ta'],
  ['-an'],
  ['-xa'],
  ['-rn'],
  ['-r'],
  ['-i'],
  ['-ie'],
  ['-s'],
  ['-gn'],
  ['-tunap'],
  ['--json', '-tan'],
  ['-Mn'],
  ['-A', 'ax25,netrom,rose,ipx,x25,ddp'],
  ['-rA', 'ax25,netrom,ipx'],
];
for (const argv of commands) await main([`--root=${root}`, ...argv], io);
for (const f of readdirSync(dir)) if (f.endsWith('.cjs')) require(join(dir, f));
for (const { file, script } of loaded)
  writeFileSync(
    `${file}.cache`,
    Buffer.concat([Buffer.from(stamps.get(file), 'latin1'), script.createCachedData()]),
  );
