// Writes dist/bundle/FILE.cjs.cache for every bundle file: V8's code cache after the common
// commands have run once (in this process, on a fixture tree and on the live system, output
// discarded), so that a start compiles neither the files nor the functions those commands run
// (ADR 0011). A cache fits only the Node (V8 version and flags) that made it; another Node
// rejects it and compiles instead.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_STAMP, bundleLoader, MODULE_WRAPPER } from '../dist/loader.js';

const here = dirname(fileURLToPath(import.meta.url));
const dir = join(here, '..', 'dist', 'bundle');

// V8 uses a cache only under the V8 flags it was made with: made here without any, as the
// launcher starts node (ADR 0014).
for (const f of readdirSync(dir)) if (f.endsWith('.cache')) rmSync(join(dir, f));
// esbuild's CommonJS exports are getters (live bindings), made at the top of the file by
// `__export(x_exports, { name: () => local, … })` and copied once more by `__toCommonJS`: some
// 5 M instructions at every start for core's 300 names, and every call into another package's
// file would run a getter, which V8 cannot inline through. The workspace exports no `let`, so the
// values are final once a file has run: the two calls go, and the file ends by setting its exports
// to an object literal of the same names and values (a literal keeps V8's fast properties; one
// built key by key would not). A file whose shape is not the expected one fails the build.
/** V8's map cache size: an object literal of this many properties or more is built at once. */
const FAST_LITERAL_PROPERTIES = 128;
/** Below this many exports, the transitions cost less than 128 properties built at once. */
const FAST_LITERAL_FROM = 96;
function directExports(text, file) {
  if (text.includes('\n// direct exports\n')) return text;
  const m = /\n__export\((\w+), \{\n([\s\S]*?)\n\}\);\nmodule\.exports = __toCommonJS\(\1\);\n/.exec(text);
  if (!m) throw new Error(`${file}: esbuild's __export/__toCommonJS pair not found`);
  const props = m[2].split(',\n').map((entry) => {
    const e = /^ {2}([\w$]+|"[^"\n]+"): \(\) => ([^\n]+)$/.exec(entry);
    if (!e) throw new Error(`${file}: unexpected export entry ${JSON.stringify(entry)}`);
    return `  ${e[1]}: ${e[2]},`;
  });
  // V8 builds a literal of fewer than 128 properties one map transition per property, each dearer
  // than the last (126 names: 2.5 M instructions); from 128 on it fills a dictionary and makes the
  // object fast in one step (0.9 M). So a file of many exports (core's) gets unused names up to 128.
  if (props.length >= FAST_LITERAL_FROM && props.length < FAST_LITERAL_PROPERTIES)
    for (let i = props.length; i < FAST_LITERAL_PROPERTIES; i++) props.push(`  __fastLiteral${i}: void 0,`);
  const body = text.slice(0, m.index + 1) + text.slice(m.index + m[0].length);
  return `${body}${body.endsWith('\n') ? '' : '\n'}// direct exports\nmodule.exports = {\n${props.join('\n')}\n};\nObject.defineProperty(module.exports, '__esModule', { value: true });\n`;
}

/**
 * esbuild imports a CommonJS file as Node would (`__toESM(require(…), 1)`): a new object with a
 * getter per export of the file, made at each import, and a getter run at each call through it
 * (for -i, whose interfaces file imports the native codec twice, some 2 M instructions a start).
 * The workspace's files (`require("./X.cjs")`, and a subpath's `require_SUB()` wrapper, which is
 * `require("./X.cjs").__SUB`) are used as they are: their exports are already the literal of
 * directExports, a family's plugin is its own `default` there (registry.ts's validate() takes
 * either shape), and no workspace code reads the whole-file `default` esbuild would add.
 * Other modules (built-ins, koffi, a third-party plugin) keep esbuild's wrapper.
 */
function directImports(text) {
  return text.replace(/__toESM\((require\("\.\/[\w-]+\.cjs"\)|require_\w+\(\)), 1\)/g, '$1');
}

/** The file's text without the wrapper this script put around it (when it runs a second time). */
function unwrapped(text) {
  if (!text.startsWith(MODULE_WRAPPER)) return text;
  return text.slice(MODULE_WRAPPER.length, text.lastIndexOf('\n})'));
}

// Each file is written as the function the loader compiles (loader.ts, MODULE_WRAPPER) and ends
// with its stamp (the hash of the rest); its cache starts with the same 64 bytes.
const stamps = new Map();
for (const f of readdirSync(dir).filter((n) => n.endsWith('.cjs'))) {
  const body = directImports(
    directExports(unwrapped(readFileSync(join(dir, f), 'utf8').replace(BUILD_STAMP, '')), f),
  );
  const text = `${MODULE_WRAPPER}${body}\n})\n`;
  const stamp = createHash('sha256').update(text).digest('hex');
  writeFileSync(join(dir, f), `${text}//# netstat-ts-build=${stamp}\n`);
  stamps.set(join(dir, f), stamp);
}
const require = createRequire(import.meta.url);
const bundles = bundleLoader(dir, false, require);
const { main } = bundles.require('netstat.cjs');

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
// What only the live system runs (a snapshot root never does): the native layer's ioctls of
// -i, the live fd walk of -p. Once on this machine, output discarded; where a build machine
// cannot (no /proc, no koffi), those functions are compiled at run time instead.
for (const argv of [['-i'], ['-ie'], ['-tulpn'], ['-tunap']]) {
  try {
    await main(argv, io);
  } catch {}
}
for (const f of readdirSync(dir)) if (f.endsWith('.cjs')) bundles.require(f);
for (const { file, script } of bundles.loaded)
  writeFileSync(
    `${file}.cache`,
    Buffer.concat([Buffer.from(stamps.get(file), 'latin1'), script.createCachedData()]),
  );
