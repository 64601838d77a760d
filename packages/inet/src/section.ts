/** The Section of one /proc table file: open outcome, records, text and (lazy) JSON rows. */
import {
  type ByteWriter,
  type Diagnostic,
  defineRowStream,
  type InfoFailure,
  type Output,
  type Section,
  type Table,
  type TableKind,
} from '@netstat-ts/core';
import type { LineDiagnostic } from './proc-net-ip.js';
import { diag } from './rows.js';

/** Where a section's records come from: a streaming scan of the file, in file order. */
export interface RecordSource<R> {
  /** Calls `each` per record (the object may be reused between calls) and `bogus` per bad line. */
  scan(each: (r: R) => void, bogus: (message: string) => void): void;
  /** A copy of a streamed record that stays valid. */
  keep(r: R): R;
  /**
   * A faster {@link scan} for writing the text only: it may leave unset the fields the text does
   * not show. Records it yields are never kept.
   */
  textScan?(each: (r: R) => void, bogus: (message: string) => void): void;
}

/** A source over records parsed beforehand. */
export function parsedSource<R>(p: { records: R[]; diagnostics: LineDiagnostic[] }): RecordSource<R> {
  return {
    scan(each, bogus) {
      const d = p.diagnostics;
      let di = 0;
      for (let i = 0; i < p.records.length; i++) {
        while (di < d.length && d[di]!.atRecord <= i) bogus(d[di++]!.message);
        each(p.records[i]!);
      }
      while (di < d.length) bogus(d[di++]!.message);
    },
    keep: (r) => r,
  };
}

/** Table identity of a section. */
export interface SectionHead {
  kind: TableKind;
  family: string;
  name: string;
  path: string;
}

/** A Section plus access to its records (parsed once, on demand). */
export interface FileSection<R, Row extends object = object> extends Section<Row> {
  records(): R[];
}

/**
 * A section for one file. Text output streams the file (bogus-line warnings go to stderr where
 * they occur); `table.rows` and `table.diagnostics` parse it once on first access. With `bytes`
 * (a writer of the same line as `text`), rows go straight into the output's byte buffer when
 * the output has one.
 */
export function fileSection<R, Row extends object>(
  opened: { ok: true } | InfoFailure,
  head: SectionHead,
  source: RecordSource<R> | null,
  shown: (r: R) => boolean,
  text: (r: R) => string,
  row: (r: R) => Row,
  bytes?: (r: R, w: ByteWriter) => void,
): FileSection<R, Row> {
  const message = opened.ok ? null : opened.message;
  let parsed: { records: R[]; diagnostics: LineDiagnostic[] } | null = null;
  const parse = () => {
    if (!parsed) {
      const p: { records: R[]; diagnostics: LineDiagnostic[] } = { records: [], diagnostics: [] };
      source?.scan(
        (r) => p.records.push(source.keep(r)),
        (m) => p.diagnostics.push({ message: m, atRecord: p.records.length }),
      );
      parsed = p;
    }
    return parsed;
  };
  let rows: Row[] | undefined;
  let diagnostics: Diagnostic[] | undefined;
  const table = {
    kind: head.kind,
    family: head.family,
    name: head.name,
    sources: [head.path],
    present: opened.ok,
  } as Table<Row>;
  Object.defineProperties(table, {
    rows: { enumerable: true, get: () => (rows ??= parse().records.filter(shown).map(row)) },
    diagnostics: {
      enumerable: true,
      get: () =>
        (diagnostics ??= [
          ...(message ? [diag(message, 'error')] : []),
          ...parse().diagnostics.map((d) => diag(d.message)),
        ]),
    },
  });
  // JSON: rows made and written one at a time from a fresh scan (the bogus-line diagnostics are
  // gathered on the way, so reading `table.diagnostics` afterwards does not parse the file again).
  defineRowStream(table, (fn) => {
    if (rows !== undefined || parsed !== null) {
      for (const r of table.rows) fn(r);
      return;
    }
    const found: Diagnostic[] = message ? [diag(message, 'error')] : [];
    source?.scan(
      (r) => {
        if (shown(r)) fn(row(r));
      },
      (m) => found.push(diag(m)),
    );
    diagnostics ??= found;
  });
  return {
    table,
    status: opened.ok ? 0 : opened.status,
    records: () => parse().records,
    write(out: Output) {
      if (message) out.err(`${message}\n`);
      const src = parsed ? parsedSource(parsed) : source;
      const w = out.bytes;
      if (bytes && w) {
        const scan = src?.textScan ?? src?.scan;
        scan?.call(
          src,
          (r) => {
            if (shown(r)) bytes(r, w);
          },
          (m) => out.err(`${m}\n`),
        );
        return;
      }
      let acc = '';
      src?.scan(
        (r) => {
          if (!shown(r)) return;
          acc += text(r);
          if (acc.length >= 65536) {
            out.out(acc);
            acc = '';
          }
        },
        (m) => {
          if (acc) out.out(acc);
          acc = '';
          out.err(`${m}\n`);
        },
      );
      if (acc) out.out(acc);
    },
  };
}
