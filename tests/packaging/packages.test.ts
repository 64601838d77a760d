import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import ts from 'typescript';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { type Manifest, publicPackages, REPO, tarballName, workspacePackages } from './workspace.js';

// Every package directory is checked, found on disk: a newly merged package that lacks any of
// this fails here, and each message says what to add. UPDATE=1 (re)writes api-exports.json pins.

const LICENSE = readFileSync(join(REPO, 'LICENSE'), 'utf8');
const ATTW = join(REPO, 'node_modules', '@arethetypeswrong', 'cli', 'dist', 'index.js');
const tarball = (m: Manifest) => join(inject('packs'), tarballName(m));
const workspaceNames = new Set(workspacePackages().map((p) => p.manifest.name));

/**
 * The type-only exports (interfaces, type aliases) of each declaration file, from one TypeScript
 * program over every package's built `.d.ts` entries (made once, on first use).
 */
let typeExports: Map<string, string[]> | undefined;
function typeOnlyExports(dts: string): string[] {
  if (!typeExports) {
    const files = publicPackages().flatMap(({ dir, manifest }) =>
      Object.values(manifest.exports as Record<string, Record<string, string>>).map((e) =>
        join(REPO, dir, e.types!),
      ),
    );
    const program = ts.createProgram(files, {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
    });
    const checker = program.getTypeChecker();
    typeExports = new Map();
    for (const file of files) {
      const source = program.getSourceFile(file);
      const mod = source && checker.getSymbolAtLocation(source);
      if (!mod) continue;
      const names = checker
        .getExportsOfModule(mod)
        .filter((sym) => {
          const target = sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym;
          return (target.flags & ts.SymbolFlags.Value) === 0;
        })
        .map((sym) => sym.name);
      typeExports.set(file, names.sort());
    }
  }
  const names = typeExports.get(dts);
  if (!names) throw new Error(`${dts}: not a declaration file TypeScript could read`);
  return names;
}

/** attw on every tarball, two at a time (each run builds a TypeScript program: ~2 s). */
const attw = new Map<string, Promise<{ status: number | null; output: string }>>();
beforeAll(() => {
  const queue = publicPackages().map((p) => p.manifest);
  let running = 0;
  const waiting: (() => void)[] = [];
  for (const m of queue) {
    attw.set(
      m.name,
      new Promise((resolve) => {
        const start = () => {
          running++;
          const child = spawn(process.execPath, [
            ATTW,
            tarball(m),
            '--profile',
            'esm-only',
            '--no-color',
            '--format',
            'ascii',
          ]);
          let output = '';
          child.stdout.on('data', (d) => (output += d));
          child.stderr.on('data', (d) => (output += d));
          child.on('close', (status) => {
            running--;
            waiting.shift()?.();
            resolve({ status, output });
          });
        };
        if (running < 2) start();
        else waiting.push(start);
      }),
    );
  }
});

describe.each(publicPackages())('$dir', ({ dir, manifest: m }) => {
  const at = (what: string) => `${dir}: ${what}`;

  it('has the publish metadata', () => {
    expect(m.license, at('add "license": "MIT" to package.json')).toBe('MIT');
    expect(
      existsSync(join(REPO, dir, 'LICENSE')),
      at('copy the root LICENSE into the package directory'),
    ).toBe(true);
    expect(
      readFileSync(join(REPO, dir, 'LICENSE'), 'utf8'),
      at('LICENSE differs from the root LICENSE: copy it again'),
    ).toBe(LICENSE);
    expect((m.engines as Record<string, string>)?.node, at('add "engines": { "node": ">=20.19" }')).toBe(
      '>=20.19',
    );
    expect(
      m.repository,
      at(`add "repository": { "type": "git", "url": …, "directory": "${dir}" }`),
    ).toMatchObject({
      type: 'git',
      url: expect.stringMatching(/^git\+https:/),
      directory: dir,
    });
    expect(
      m.publishConfig,
      at('add "publishConfig": { "access": "public" } (scoped packages publish as restricted otherwise)'),
    ).toEqual({
      access: 'public',
    });
    expect(m.type, at('add "type": "module"')).toBe('module');
    expect(m.files, at('add "files": ["dist"]')).toEqual(expect.arrayContaining(['dist']));
    expect(
      (m.scripts as Record<string, string>)?.prepack,
      at('add "prepack": the build script (build before pack)'),
    ).toBe((m.scripts as Record<string, string>)?.build);
    expect(existsSync(join(REPO, dir, 'README.md')), at('add a README.md')).toBe(true);
    expect(
      existsSync(join(REPO, dir, 'CHANGELOG.md')),
      at('add a CHANGELOG.md (changesets appends to it)'),
    ).toBe(true);
  });

  it('has an exports map with types, import and default on each entry', () => {
    const ex = m.exports as Record<string, Record<string, string>>;
    expect(ex && typeof ex === 'object' && '.' in ex, at('add an "exports" map with a "." entry')).toBe(true);
    for (const [sub, entry] of Object.entries(ex)) {
      expect(
        Object.keys(entry),
        at(`exports["${sub}"] must be { "types", "import", "default" } in that order`),
      ).toEqual(['types', 'import', 'default']);
      expect(
        entry.default,
        at(`exports["${sub}"].default must equal .import (ESM for require(esm) too)`),
      ).toBe(entry.import);
    }
    expect(
      [m.main, m.types],
      at('add top-level "main" and "types" equal to exports["."] (node10 resolution)'),
    ).toEqual([ex['.']!.import, ex['.']!.types]);
  });

  it('depends on other workspace packages with workspace:^ (ranges npm can dedupe)', () => {
    for (const field of [
      'dependencies',
      'peerDependencies',
      'optionalDependencies',
      'devDependencies',
    ] as const) {
      for (const [name, range] of Object.entries((m[field] as Record<string, string>) ?? {}))
        if (workspaceNames.has(name))
          expect(range, at(`${field}.${name}: use "workspace:^"`)).toBe('workspace:^');
    }
  });

  it('ships LICENSE, README and its dist in the tarball', () => {
    const files = execFileSync('tar', ['tzf', tarball(m)], { encoding: 'utf8' }).split('\n');
    for (const f of ['package/LICENSE', 'package/README.md', 'package/package.json'])
      expect(files, at(`the tarball lacks ${f}`)).toContain(f);
    for (const entry of Object.values(m.exports as Record<string, Record<string, string>>))
      for (const target of new Set(Object.values(entry)))
        expect(files, at(`the tarball lacks ${target} (build before pack)`)).toContain(
          `package/${target.replace(/^\.\//, '')}`,
        );
  });

  it('passes publint (no errors, warnings or suggestions)', async () => {
    const buf = readFileSync(tarball(m));
    const { messages, pkg } = await publint({
      pack: { tarball: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer },
      level: 'suggestion',
      strict: true,
    });
    expect(messages.map((msg) => at(`publint: ${formatMessage(msg, pkg) ?? msg.code}`))).toEqual([]);
  });

  it('passes @arethetypeswrong/cli (profile esm-only: ESM packages, require(esm) on Node >= 20.19)', async () => {
    const r = await attw.get(m.name)!;
    expect(r.status, at(`attw found problems:\n${r.output}`)).toBe(0);
  });

  it('exports exactly the pinned names (api-exports.json)', async () => {
    const ex = m.exports as Record<string, Record<string, string>>;
    // Per entry: its runtime names, and (key "<entry> types") its type-only names.
    const actual: Record<string, string[]> = {};
    for (const [sub, entry] of Object.entries(ex)) {
      const mod = await import(pathToFileURL(join(REPO, dir, entry.import!)).href);
      actual[sub] = Object.keys(mod).sort();
      actual[`${sub} types`] = typeOnlyExports(join(REPO, dir, entry.types!));
    }
    const pin = join(REPO, dir, 'api-exports.json');
    if (process.env.UPDATE) writeFileSync(pin, `${JSON.stringify(actual, null, 2)}\n`);
    expect(
      existsSync(pin),
      at('add api-exports.json, the pinned export list (UPDATE=1 writes it; review it)'),
    ).toBe(true);
    expect(actual, at('the export list changed: review it, then UPDATE=1 rewrites api-exports.json')).toEqual(
      JSON.parse(readFileSync(pin, 'utf8')),
    );
  });
});
