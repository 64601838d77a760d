/**
 * Loads the bin's CommonJS bundle files (dist/bundle/*.cjs) with V8's code cache: each file's
 * `FILE.cjs.cache` (scripts/code-cache.mjs makes them at build time) spares the compile of the
 * file and of the functions the common commands run. A cache that does not fit this Node (another
 * V8 version or flags) is rejected by V8, and the file is compiled as usual (ADR 0011).
 */
import { readFileSync } from 'node:fs';
import { Script } from 'node:vm';

/** A bundle file loaded through {@link bundleLoader}, for making its cache. */
export interface LoadedBundle {
  file: string;
  script: Script;
}

/** The last line of a bundle file: the token its code cache carries in its first 64 bytes. */
export const BUILD_STAMP = /\/\/# netstat-ts-build=([0-9a-f]{64})\n?$/;

/**
 * How a bundle file starts: the build writes each one as the function Node would wrap a CommonJS
 * file in (its body ends with `\n})`, before the stamp line). The loader then compiles the text as
 * read: wrapping it here would make V8 flatten the concatenation, a second copy of every file in
 * the young generation (for `-s`, the difference between a scavenge and none). A file without it
 * is wrapped here.
 */
export const MODULE_WRAPPER = '(function (exports, require, module, __filename, __dirname) {';

type CompiledModule = (
  exports: unknown,
  require: (id: string) => unknown,
  module: { exports: unknown },
  filename: string,
  dirname: string,
) => void;

/** The bundle files of one directory, loaded by {@link bundleLoader}. */
export interface BundleLoader {
  /** Loads `name` (`netstat.cjs`) from the directory once and returns its exports. */
  require(name: string): unknown;
  /** The files loaded so far, in load order (it grows). */
  loaded: LoadedBundle[];
}

/** What a bundle file asks for when it names another one: `require("./core.cjs")`. */
const SIBLING = /^\.\/([\w-]+\.cjs)$/;

/**
 * Loads the `.cjs` files of `dir` without Node's module system: a file is read, compiled with
 * its code cache (when `useCache`) and run with a `require` that hands `./X.cjs` to this loader
 * and every other name (built-in modules, koffi) to `outer`. Node's resolver would stat, realpath
 * and look up package scopes for each file, and make a require function per file: some 4 M
 * instructions at each start, for two files of which the paths are known.
 */
export function bundleLoader(dir: string, useCache: boolean, outer: (id: string) => unknown): BundleLoader {
  const loaded: LoadedBundle[] = [];
  const modules = new Map<string, { exports: unknown }>();
  const requireSibling = (id: string): unknown => {
    const m = SIBLING.exec(id);
    return m ? load(m[1]!) : outer(id);
  };
  function load(name: string): unknown {
    const known = modules.get(name);
    if (known) return known.exports;
    const filename = `${dir}/${name}`;
    const text = readFileSync(filename, 'utf8');
    let cachedData: Buffer | undefined;
    // V8 checks only the length of the source against a cache: the build stamps each file and
    // its cache with the same token (a hash of the file), and a cache from another build is
    // never used.
    const stamp = useCache ? BUILD_STAMP.exec(text.slice(-120)) : null;
    if (stamp) {
      try {
        const cache = readFileSync(`${filename}.cache`);
        if (cache.length > 64 && cache.toString('latin1', 0, 64) === stamp[1])
          cachedData = cache.subarray(64);
      } catch {}
    }
    const source = text.startsWith(MODULE_WRAPPER) ? text : `${MODULE_WRAPPER}${text}\n})`;
    const script = new Script(source, { filename, cachedData });
    loaded.push({ file: filename, script });
    const compiled = script.runInThisContext() as CompiledModule;
    // Registered before it runs, as Node does (a cycle sees the exports made so far); a file
    // that throws is forgotten, so that the next require runs it again.
    const module = { exports: {} as unknown };
    modules.set(name, module);
    try {
      compiled.call(module.exports, module.exports, requireSibling, module, filename, dir);
    } catch (e) {
      modules.delete(name);
      throw e;
    }
    return module.exports;
  }
  return { require: load, loaded };
}
