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

/**
 * True when `v` must go through {@link toJsonValue} before JSON.stringify: it holds a byte string
 * with a byte above 0x7f, a bigint, a Uint8Array or Map, or an object that is neither a plain
 * object nor an array (e.g. one with `toJSON`). Walks without copying.
 */
function needsCopy(v: unknown): boolean {
  if (typeof v === 'string') {
    for (let i = 0; i < v.length; i++) if (v.charCodeAt(i) > 0x7f) return true;
    return false;
  }
  if (typeof v === 'bigint') return true;
  if (v === null || typeof v !== 'object') return false;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (needsCopy(v[i])) return true;
    return false;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return true;
  for (const k in v) if (Object.hasOwn(v, k) && needsCopy((v as Record<string, unknown>)[k])) return true;
  return false;
}

/**
 * The JSON text of one value as `JSON.stringify(toJsonValue(v))` gives it, without the copy
 * when none is needed (a row of ASCII strings, numbers, plain objects and arrays).
 */
export function jsonText(v: unknown): string {
  return JSON.stringify(needsCopy(v) ? toJsonValue(v) : v);
}

/** Serialises a JSON document (pretty when `pretty`). */
export function renderJson(doc: JsonDocument, pretty = false): string {
  return `${JSON.stringify(toJsonValue(doc), null, pretty ? 2 : undefined)}\n`;
}

/**
 * A table of a JSON document whose rows are read while the document is written (a section's
 * `Section.stream`): `rows` hands each row to `emit` as it is read. `extra` is merged into
 * the table's object and `rowExtra` into each row (e.g. the `netns` tag of `--netns`).
 */
export interface StreamedTable {
  table: Table<object>;
  rows(emit: (row: object) => void): void;
  extra?: Record<string, unknown>;
  rowExtra?: Record<string, unknown>;
}

function isStreamed(t: Table<object> | StreamedTable): t is StreamedTable {
  return typeof (t as StreamedTable).rows === 'function';
}

function member(first: boolean, k: string, v: unknown): string {
  return `${first ? '' : ','}${JSON.stringify(k)}:${JSON.stringify(toJsonValue(v))}`;
}

function writeStreamedTable(st: StreamedTable, write: (text: string) => void): void {
  const extra = st.extra ?? {};
  const value = (k: string) => (k in extra ? extra[k] : (st.table as unknown as Record<string, unknown>)[k]);
  const keys = () => Object.keys({ ...st.table, ...extra });
  let started = false;
  let n = 0;
  const head = () => {
    started = true;
    let first = true;
    let text = '{';
    for (const k of keys()) {
      if (k === 'rows') break;
      const v = value(k);
      if (v === undefined) continue;
      text += member(first, k, v);
      first = false;
    }
    write(`${text}${first ? '' : ','}"rows":[`);
  };
  st.rows((row) => {
    if (!started) head();
    const r = st.rowExtra ? { ...row, ...st.rowExtra } : row;
    write(`${n++ === 0 ? '' : ','}${jsonText(r)}`);
  });
  if (!started) head();
  let text = ']';
  let after = false;
  for (const k of keys()) {
    if (k === 'rows') {
      after = true;
      continue;
    }
    const v = value(k);
    if (after && v !== undefined) text += member(false, k, v);
  }
  write(`${text}}`);
}

/**
 * Writes a JSON document piece by piece (the text of {@link renderJson}, without the pretty
 * form): tables given as {@link StreamedTable} are read while they are written, so their rows
 * are never held. `doc.status` is read when it is reached, after the tables: a stream may still
 * set it. Ends with a newline.
 */
export function writeJson(
  doc: Omit<JsonDocument, 'tables'> & { tables: (Table<object> | StreamedTable)[] },
  write: (text: string) => void,
): void {
  let first = true;
  write('{');
  for (const k of Object.keys(doc)) {
    const v = (doc as unknown as Record<string, unknown>)[k];
    if (k === 'tables') {
      write(`${first ? '' : ','}"tables":[`);
      doc.tables.forEach((t, i) => {
        if (i > 0) write(',');
        if (isStreamed(t)) writeStreamedTable(t, write);
        else write(JSON.stringify(toJsonValue(t)));
      });
      write(']');
      first = false;
    } else if (v !== undefined) {
      write(member(first, k, v));
      first = false;
    }
  }
  write('}\n');
}
