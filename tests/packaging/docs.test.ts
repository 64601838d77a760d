import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './workspace.js';

// The row type names the docs give (README "Library" table, docs/json-tables.md) are exported by
// the package they name: checked against the pinned export lists (api-exports.json).

const exported = (pkg: string): Set<string> => {
  const pins = JSON.parse(readFileSync(join(REPO, 'packages', pkg, 'api-exports.json'), 'utf8')) as Record<
    string,
    string[]
  >;
  return new Set([...(pins['.'] ?? []), ...(pins['. types'] ?? [])]);
};

describe('row type names in the docs', () => {
  it('README "Library": every `Name` in a package row of the row-type table is exported by that package', () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const library = readme.slice(
      readme.indexOf('\n## Library\n'),
      readme.indexOf('\n## Writing a family plugin\n'),
    );
    let pkg = '';
    let checked = 0;
    for (const line of library.split('\n')) {
      const cells = line.split(/(?<!\\)\|/).map((c) => c.trim());
      if (cells.length < 4 || !line.startsWith('|') || /^\|[-|]+\|$/.test(line) || cells[1] === 'Package')
        continue;
      const named = /^`@netstat-ts\/([a-z0-9]+)`$/.exec(cells[1]!);
      if (named) pkg = named[1]!;
      expect(pkg, line).not.toBe('');
      const names = exported(pkg);
      for (const m of cells[3]!.matchAll(/`([A-Z][A-Za-z0-9]*)`/g)) {
        expect(names.has(m[1]!), `${m[1]} (README table) is not exported by @netstat-ts/${pkg}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(25);
  });

  it('docs/json-tables.md: every "Row type" is exported by the package it names', () => {
    const doc = readFileSync(join(REPO, 'docs', 'json-tables.md'), 'utf8');
    const found = [...doc.matchAll(/^Row type: `(\w+)` from `@netstat-ts\/([a-z0-9]+)`\.$/gm)];
    expect(found.length).toBe([...doc.matchAll(/^## /gm)].length);
    for (const [, name, pkg] of found)
      expect(exported(pkg!).has(name!), `${name} is not exported by @netstat-ts/${pkg}`).toBe(true);
  });
});
