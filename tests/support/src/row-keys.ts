import { toJsonValue } from '@netstat-ts/core';

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
