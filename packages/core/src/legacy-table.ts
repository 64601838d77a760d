/**
 * The socket block shared by the line-oriented legacy families (AX.25, NET/ROM, ROSE): open the
 * file under 2.10's missing-file rules (spec §1.6), parse it, and print the header and the rows
 * with the "problem reading data" lines on stdout in file order.
 */
import type { Host } from './host.js';
import { openLegacyFile, openLegacyStream } from './info-file.js';
import { defineRowStream } from './json.js';
import type { ByteInput } from './pieces.js';
import type { Diagnostic, PluginContext, Section, Table } from './plugin.js';

const EMPTY = Buffer.alloc(0);

/**
 * Reads a legacy table file. A directory in its place is opened by 2.10's fopen and reads as
 * empty (header only), so it is an empty file here too.
 */
export function readLegacyTable(host: Host, path: string): ReturnType<Host['read']> {
  if (host.isDirectory(path)) return { ok: true, data: EMPTY };
  return host.read(path);
}

/** How a legacy family reads and prints its socket file. */
export interface LegacySocketsSpec<Rec, Row extends { line: number }> {
  family: string;
  /** The table's name in JSON (`ax25`, `nr`, `rose`). */
  name: string;
  /** The socket file (`/proc/net/ax25`). */
  path: string;
  /** The ESYSNOT label of the missing-file message (`AF AX25`). */
  label: string;
  /** Title and column header, with newlines. */
  header: string;
  /**
   * Records and diagnostics; a diagnostic's `line` orders it among the rows (same numbering).
   * Used when the family has no {@link scan}: the file is then read whole (under the Host's cap).
   */
  parse?(data: Uint8Array): { records: Rec[]; diagnostics: (Diagnostic & { line: number })[] };
  /**
   * One pass over the file in file order: `record` for every record, `diagnostic` for every
   * unreadable one. When present the file is streamed at every pass, never held whole.
   */
  scan?(input: ByteInput, record: (r: Rec) => void, diagnostic: (d: Diagnostic) => void): void;
  row(record: Rec): Row;
  /** One printed row, with its newline. */
  format(row: Row): string;
}

/**
 * The family's block of the socket listing: the header and rows, with the parser's diagnostics
 * interleaved on stdout by line; or, when the file cannot be opened, the missing-file message and
 * status of spec §1.6 (no header). A directory in place of the file reads as empty. The sections
 * are typed by the family's row type.
 */
export function legacySocketSections<Rec, Row extends { line: number }>(
  ctx: PluginContext,
  spec: LegacySocketsSpec<Rec, Row>,
): Section<Row>[] {
  const table: Table<Row> = {
    kind: 'sockets',
    family: spec.family,
    name: spec.name,
    sources: [spec.path],
    present: false,
    rows: [],
    diagnostics: [],
  };
  if (spec.scan) {
    const scan = spec.scan;
    const f = openLegacyStream(ctx.host, spec.path, spec.label, ctx.options);
    if (!f.ok) return [failedSection(table, f)];
    table.present = true;
    return [
      streamedRowsSection(
        table,
        spec.header,
        (row, diagnostic) => scan(f.feed, (r) => row(spec.row(r)), diagnostic),
        spec.format,
      ),
    ];
  }
  const f = ctx.host.isDirectory(spec.path)
    ? { ok: true as const, data: EMPTY }
    : openLegacyFile(ctx.host, spec.path, spec.label, ctx.options);
  if (!f.ok) return [failedSection(table, f)];
  const parsed = spec.parse ? spec.parse(f.data) : { records: [], diagnostics: [] };
  table.present = true;
  table.diagnostics = parsed.diagnostics;
  table.rows = parsed.records.map((r) => spec.row(r));
  const rows = table.rows;
  return [
    {
      table,
      status: 0,
      write(out) {
        const diags = parsed.diagnostics;
        let text = spec.header;
        let d = 0;
        for (const row of rows) {
          while (d < diags.length && diags[d]!.line < row.line) text += `${diags[d++]!.message}\n`;
          text += spec.format(row);
        }
        while (d < diags.length) text += `${diags[d++]!.message}\n`;
        out.out(text);
      },
    },
  ];
}

/** The section of a table file that could not be opened: its message (if any) and status. */
function failedSection<Row>(
  table: Table<Row>,
  f: { message: string | null; status: number },
): Section<Row & object> {
  const message = f.message;
  if (message !== null) table.diagnostics.push({ level: 'error', message });
  return {
    table: table as Table<Row & object>,
    status: f.status,
    write(out) {
      if (message !== null) out.err(`${message}\n`);
    },
  };
}

/**
 * One pass over a streamed table, in file order: `row` for every row, `diagnostic` for every
 * message the file's lines produce (see {@link streamedRowsSection}).
 */
export type RowScan<Row> = (row: (r: Row) => void, diagnostic: (d: Diagnostic) => void) => void;

/** Text gathered before it is handed to the output in one piece. */
const TEXT_CHUNK = 1 << 16;

/**
 * The section of a table whose file is streamed at every pass, never held whole: the text is the
 * header, then the rows and the file's diagnostics in file order (a diagnostic with `stream:
 * 'stdout'` in line on stdout, as 2.10's "problem reading data"; others on stderr), written as
 * the file is read (an `info` diagnostic is a note of ours, kept in the table, never printed);
 * `table.rows` and `table.diagnostics` are made on first access (library use),
 * and JSON writes the rows one at a time from a fresh pass. `table.diagnostics` starts with the
 * ones the table already holds. Status 0.
 */
export function streamedRowsSection<Row extends object>(
  table: Table<Row>,
  header: string,
  scan: RowScan<Row>,
  format: (row: Row) => string,
): Section<Row> {
  const fixed = table.diagnostics;
  let rows: Row[] | undefined;
  let diagnostics: Diagnostic[] | undefined;
  const collect = () => {
    const r: Row[] = [];
    const d: Diagnostic[] = [...fixed];
    scan(
      (row) => r.push(row),
      (diag) => d.push(diag),
    );
    rows = r;
    diagnostics = d;
  };
  Object.defineProperties(table, {
    rows: {
      enumerable: true,
      configurable: true,
      get: () => {
        if (rows === undefined) collect();
        return rows;
      },
    },
    diagnostics: {
      enumerable: true,
      configurable: true,
      get: () => {
        if (diagnostics === undefined) collect();
        return diagnostics;
      },
    },
  });
  defineRowStream(table, (fn) => {
    if (rows !== undefined) {
      for (const r of rows) fn(r);
      return;
    }
    const d: Diagnostic[] = [...fixed];
    scan(fn, (diag) => d.push(diag));
    diagnostics ??= d;
  });
  return {
    table,
    status: 0,
    write(out) {
      let text = header;
      const flush = () => {
        if (text) out.out(text);
        text = '';
      };
      const each = (row: Row) => {
        text += format(row);
        if (text.length >= TEXT_CHUNK) flush();
      };
      const diagnostic = (d: Diagnostic) => {
        if (d.level === 'info') return; // a note of ours, never printed
        if (d.stream === 'stdout') text += `${d.message}\n`;
        else {
          flush();
          out.err(`${d.message}\n`);
        }
      };
      if (rows !== undefined && diagnostics !== undefined && diagnostics.length === fixed.length)
        rows.forEach(each);
      else scan(each, diagnostic);
      flush();
    },
  };
}
