// API documentation of every published package, from the doc comments (`npm run docs:api`,
// checked in CI by scripts/check.sh: any warning fails). Entry points are each package's
// exports map, mapped from dist/*.js back to src/*.ts, so a new package is included by itself.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const entryPoints = [];
for (const top of ['packages', 'apps']) {
  for (const name of readdirSync(top).sort()) {
    const file = join(top, name, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8'));
    if (pkg.private) continue;
    for (const entry of Object.values(pkg.exports ?? {})) {
      const src = join(top, name, entry.import.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts'));
      if (existsSync(src)) entryPoints.push(src);
      else throw new Error(`typedoc: ${src} (from ${file} exports) does not exist`);
    }
  }
}

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  entryPoints,
  tsconfig: 'tsconfig.typedoc.json',
  out: 'docs/api',
  name: 'netstat-ts',
  readme: 'none',
  excludePrivate: true,
  excludeInternal: true,
  treatWarningsAsErrors: true,
  validation: { notExported: true, invalidLink: true, notDocumented: true },
  logLevel: 'Warn',
  // No "defined in" source links: they would depend on the clone's git remote (none in CI).
  disableSources: true,
};
