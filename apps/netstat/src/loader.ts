/**
 * Loads the bin's CommonJS bundle files (dist/bundle/*.cjs) with V8's code cache: each file's
 * `FILE.cjs.cache` (scripts/code-cache.mjs makes them at build time) spares the compile of the
 * file and of the functions the common commands run. A cache that does not fit this Node (another
 * V8 version or flags) is rejected by V8, and the file is compiled as usual (ADR 0011).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/** A bundle file loaded through {@link installBundleLoader}, for making its cache. */
export interface LoadedBundle {
  file: string;
  script: Script;
}

/** The last line of a bundle file: the token its code cache carries in its first 64 bytes. */
export const BUILD_STAMP = /\/\/# netstat-ts-build=([0-9a-f]{64})\n?$/;

type CompiledModule = (
  exports: unknown,
  require: NodeJS.Require,
  module: NodeJS.Module,
  filename: string,
  dirname: string,
) => void;

/**
 * Makes `require()` of a `.cjs` file in `dir` compile it with its code cache (when `useCache`);
 * other files load as before. `extensions` is `require.extensions` (shared by every require
 * function of the process). Returns the list of files loaded so far (it grows).
 */
export function installBundleLoader(
  dir: string,
  useCache: boolean,
  extensions: NodeJS.RequireExtensions,
): LoadedBundle[] {
  const loaded: LoadedBundle[] = [];
  const plain = extensions['.cjs'] ?? extensions['.js']!;
  extensions['.cjs'] = (module, filename) => {
    if (dirname(filename) !== dir) return plain(module, filename);
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
    const source = `(function (exports, require, module, __filename, __dirname) {${text}\n})`;
    const script = new Script(source, { filename, cachedData });
    loaded.push({ file: filename, script });
    const compiled = script.runInThisContext() as CompiledModule;
    compiled.call(
      module.exports,
      module.exports,
      createRequire(filename),
      module,
      filename,
      dirname(filename),
    );
  };
  return loaded;
}
