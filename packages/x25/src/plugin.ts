import {
  type FamilyPlugin,
  type Host,
  type HostError,
  noSupportMessage,
  type PieceFeed,
  type PluginContext,
  perror,
  type RowScan,
  rowsSection,
  type Section,
  streamedRowsSection,
  streamPieces,
  type Table,
} from '@netstat-ts/core';
import { scanProcNetX25 } from './proc-net-x25.js';
import {
  formatX25RouteRow,
  formatX25SocketRow,
  isX25Shown,
  X25_ROUTES_HEADER,
  X25_ROUTES_MISSING,
  X25_ROUTES_TITLE,
  X25_SOCKETS_HEADER,
  X25_SOCKETS_TITLE,
  type X25RouteRow,
  type X25SocketRow,
} from './render.js';
import { scanX25Route } from './x25-route.js';

/** The socket table file (2.4 layout; on 2.6+ kernels it is a directory). */
export const PROC_NET_X25 = '/proc/net/x25';
/** The routing table files, in the order 2.10 tries them. */
export const X25_ROUTE_FILES = ['/proc/net/x25/route', '/proc/net/x25_routes'] as const;

function directoryNote(path: string): string {
  return `${path} is a directory: net-tools 2.10 reads nothing from it (headers only)`;
}

/** The file, streamed anew at each call (opened as `Host.read` opens it; probed first). */
function fileFeed(host: Host, path: string): PieceFeed {
  return (max, each) => {
    streamPieces(host, path, max, each);
  };
}

/**
 * The X.25 block of the socket listing (spec §4.5, missing-file rules §1.6). On the 2.6+ layout
 * `/proc/net/x25` is a directory, which 2.10 opens and reads nothing from: headers only.
 */
export async function x25Sockets(ctx: PluginContext): Promise<Section<X25SocketRow>[]> {
  const o = ctx.options;
  const table: Table<X25SocketRow> = {
    kind: 'sockets',
    family: 'x25',
    name: 'x25',
    sources: [PROC_NET_X25],
    present: false,
    rows: [],
    diagnostics: [],
  };
  // Opened now (its outcome decides the message and status), streamed at every pass.
  const r = ctx.host.probe(PROC_NET_X25);
  if (r !== null && r.code !== 'EISDIR') {
    let message: string | null;
    let status: number;
    if (r.code !== 'ENOENT') {
      message = perror(r);
      status = 255;
    } else {
      message = o.flagArg !== 0 || o.verbose > 0 ? noSupportMessage('AF X25') : null;
      status = o.flagArg !== 0 ? 1 : 0;
    }
    if (message !== null) table.diagnostics.push({ level: 'error', message });
    return [
      {
        table,
        status,
        write(out) {
          if (message !== null) out.err(`${message}\n`);
        },
      },
    ];
  }
  table.present = true;
  const header = `${X25_SOCKETS_TITLE}\n${X25_SOCKETS_HEADER}\n`;
  if (r !== null) {
    table.diagnostics.push({ level: 'info', message: directoryNote(PROC_NET_X25) });
    return [rowsSection(table, header, formatX25SocketRow)];
  }
  const feed = fileFeed(ctx.host, PROC_NET_X25);
  const all = o.all;
  const scan: RowScan<X25SocketRow> = (row, note) =>
    scanProcNetX25(
      feed,
      (rec) => {
        if (isX25Shown(rec, all)) row(rec);
      },
      note,
    );
  return [streamedRowsSection(table, header, scan, formatX25SocketRow)];
}

/** The X.25 routing table (`-r -A x25`, spec §4.6): `-n` and `-e` have no effect. */
export async function x25Routes(ctx: PluginContext, family = 'x25'): Promise<Section<X25RouteRow>[]> {
  const table: Table<X25RouteRow> = {
    kind: 'routes',
    family,
    name: 'route',
    sources: [...X25_ROUTE_FILES],
    present: false,
    rows: [],
    diagnostics: [],
  };
  // The first file that opens (or is a directory) is the table; it is streamed at every pass.
  let file: string | null = null;
  let dir: string | null = null;
  let failure: HostError | null = null;
  for (const path of X25_ROUTE_FILES) {
    const r = ctx.host.probe(path);
    if (r === null) file = path;
    else if (r.code === 'EISDIR') dir = path;
    else {
      failure = r;
      continue;
    }
    table.sources = [path];
    break;
  }
  if (file === null && dir === null) {
    table.diagnostics.push({ level: 'error', message: X25_ROUTES_MISSING, stream: 'stdout' });
    if (failure && failure.code !== 'ENOENT')
      table.diagnostics.push({ level: 'info', message: perror(failure) });
    return [
      {
        table,
        status: 1,
        write(out) {
          out.out(`${X25_ROUTES_MISSING}\n`);
        },
      },
    ];
  }
  table.present = true;
  const header = `${X25_ROUTES_TITLE}\n${X25_ROUTES_HEADER}\n`;
  if (file === null) {
    table.diagnostics.push({ level: 'info', message: directoryNote(dir!) });
    return [rowsSection(table, header, formatX25RouteRow)];
  }
  const feed = fileFeed(ctx.host, file);
  return [
    streamedRowsSection(table, header, (row, note) => scanX25Route(feed, row, note), formatX25RouteRow),
  ];
}

/**
 * The `@netstat-ts/x25` plugin: X.25 sockets and the X.25 routing table.
 * Typed precisely (`satisfies FamilyPlugin`): `plugin.sockets(ctx)` gives `Section<X25SocketRow>[]`,
 * `plugin.routes(ctx, family)` `Section<X25RouteRow>[]`.
 */
const plugin = {
  apiVersion: 1,
  meta: { name: '@netstat-ts/x25', version: '0.1.0' },
  families: { x25: { title: 'CCITT X.25' } },
  sockets: x25Sockets,
  routes: x25Routes,
} satisfies FamilyPlugin;

export default plugin;
