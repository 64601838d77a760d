import {
  type FamilyPlugin,
  openInfoFile,
  type PluginContext,
  type Section,
  type Table,
} from '@netstat-ts/core';
import {
  BOGUS_UNIX_LINE,
  joinNameContinuations,
  parseProcNetUnix,
  scanProcNetUnix,
  type UnixParseResult,
  unixHasInodes,
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
  const f = openInfoFile(ctx.host, PROC_NET_UNIX, 'AF UNIX', true, o);
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
  // On a terminal, a newline inside a name must not start a row of its own.
  const data = ctx.terminal ? joinNameContinuations(f.data) : f.data;
  const hasInodes = unixHasInodes(data);
  const owners = (o.programs || o.context) && hasInodes ? ctx.processes().owners : null;
  // Records, rows and diagnostics are made only when the table is looked at (JSON); text output
  // streams the file.
  let parsed: UnixParseResult | undefined;
  const parse = () => (parsed ??= parseProcNetUnix(data));
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
    diagnostics: { enumerable: true, get: () => parse().diagnostics },
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
          scanProcNetUnix(
            data,
            (s, d) => row(s, d, w),
            () => out.err(`${BOGUS_UNIX_LINE}\n`),
          );
          return;
        }
        const diags = parse().diagnostics;
        let d = 0;
        let chunk = '';
        for (const row of table.rows) {
          while (d < diags.length && diags[d]!.line < row.line) {
            if (chunk) out.out(chunk);
            chunk = '';
            out.err(`${diags[d++]!.message}\n`);
          }
          chunk += formatUnixRow(row, hasInodes);
          if (chunk.length > 65536) {
            out.out(chunk);
            chunk = '';
          }
        }
        if (chunk) out.out(chunk);
        while (d < diags.length) out.err(`${diags[d++]!.message}\n`);
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
