import {
  EMPTY_FEED,
  type FamilyPlugin,
  type Host,
  type HostError,
  openLegacyStream,
  type PieceFeed,
  type PluginContext,
  type RowScan,
  type Section,
  streamedRowsSection,
  streamPieces,
  type Table,
} from '@netstat-ts/core';
import { type IpxRouteRow, scanIpxRoutes } from './ipx-route.js';
import { type IpxSocketParse, scanIpxSockets } from './proc-net-ipx.js';
import {
  formatIpxRouteRow,
  formatIpxSocketRow,
  IPX_ROUTES_HEADER,
  IPX_ROUTES_MISSING,
  IPX_ROUTES_TITLE,
  IPX_SOCKETS_TITLE,
  type IpxSocketRow,
  ipxSocketRow,
  ipxSocketsHeader,
} from './render.js';

/** The socket table (2.6+ layout). */
export const PROC_NET_IPX_SOCKET = '/proc/net/ipx/socket';
/** 2.10's fallback for the socket table, used only when the first file is missing and this is a regular file. */
export const PROC_NET_IPX = '/proc/net/ipx';
/** The routing table files, in the order 2.10 tries them (2.6+ layout, then 2.4). */
export const IPX_ROUTE_FILES = ['/proc/net/ipx/route', '/proc/net/ipx_route'] as const;

/** The feed of a file that opened (its probe succeeded): streamed anew at each call, never held whole. */
function fileFeed(host: Host, path: string): PieceFeed {
  return (max, each) => {
    streamPieces(host, path, max, each);
  };
}

function directoryNote(path: string): string {
  return `${path} is a directory: net-tools 2.10 reads nothing from it (header only)`;
}

/**
 * The IPX block of the socket listing (spec §4.1; missing-file rules §1.6). With the 2.4 layout
 * (`/proc/net/ipx` is a file) opening the socket file fails with ENOTDIR: perror and status 255.
 */
export async function ipxSockets(ctx: PluginContext): Promise<Section<IpxSocketRow>[]> {
  const o = ctx.options;
  const table: Table<IpxSocketRow> = {
    kind: 'sockets',
    family: 'ipx',
    name: 'ipx',
    sources: [PROC_NET_IPX_SOCKET],
    present: false,
    rows: [],
    diagnostics: [],
  };
  let feed: PieceFeed | null = null;
  const opened = ctx.host.probe(PROC_NET_IPX_SOCKET);
  if (opened === null) feed = fileFeed(ctx.host, PROC_NET_IPX_SOCKET);
  else if (opened.code === 'EISDIR') {
    feed = EMPTY_FEED;
    table.diagnostics.push({ level: 'info', message: directoryNote(PROC_NET_IPX_SOCKET) });
  } else {
    const f = openLegacyStream(ctx.host, PROC_NET_IPX_SOCKET, 'AF IPX', o);
    if (f.ok) feed = f.feed;
    else {
      // The 2.4 file, only when it is a regular file that opens (a directory does not).
      if (f.status !== 255 && ctx.host.probe(PROC_NET_IPX) === null) {
        feed = fileFeed(ctx.host, PROC_NET_IPX);
        table.sources = [PROC_NET_IPX];
      }
      if (feed === null) {
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
    }
  }
  table.present = true;
  const source = feed;
  // The fatal format error of the last pass over the file (rows, JSON or text), if any.
  let error: IpxSocketParse['error'];
  let scanned = false;
  const scan: RowScan<IpxSocketRow> = (row, diagnostic) => {
    error = scanIpxSockets(source, (rec) => row(ipxSocketRow(rec, o, ctx.resolver)), diagnostic);
    scanned = true;
  };
  // Only the fatal error is printed (stderr, after the rows before it); the notes are `info`.
  const section = streamedRowsSection(
    table,
    `${IPX_SOCKETS_TITLE}\n${ipxSocketsHeader(o)}\n`,
    scan,
    formatIpxSocketRow,
  );
  return [
    {
      table: section.table,
      write: (out) => section.write(out),
      /** 255 after a format error; known once the file was read (else it is read now). */
      get status() {
        if (!scanned)
          scan(
            () => {},
            () => {},
          );
        return error ? 255 : 0;
      },
    },
  ];
}

/**
 * The IPX routing table (`-r -A ipx`, spec §4.6): /proc/net/ipx/route, else /proc/net/ipx_route.
 * Neither → strerror of the last failure on stderr (C's `perror(NULL)`), a message on stdout,
 * status 1. `-n` and `-e` have no effect.
 */
export async function ipxRoutes(ctx: PluginContext, family = 'ipx'): Promise<Section<IpxRouteRow>[]> {
  if (family !== 'ipx') return [];
  const table: Table<IpxRouteRow> = {
    kind: 'routes',
    family: 'ipx',
    name: 'route',
    sources: [...IPX_ROUTE_FILES],
    present: false,
    rows: [],
    diagnostics: [],
  };
  let feed: PieceFeed | null = null;
  let failure: HostError | null = null;
  for (const path of IPX_ROUTE_FILES) {
    const e = ctx.host.probe(path);
    if (e === null) feed = fileFeed(ctx.host, path);
    else if (e.code === 'EISDIR') {
      feed = EMPTY_FEED;
      table.diagnostics.push({ level: 'info', message: directoryNote(path) });
    } else {
      failure = e;
      continue;
    }
    table.sources = [path];
    break;
  }
  if (feed === null) {
    const reason = failure?.message ?? 'No such file or directory';
    table.diagnostics.push(
      { level: 'error', message: reason },
      { level: 'error', message: IPX_ROUTES_MISSING, stream: 'stdout' },
    );
    return [
      {
        table,
        status: 1,
        write(out) {
          out.err(`${reason}\n`);
          out.out(`${IPX_ROUTES_MISSING}\n`);
        },
      },
    ];
  }
  table.present = true;
  const source = feed;
  const path = table.sources[0];
  // 2.10 prints none of the notes (all `info`).
  return [
    streamedRowsSection(
      table,
      `${IPX_ROUTES_TITLE}\n${IPX_ROUTES_HEADER}\n`,
      (row, diagnostic) => scanIpxRoutes(source, row, diagnostic, path),
      formatIpxRouteRow,
    ),
  ];
}

/**
 * The `@netstat-ts/ipx` plugin: IPX sockets and the IPX routing table.
 * Typed precisely (`satisfies FamilyPlugin`): `plugin.sockets(ctx)` gives `Section<IpxSocketRow>[]`,
 * `plugin.routes(ctx, family)` `Section<IpxRouteRow>[]`.
 */
const plugin = {
  apiVersion: 1,
  meta: { name: '@netstat-ts/ipx', version: '0.1.0' },
  families: { ipx: { title: 'Novell IPX' } },
  sockets: ipxSockets,
  routes: ipxRoutes,
} satisfies FamilyPlugin;

export default plugin;
