import {
  type FamilyPlugin,
  type HostError,
  openLegacyFile,
  type PluginContext,
  rowsSection,
  type Section,
  type Table,
} from '@netstat-ts/core';
import { type IpxRouteRow, parseIpxRoutes } from './ipx-route.js';
import { parseIpxSockets } from './proc-net-ipx.js';
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

const EMPTY = Buffer.alloc(0);

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
  let data: Buffer | null = null;
  const r = ctx.host.read(PROC_NET_IPX_SOCKET);
  if (r.ok) data = r.data;
  else if (r.code === 'EISDIR') {
    data = EMPTY;
    table.diagnostics.push({ level: 'info', message: directoryNote(PROC_NET_IPX_SOCKET) });
  } else {
    const f = openLegacyFile(ctx.host, PROC_NET_IPX_SOCKET, 'AF IPX', o);
    if (f.ok) data = f.data;
    else {
      if (f.status !== 255) {
        const alt = ctx.host.read(PROC_NET_IPX);
        if (alt.ok) {
          data = alt.data;
          table.sources = [PROC_NET_IPX];
        }
      }
      if (data === null) {
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
  const parsed = parseIpxSockets(data);
  table.diagnostics.push(...parsed.diagnostics);
  for (const rec of parsed.records) table.rows.push(ipxSocketRow(rec, o, ctx.resolver));
  const rows = table.rows;
  const error = parsed.error;
  return [
    {
      table,
      status: error ? 255 : 0,
      write(out) {
        let text = `${IPX_SOCKETS_TITLE}\n${ipxSocketsHeader(o)}\n`;
        for (const row of rows) text += formatIpxSocketRow(row);
        out.out(text);
        if (error) out.err(`${error.message}\n`);
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
  let data: Buffer | null = null;
  let failure: HostError | null = null;
  for (const path of IPX_ROUTE_FILES) {
    const r = ctx.host.read(path);
    if (r.ok) data = r.data;
    else if (r.code === 'EISDIR') {
      data = EMPTY;
      table.diagnostics.push({ level: 'info', message: directoryNote(path) });
    } else {
      failure = r;
      continue;
    }
    table.sources = [path];
    break;
  }
  if (data === null) {
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
  const parsed = parseIpxRoutes(data, table.sources[0]);
  table.rows = parsed.rows;
  table.diagnostics.push(...parsed.diagnostics);
  return [rowsSection(table, `${IPX_ROUTES_TITLE}\n${IPX_ROUTES_HEADER}\n`, formatIpxRouteRow)];
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
