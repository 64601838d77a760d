import {
  createContext,
  type NetstatOptions,
  type PluginContext,
  type Section,
  toJsonValue,
} from '@netstat-ts/core';
import { expect } from 'vitest';

/**
 * The key list of a row type, each key marked `required` or `optional`. Written as an object
 * literal with `satisfies RowKeys<SomeRow>`, it fails to compile when a key of the type is
 * missing, when it names a key the type lacks, or when a key's mark is wrong: the runtime key
 * check ({@link rowKeyProblems}) then tests the JSON rows against exactly the declared keys.
 */
export type RowKeys<R> = { [K in keyof R]-?: object extends Pick<R, K> ? 'optional' : 'required' };

/**
 * What is wrong with the keys of a row as `--json` prints it (undefined members dropped, as the
 * JSON renderer does) against a key list: a required key absent, or a key the type does not
 * declare. Empty when the row fits the type's keys.
 */
export function rowKeyProblems(row: object, keys: Record<string, 'optional' | 'required'>): string[] {
  const json = toJsonValue(row) as Record<string, unknown>;
  const problems: string[] = [];
  for (const [k, mark] of Object.entries(keys))
    if (mark === 'required' && !(k in json)) problems.push(`required key ${k} is missing`);
  for (const k of Object.keys(json)) if (!(k in keys)) problems.push(`key ${k} is not declared by the type`);
  return problems;
}

/**
 * The keys seen in any of `rows` (JSON form): a test checks with it that the optional keys of a
 * type are really produced by some run, so the list does not keep keys no row has any more.
 */
export function keysSeen(rows: readonly object[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(toJsonValue(r) as object)) seen.add(k);
  return [...seen].sort();
}

/** A table for {@link expectRowKeys}: its JSON name, its key list, and how to read its sections. */
export interface RowKeysTable {
  name: string;
  keys: Record<string, 'optional' | 'required'>;
  read(ctx: PluginContext): Promise<readonly Section<object>[]>;
}

/**
 * Reads each table on every root with every option set and expects the name of each section,
 * every row's keys to fit the table's key list, and every declared key to turn up in some row.
 */
export async function expectRowKeys(
  roots: readonly string[],
  optionSets: readonly Partial<NetstatOptions>[],
  tables: readonly RowKeysTable[],
): Promise<void> {
  const rows = tables.map((): object[] => []);
  for (const root of roots)
    for (const options of optionSets) {
      const ctx = createContext({ root, options });
      for (const [i, t] of tables.entries())
        for (const s of await t.read(ctx)) {
          expect(s.table?.name).toBe(t.name);
          for (const r of s.table?.rows ?? []) {
            expect(rowKeyProblems(r, t.keys)).toEqual([]);
            rows[i]!.push(r);
          }
        }
    }
  for (const [i, t] of tables.entries()) expect(keysSeen(rows[i]!)).toEqual(Object.keys(t.keys).sort());
}
