#!/usr/bin/env node
// Adds up the vitest JSON results of every package and prints one closing line:
// "tests: N passed, M failed, K skipped". Exits 1 if a package has no result or a test failed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

let passed = 0;
let failed = 0;
let skipped = 0;
let missing = 0;
for (const top of ['packages', 'apps', 'tests']) {
  for (const name of readdirSync(top)) {
    const pkg = join(top, name);
    if (!existsSync(join(pkg, 'package.json'))) continue;
    const file = join(pkg, '.vitest-result.json');
    if (!existsSync(file)) {
      console.error(`test-summary: ${pkg} left no test result`);
      missing++;
      continue;
    }
    const r = JSON.parse(readFileSync(file, 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += r.numPendingTests + (r.numTodoTests ?? 0);
    console.log(`${pkg}: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
  }
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || missing > 0 ? 1 : 0);
