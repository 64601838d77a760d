/**
 * The bin (dist/cli.cjs; built as CommonJS although written with imports): loads the CommonJS bundle of the CLI (dist/bundle/netstat.cjs, with
 * every workspace package in a file of its own, read only when a command needs it) through the
 * code-cache loader, and runs it (ADR 0011). Third-party plugins are ES modules: they are
 * imported here, for the bundle.
 */
import { join } from 'node:path';
import { bundleLoader } from './loader.js';

/** What dist/bundle/netstat.cjs exports (src/bin.ts). */
interface Bundle {
  start(options: { importer(specifier: string): Promise<unknown> }): Promise<void>;
}

// Names other than the bundle's own files (built-in modules, koffi) resolve from this file.
const bundle = bundleLoader(join(__dirname, 'bundle'), true, require).require('netstat.cjs') as Bundle;
bundle.start({ importer: (specifier) => import(specifier) }).catch((e: unknown) => {
  // main() reports every error it knows; this is a bug, said in one line (no stack trace).
  process.stderr.write(`netstat: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
