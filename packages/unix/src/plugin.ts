import {
  defineRowStream,
  type FamilyPlugin,
  openInfoStream,
  type PieceFeed,
  type PieceHandler,
  type PluginContext,
  perror,
  type Section,
  type Table,
} from '@netstat-ts/core';
import {
  BOGUS_UNIX_LINE,
  joinedNameFeed,
  UNIX_PIECE,
  type UnixParseResult,
  unixHasInodes,
  unixRecord,
  unixScanner,
} from './proc-net-unix.js';
import {
  formatUnixRow,
  isShown,
  type UnixSocketRow,
  unixHeader,
  unixRow,
  unixRowWriter,
  unixTitle,
} from './render.js';

/** The file this plugin reads. */
export const PROC_NET_UNIX = '/proc/net/unix';

const EMPTY = Buffer.alloc(0);

/** The header line's piece of a streamed file (one bounded read), empty when it cannot be read. */
function headOf(ctx: PluginContext, path: string): Buffer {
  const r = ctx.host.read(path, { max: UNIX_PIECE });
  return r.ok ? r.data : EMPTY;
}

/**
 * The UNIX block of the socket listing (spec §3): a header section (printed even when the file
 * is missing) and the table section (rows and `bogus unix line` warnings in file order, or the
 * missing-file message of spec §1.6 with its status).
 */
export async function unixSockets(ctx: PluginContext): Promise<Section<UnixSocketRow>[]> {
  const o = ctx.options;
  const header: Section<UnixSocketRow> = {
    status: 0,
    write(out) {
      out.out(`${unixTitle(o)}\n${unixHeader(o)}\n`);
    },
  };
  const table: Table<UnixSocketRow> = {
    kind: 'sockets',
    family: 'unix',
    name: 'unix',
    sources: [PROC_NET_UNIX],
    present: false,
    rows: [],
    diagnostics: [],
  };
  // The file is streamed (constant memory). On a terminal a newline inside a name must not start
  // a row of its own: the joined text (joinedNameFeed) is streamed instead, which reads the file
  // once more to learn its address form.
  const f = openInfoStream(ctx.host, PROC_NET_UNIX, 'AF UNIX', true, o);
  if (!f.ok) {
    const message = f.message;
    if (message !== null) table.diagnostics.push({ level: 'error', message });
    return [
      header,
      {
        table,
        status: f.status,
        write(out) {
          if (message !== null) out.err(`${message}\n`);
        },
      },
    ];
  }
  const hasInodes = unixHasInodes(headOf(ctx, PROC_NET_UNIX));
  // A read that fails midway is reported once per pass, after the rows read before it.
  let failed: string | null = null;
  const raw: PieceFeed = (max, each) => {
    const e = f.pieces(max, each);
    if (e !== null) failed = perror(e);
  };
  const pieces = ctx.terminal ? joinedNameFeed(raw) : raw;
  /** Feeds the file's pieces to `h`; a read that fails midway is reported on `fail`. */
  const feed = (h: PieceHandler, fail: (m: string) => void) => {
    failed = null;
    pieces(UNIX_PIECE, h);
    if (failed !== null) fail(failed);
  };
  const owners = (o.programs || o.context) && hasInodes ? ctx.processes().owners : null;
  // Records, rows and diagnostics are made only when the table is looked at (JSON); text output
  // streams the file.
  let parsed: UnixParseResult | undefined;
  const parse = () => {
    if (parsed === undefined) {
      const p: UnixParseResult = { hasInodes, records: [], diagnostics: [] };
      feed(
        unixScanner(
          (s, d) => p.records.push(unixRecord(s, d, hasInodes)),
          (line) => p.diagnostics.push({ level: 'warning', message: BOGUS_UNIX_LINE, line }),
        ),
        (message) => p.diagnostics.push({ level: 'error', message, line: Number.MAX_SAFE_INTEGER }),
      );
      parsed = p;
    }
    return parsed;
  };
  let rows: UnixSocketRow[] | undefined;
  table.present = true;
  Object.defineProperties(table, {
    rows: {
      enumerable: true,
      get: () => {
        if (rows === undefined) {
          rows = [];
          for (const r of parse().records) if (isShown(r, o)) rows.push(unixRow(r, o, owners));
        }
        return rows;
      },
    },
    diagnostics: { enumerable: true, get: () => streamed ?? parse().diagnostics },
  });
  // JSON: rows made and written one at a time (diagnostics gathered on the way).
  let streamed: UnixParseResult['diagnostics'] | undefined;
  defineRowStream(table, (fn) => {
    if (rows !== undefined || parsed !== undefined) {
      for (const r of table.rows) fn(r);
      return;
    }
    const found: UnixParseResult['diagnostics'] = [];
    feed(
      unixScanner(
        (s, d) => {
          const r = unixRecord(s, d, hasInodes);
          if (isShown(r, o)) fn(unixRow(r, o, owners));
        },
        (line) => found.push({ level: 'warning', message: BOGUS_UNIX_LINE, line }),
      ),
      (message) => found.push({ level: 'error', message, line: Number.MAX_SAFE_INTEGER }),
    );
    streamed = found;
  });
  return [
    header,
    {
      table,
      status: 0,
      write(out) {
        const w = out.bytes;
        if (w) {
          const row = unixRowWriter(o, owners, hasInodes);
          feed(
            unixScanner(
              (s, d) => row(s, d, w),
              () => out.err(`${BOGUS_UNIX_LINE}\n`),
            ),
            (m) => out.err(`${m}\n`),
          );
          return;
        }
        // Rows formatted one at a time from a fresh pass (never all held), warnings in file order.
        let chunk = '';
        const flush = () => {
          if (chunk) out.out(chunk);
          chunk = '';
        };
        feed(
          unixScanner(
            (sc, data) => {
              const r = unixRecord(sc, data, hasInodes);
              if (!isShown(r, o)) return;
              chunk += formatUnixRow(unixRow(r, o, owners), hasInodes);
              if (chunk.length > 65536) flush();
            },
            () => {
              flush();
              out.err(`${BOGUS_UNIX_LINE}\n`);
            },
          ),
          (m) => {
            flush();
            out.err(`${m}\n`);
          },
        );
        flush();
      },
    },
  ];
}

/**
 * The `@netstat-ts/unix` plugin: UNIX domain sockets for the socket listing. Typed precisely
 * (`satisfies FamilyPlugin`): `plugin.sockets(ctx)` gives `Section<UnixSocketRow>[]`.
 */
const plugin = {
  apiVersion: 1,
  meta: { name: '@netstat-ts/unix', version: '0.1.0' },
  families: { unix: { title: 'UNIX Domain' } },
  sockets: unixSockets,
} satisfies FamilyPlugin;

export default plugin;
