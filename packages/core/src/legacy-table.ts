/**
 * The socket block shared by the line-oriented legacy families (AX.25, NET/ROM, ROSE): open the
 * file under 2.10's missing-file rules (spec §1.6), parse it, and print the header and the rows
 * with the "problem reading data" lines on stdout in file order.
 */
import type { Host } from './host.js';
import { openLegacyFile } from './info-file.js';
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
  /** Records and diagnostics; a diagnostic's `line` orders it among the rows (same numbering). */
  parse(data: Uint8Array): { records: Rec[]; diagnostics: (Diagnostic & { line: number })[] };
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
  const f = ctx.host.isDirectory(spec.path)
    ? { ok: true as const, data: EMPTY }
    : openLegacyFile(ctx.host, spec.path, spec.label, ctx.options);
  if (!f.ok) {
    const message = f.message;
    if (message !== null) table.diagnostics.push({ level: 'error', message });
    return [
      {
        table,
        status: f.status,
        write(out) {
          if (message !== null) out.err(`${message}\n`);
        },
      },
    ];
  }
  const parsed = spec.parse(f.data);
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
