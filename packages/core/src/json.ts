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
