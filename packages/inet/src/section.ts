/** The Section of one /proc table file: open outcome, parsed records, text and JSON rows. */
import type { Diagnostic, InfoFile, Output, Section, TableKind } from '@netstat-ts/core';
import type { LineDiagnostic } from './proc-net-ip.js';
import { diag, lazyTable } from './rows.js';

/**
 * A section for one file: the open outcome, the parsed records and how to print them.
 * Bogus-line warnings go to stderr between the rows where they occurred.
 */
export function fileSection<R>(
  opened: InfoFile,
  head: { kind: TableKind; family: string; name: string; path: string },
  parsed: { records: R[]; diagnostics: LineDiagnostic[] } | null,
  shown: (r: R) => boolean,
  text: (r: R) => string,
  row: (r: R) => object,
): Section {
  const diagnostics: Diagnostic[] = [];
  const message = opened.ok ? null : opened.message;
  if (message) diagnostics.push(diag(message, 'error'));
  for (const d of parsed?.diagnostics ?? []) diagnostics.push(diag(d.message));
  const records = parsed?.records ?? [];
  const table = lazyTable(
    {
      kind: 'sockets',
      family: head.family,
      name: head.name,
      sources: [head.path],
      present: opened.ok,
      diagnostics,
    },
    () => records.filter(shown).map(row),
  );
  return {
    table,
    status: opened.ok ? 0 : opened.status,
    write(out: Output) {
      if (message) out.err(`${message}\n`);
      const diags = parsed?.diagnostics ?? [];
      let di = 0;
      for (let i = 0; i < records.length; i++) {
        while (di < diags.length && diags[di]!.atRecord <= i) out.err(`${diags[di++]!.message}\n`);
        const r = records[i]!;
        if (shown(r)) out.out(text(r));
      }
      while (di < diags.length) out.err(`${diags[di++]!.message}\n`);
    },
  };
}
