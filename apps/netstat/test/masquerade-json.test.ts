import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type JsonDocument, renderJson, type Table, writeJson } from '@netstat-ts/core';
import { makeRoot } from '@netstat-ts/test-support';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from './fixtures.js';

const LIVE = join(FIXTURES, 'conntrack-live/root');
const procLines = readFileSync(join(LIVE, 'proc/net/nf_conntrack'), 'latin1');

function parse(out: Buffer) {
  const text = out.toString('utf8');
  const doc = JSON.parse(text);
  // Compact, one document, newline-terminated: the text JSON.stringify gives of it.
  expect(text).toBe(`${JSON.stringify(doc)}\n`);
  return doc;
}

describe('-M --json: rows streamed while the document is written', () => {
  it('the table of the /proc source, in the shared schema (keys in order, diagnostics after rows)', async () => {
    const r = await runCli(['--root', LIVE, '-M', '-n', '--json']);
    expect(r.status).toBe(0);
    const doc = parse(r.stdout);
    expect(Object.keys(doc)).toEqual(['schema', 'tool', 'root', 'time', 'mode', 'tables', 'status']);
    const t = doc.tables[0];
    expect(Object.keys(t)).toEqual(['kind', 'family', 'name', 'sources', 'present', 'rows', 'diagnostics']);
    expect(t).toMatchObject({
      kind: 'masquerade',
      name: 'conntrack',
      sources: ['/proc/net/nf_conntrack'],
      present: true,
    });
    expect(t.rows).toHaveLength(9);
    expect(t.rows[0]).toMatchObject({
      source: '/proc/net/nf_conntrack',
      nat: 'snat',
      original: { sport: 40001 },
    });
  });

  it('no source: an empty table, the error in its diagnostics, status 1', async () => {
    const r = await runCli(['--root', makeRoot({}), '-M', '--json']);
    expect(r.status).toBe(1);
    const doc = parse(r.stdout);
    expect(doc.status).toBe(1);
    expect(doc.tables[0]).toMatchObject({ present: false, rows: [], sources: [] });
    expect(doc.tables[0].diagnostics[0]).toMatchObject({ level: 'error' });
    expect(r.stderr).toBe("netstat: no support for `ip_masquerade' on this system.\n");
  });

  it('bogus lines: counted in the diagnostics written after the rows; a large table in many pieces', async () => {
    const many = `${procLines.repeat(800)}garbage\n`;
    const root = makeRoot({ '/proc/net/nf_conntrack': many });
    const r = await runCli(['--root', root, '-M', '-n', '--json']);
    const doc = parse(r.stdout);
    expect(doc.tables[0].rows).toHaveLength(9 * 800);
    expect(doc.tables[0].diagnostics.at(-1).message).toMatch(
      /skipped 1 bogus line of \/proc\/net\/nf_conntrack/,
    );
    expect(r.stdout.length).toBeGreaterThan(4 * 65536);
  });

  it('writeJson of held tables is renderJson; a streamed table gives the same text', () => {
    const table: Table<object> = {
      kind: 'masquerade',
      family: 'inet',
      name: 'x',
      sources: ['/a'],
      present: true,
      rows: [{ a: 1, s: 'caf\xe9' }, { a: 2 }],
      diagnostics: [{ level: 'info', message: 'm' }],
    };
    const doc: JsonDocument = {
      schema: 'netstat-ts/v1',
      tool: { name: 'netstat-ts', version: '0' },
      root: '/',
      time: 't',
      mode: 'masquerade',
      tables: [table, table],
      status: 0,
    };
    const held: string[] = [];
    writeJson(doc, (t) => held.push(t));
    expect(held.join('')).toBe(renderJson(doc));
    const later = { ...table, sources: [] as string[], rows: [], diagnostics: [] as Table['diagnostics'] };
    const streamed: string[] = [];
    writeJson(
      {
        ...doc,
        tables: [
          table,
          {
            table: later,
            rows: (emit) => {
              later.sources = ['/a'];
              for (const r of table.rows) emit(r);
              later.diagnostics = table.diagnostics;
            },
          },
        ],
      },
      (t) => streamed.push(t),
    );
    expect(streamed.join('')).toBe(renderJson(doc));
  });
});
