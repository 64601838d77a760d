import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * The bin starts as a POSIX shell script that re-executes itself with node: the shell sees the
 * signal dispositions the caller left (Node resets ignored signals to their default before any
 * script runs) and passes the `SigIgn` mask on in NETSTAT_TS_SIGIGN (apps/netstat/src/bin.ts).
 * For node the second line is a string statement and a comment. Shell builtins only; the loop's
 * `2>/dev/null` comes before its input, so that a /proc without this shell's status (a tree bound
 * over /proc) leaves the mask empty without a message.
 * No V8 flags: any V8 flag makes Node compile its own built-in modules at every start (their
 * embedded code cache is for the default flags), about 50 M instructions, and rejects the
 * bundles' code cache unless it was made under the same flags; the young generation is capped
 * at run time instead (src/bin.ts, ADR 0014).
 * `--v8-pool-size=1` is Node's own option, not a V8 flag (the flag hash and both code caches stay
 * valid): one V8 worker thread instead of four for background compiling and GC, so on a machine
 * with few cores the main thread is not left waiting for a core while it runs a large table
 * (measured on 2 cores: -xa, -an, -tan, -rn 3-9% faster, no change at start; ADR 0014).
 * `NODE_EXTRA_CA_CERTS=`: Node parses that certificate file at every start, before any script
 * runs (measured where it names the system bundle: 417 M instructions, ~40 ms, eight times what
 * our own start costs); netstat-ts opens no TLS connection. src/bin.ts removes the empty value
 * from its environment.
 */
const LAUNCHER = [
  // `/usr/bin/env`: the shebang form publint requires of a bin (the shell found is the same /bin/sh).
  '#!/usr/bin/env sh',
  `':' //; while read -r k v; do [ "$k" = SigIgn: ] && break; done 2>/dev/null </proc/$$/status; NETSTAT_TS_SIGIGN="$v" NODE_EXTRA_CA_CERTS= exec node --v8-pool-size=1 "$0" "$@"`,
].join('\n');

/** The workspace packages the bin bundles, each into dist/bundle/<name>.cjs, with their subpaths. */
const PACKAGES: Record<string, string[]> = {
  core: [],
  native: ['codec'],
  inet: [],
  unix: [],
  routing: [],
  statistics: [],
  interfaces: [],
  ipx: [],
  ax25: [],
  netrom: [],
  rose: [],
  x25: [],
  ddp: [],
  masquerade: [],
  netlink: [],
};

/**
 * Subpaths bundled into the CLI's own file (netstat.cjs) rather than as a `__SUB` export of their
 * package's file: core's option parser, which every command runs first, so that a command that
 * ends at the parse (`-V`, `-h`, a usage error) loads none of the rest of core, and the others
 * load no more files than before. It shares no state with core.cjs: the little of core it uses
 * (exit statuses, the argument codec, errno texts) is constants and pure functions, of which the
 * CLI's file holds its own copy. Only the CLI may import these (the build fails otherwise).
 */
const IN_CLI_FILE = new Set(['core/args']);

/**
 * Bundles one unit (`own`: a workspace package, or the CLI itself) and leaves every other
 * workspace package to its own file: `@netstat-ts/NAME` becomes `require('./NAME.cjs')`, a
 * subpath `@netstat-ts/NAME/SUB` the `__SUB` export of that file. So each package's code is in
 * exactly one file (one copy of its state), and a family's file is read only when a command
 * imports it.
 */
function workspaceFiles(own: string | undefined): Plugin {
  return {
    name: 'workspace-files',
    setup(build) {
      build.onResolve({ filter: /^@netstat-ts\// }, (args) => {
        const [, name, sub] = /^@netstat-ts\/([^/]+)(?:\/(.+))?$/.exec(args.path) ?? [];
        if (!name || !(name in PACKAGES)) return undefined;
        if (sub && IN_CLI_FILE.has(`${name}/${sub}`)) {
          if (own === undefined) return undefined;
          throw new Error(`${args.importer}: @netstat-ts/${name}/${sub} is bundled into the CLI's file only`);
        }
        if (name === own) return undefined;
        if (!sub) return { path: `./${name}.cjs`, external: true };
        return { path: `${name}/${sub}`, namespace: 'workspace-subpath' };
      });
      build.onResolve({ filter: /\.cjs$/, namespace: 'workspace-subpath' }, (args) => ({
        path: args.path,
        external: true,
      }));
      build.onLoad({ filter: /.*/, namespace: 'workspace-subpath' }, (args) => {
        const [name, sub] = args.path.split('/');
        return { contents: `module.exports = require('./${name}.cjs').__${sub};`, loader: 'js' };
      });
    },
  };
}

/** A CommonJS bundle in dist/bundle: every import() of a bundled module becomes a lazy call. */
function bundle(name: string, entry: string, own: string | undefined, extra: Partial<Options> = {}): Options {
  return {
    entry: { [name]: entry },
    outDir: 'dist/bundle',
    format: ['cjs'],
    outExtension: () => ({ js: '.cjs' }),
    target: 'node20',
    platform: 'node',
    // Bundled here (tsup would leave dependencies external): the plugin decides per package.
    noExternal: [/^@netstat-ts\//],
    external: ['koffi', 'commander'],
    esbuildPlugins: [workspaceFiles(own)],
    esbuildOptions(o) {
      // import() of a bundled module becomes a call; of another file, require(): the bin is
      // CommonJS throughout (third-party plugins are imported by the loader, src/cli.ts).
      o.supported = { ...o.supported, 'dynamic-import': false };
    },
    ...extra,
  };
}

/** A package's file: its main entry's exports, plus `__SUB` for each subpath. */
function packageEntry(name: string): string {
  const subs = PACKAGES[name]!;
  const lines = [`export * from '@netstat-ts/${name}';`];
  // `export *` leaves out `default` (a family's plugin object): name it when there is one.
  if (
    /\bas default\b|export default/.test(
      readFileSync(`node_modules/@netstat-ts/${name}/dist/index.js`, 'utf8'),
    )
  )
    lines.push(`export { default } from '@netstat-ts/${name}';`);
  for (const s of subs) lines.push(`export * as __${s} from '@netstat-ts/${name}/${s}';`);
  const file = `node_modules/.bundle-entries/${name}.js`;
  return writeEntry(file, lines.join('\n'));
}

function writeEntry(file: string, text: string): string {
  mkdirSync(file.slice(0, file.lastIndexOf('/')), { recursive: true });
  writeFileSync(file, `${text}\n`);
  return file;
}

const packageBundles = Object.keys(PACKAGES).map((name) => bundle(name, packageEntry(name), name));

export default defineConfig([
  {
    // The library (dist/index.js) and the loader the build's code-cache script uses. Family
    // packages stay external: a library user imports the ones they need.
    entry: ['src/index.ts', 'src/loader.ts'],
    format: ['esm'],
    dts: { entry: 'src/index.ts' },
    target: 'node20',
    external: [/^@netstat-ts\//],
  },
  {
    // The bin (dist/cli.cjs, with the loader in it): CommonJS, the cheapest kind of file for
    // Node to start with. dist/cli.js is the same bin for callers that name that path.
    entry: { cli: 'src/cli.ts' },
    format: ['cjs'],
    external: ['./bundle/netstat.cjs'],
    outExtension: () => ({ js: '.cjs' }),
    target: 'node20',
    platform: 'node',
    async onSuccess() {
      const text = readFileSync('dist/cli.cjs', 'utf8');
      const body = text.startsWith('#!') ? text.slice(text.indexOf('\n') + 1) : text;
      writeFileSync('dist/cli.cjs', `${LAUNCHER}\n${body}`);
      writeFileSync('dist/cli.js', `${LAUNCHER}\nimport './cli.cjs';\n`);
      for (const f of ['dist/cli.cjs', 'dist/cli.js']) chmodSync(f, 0o755);
    },
  },
  ...packageBundles,
  bundle('netstat', 'src/bin.ts', undefined),
]);
