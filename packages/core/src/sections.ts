import type { Section, Table } from './plugin.js';

/**
 * The common successful section of a table: its header text, then one formatted line per row of
 * `table.rows`, written to stdout in one piece; status 0. `header` and every formatted row carry
 * their own newlines. The section keeps the table's row type.
 */
export function rowsSection<R extends object>(
  table: Table<R>,
  header: string,
  format: (row: R) => string,
): Section<R> {
  const rows = table.rows;
  return {
    table,
    status: 0,
    write(out) {
      let text = header;
      for (const row of rows) text += format(row);
      out.out(text);
    },
  };
}
