import type { Section, Table } from './plugin.js';

/**
 * The common successful section of a table: its header text, then one formatted line per row of
 * `table.rows`, written to stdout in one piece; status 0. `header` and every formatted row carry
 * their own newlines.
 */
export function rowsSection<R>(table: Table<R>, header: string, format: (row: R) => string): Section {
  const rows = table.rows;
  return {
    table: table as Table<object>,
    status: 0,
    write(out) {
      let text = header;
      for (const row of rows) text += format(row);
      out.out(text);
    },
  };
}
