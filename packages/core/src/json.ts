import { byteStringToUnicode } from './bytes.js';
import type { Table } from './plugin.js';

/** The JSON document netstat-ts prints with `--json`. */
export interface JsonDocument {
  schema: 'netstat-ts/v1';
  tool: { name: 'netstat-ts'; version: string };
  /** The system root the tables were read from. */
  root: string;
  /** When the pass started (ISO 8601). */
  time: string;
  /** What was printed: sockets, route, interfaces, statistics or masquerade. */
  mode: string;
  /** `--netns`/`--all-netns`: the namespaces read, in order (those skipped say why). */
  namespaces?: object[];
  tables: Table<object>[];
  /** Exit status of the pass. */
  status: number;
}

/** Deep-copies a value, turning byte strings into Unicode strings and Uint8Arrays into arrays. */
export function toJsonValue(v: unknown): unknown {
  if (typeof v === 'string') return byteStringToUnicode(v);
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Uint8Array) return Array.from(v);
  if (Array.isArray(v)) return v.map(toJsonValue);
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), toJsonValue(x)]));
  if (v && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) o[k] = toJsonValue(x);
    return o;
  }
  return v;
}

/** Serialises a JSON document (pretty when `pretty`). */
export function renderJson(doc: JsonDocument, pretty = false): string {
  return `${JSON.stringify(toJsonValue(doc), null, pretty ? 2 : undefined)}\n`;
}

/** The key under which a table keeps its row stream (see {@link defineRowStream}). */
const ROW_STREAM = Symbol.for('netstat-ts.rowStream');

/**
 * Gives a table a way to hand over its rows one at a time, so that JSON output can write them as
 * they are made, never holding them all (a table of a million routes). `each(fn)` calls `fn` for
 * every row, in order, as `table.rows` would list them; the row may be written and dropped right
 * away. The stream is not enumerable: it never shows in the JSON itself.
 */
export function defineRowStream<R>(table: Table<R>, each: (fn: (row: R) => void) => void): void {
  Object.defineProperty(table, ROW_STREAM, { value: each, enumerable: false, configurable: true });
}

/** The row stream of a table, if it has one ({@link defineRowStream}). */
export function rowStream<R>(table: Table<R>): ((fn: (row: R) => void) => void) | undefined {
  return (table as unknown as Record<symbol, ((fn: (row: R) => void) => void) | undefined>)[ROW_STREAM];
}

/**
 * Writes a table as {@link renderJson} would write it inside a document (`JSON.stringify` of
 * {@link toJsonValue}, byte for byte), in pieces handed to `write`: the rows of a table with a
 * row stream are written as they are made, never all held.
 */
export function writeJsonTable(table: Table<object>, write: (text: string) => void): void {
  const stream = rowStream(table);
  let acc = '{';
  let first = true;
  for (const key of Object.keys(table)) {
    if (key === 'rows' && stream !== undefined && !rowsBuilt(table)) {
      acc += `${first ? '' : ','}"rows":[`;
      first = false;
      let n = 0;
      stream((row) => {
        acc += `${n++ === 0 ? '' : ','}${JSON.stringify(toJsonValue(row))}`;
        if (acc.length >= 65536) {
          write(acc);
          acc = '';
        }
      });
      acc += ']';
      continue;
    }
    const v = JSON.stringify(toJsonValue((table as unknown as Record<string, unknown>)[key]));
    if (v === undefined) continue;
    acc += `${first ? '' : ','}${JSON.stringify(key)}:${v}`;
    first = false;
  }
  write(`${acc}}`);
}

/** True when `rows` is a plain value (not a lazy getter): then it is written as it is. */
function rowsBuilt(table: object): boolean {
  const d = Object.getOwnPropertyDescriptor(table, 'rows');
  return d !== undefined && 'value' in d;
}
