import {
  type FamilyPlugin,
  legacySocketSections,
  openTableFeed,
  type PluginContext,
  perror,
  type Section,
  streamedRowsSection,
  type Table,
} from '@netstat-ts/core';
import { PROC_NET_AX25_ROUTE, scanAx25Route } from './ax25-route.js';
import { PROC_NET_AX25, scanProcNetAx25 } from './proc-net-ax25.js';
import {
  AX25_NOT_CONFIGURED,
  AX25_ROUTES_HEADER,
  AX25_SOCKETS_HEADER,
  type Ax25RouteRow,
  type Ax25SocketRow,
  ax25SocketRow,
  formatAx25RouteRow,
  formatAx25SocketRow,
} from './render.js';

/**
 * The AX.25 block of the socket listing (spec §4.2): the header and rows, with the "problem
 * reading data" lines on stdout in file order; or, when /proc/net/ax25 cannot be opened, the
 * missing-file message and status of spec §1.6 (no header).
 */
export async function ax25Sockets(ctx: PluginContext): Promise<Section<Ax25SocketRow>[]> {
  return legacySocketSections(ctx, {
    family: 'ax25',
    name: 'ax25',
    path: PROC_NET_AX25,
    label: 'AF AX25',
    header: AX25_SOCKETS_HEADER,
    scan: scanProcNetAx25,
    row: ax25SocketRow,
    format: formatAx25SocketRow,
  });
}

/**
 * The AX.25 routing table (spec §4.6). When /proc/net/ax25_route cannot be opened: perror on
 * stderr, `AX.25 not configured in this system.` on stdout, status 1.
 */
export async function ax25Routes(ctx: PluginContext): Promise<Section<Ax25RouteRow>[]> {
  const table: Table<Ax25RouteRow> = {
    kind: 'routes',
    family: 'ax25',
    name: 'ax25_route',
    sources: [PROC_NET_AX25_ROUTE],
    present: false,
    rows: [],
    diagnostics: [],
  };
  const r = openTableFeed(ctx.host, PROC_NET_AX25_ROUTE);
  if (!r.ok) {
    const error = perror(r);
    table.diagnostics.push(
      { level: 'error', message: error },
      { level: 'error', message: AX25_NOT_CONFIGURED, stream: 'stdout' },
    );
    return [
      {
        table,
        status: 1,
        write(out) {
          out.err(`${error}\n`);
          out.out(`${AX25_NOT_CONFIGURED}\n`);
        },
      },
    ];
  }
  table.present = true;
  const feed = r.feed;
  return [
    streamedRowsSection(table, AX25_ROUTES_HEADER, (row) => scanAx25Route(feed, row), formatAx25RouteRow),
  ];
}

/**
 * The `@netstat-ts/ax25` plugin: AX.25 sockets and the AX.25 routing table.
 * Typed precisely (`satisfies FamilyPlugin`): `plugin.sockets(ctx)` gives `Section<Ax25SocketRow>[]`,
 * `plugin.routes(ctx, family)` `Section<Ax25RouteRow>[]`.
 */
const plugin = {
  apiVersion: 1,
  meta: { name: '@netstat-ts/ax25', version: '0.1.0' },
  families: { ax25: { title: 'AMPR AX.25' } },
  sockets: ax25Sockets,
  routes: async (ctx: PluginContext, family: string): Promise<Section<Ax25RouteRow>[]> =>
    family === 'ax25' ? ax25Routes(ctx) : [],
} satisfies FamilyPlugin;

export default plugin;
