import {
  type FamilyPlugin,
  type Host,
  type PieceFeed,
  type PluginContext,
  rowsSection,
  type Section,
  streamedRowsSection,
  streamPieces,
  type Table,
} from '@netstat-ts/core';
import { type DdpRouteRow, PROC_NET_ATALK_ROUTE, scanAtalkRoutes } from './atalk-route.js';
import { PROC_NET_APPLETALK, scanProcNetAppletalk } from './proc-net-appletalk.js';
import {
  DDP_NOT_CONFIGURED,
  DDP_ROUTES_HEADER,
  DDP_SOCKETS_TITLE,
  type DdpSocketRow,
  ddpOpenError,
  ddpSocketRow,
  ddpSocketsHeader,
  formatDdpRouteRow,
  formatDdpSocketRow,
} from './render.js';

/** The feed of a file that opened (its probe succeeded): streamed anew at each call, never held whole. */
function fileFeed(host: Host, path: string): PieceFeed {
  return (max, each) => {
    streamPieces(host, path, max, each);
  };
}

/**
 * The DDP socket block (`--ddp`, `--appletalk`, `-A ddp`): an addition, 2.10 has none (README,
 * "Deviations"). Title, header, one row per line of /proc/net/appletalk, every socket whatever
 * `-a`/`-l` (datagram sockets do not listen), bogus lines warned about on stderr. A missing
 * file gives no section at all: the CLI then prints what 2.10 prints (the default listing).
 */
export async function ddpSockets(ctx: PluginContext): Promise<Section<DdpSocketRow>[]> {
  if (ctx.host.probe(PROC_NET_APPLETALK) !== null) return [];
  const o = ctx.options;
  const feed = fileFeed(ctx.host, PROC_NET_APPLETALK);
  const table: Table<DdpSocketRow> = {
    kind: 'sockets',
    family: 'ddp',
    name: 'appletalk',
    sources: [PROC_NET_APPLETALK],
    present: true,
    rows: [],
    diagnostics: [],
  };
  // The bogus-line warnings go to stderr in file order, among the rows.
  return [
    streamedRowsSection(
      table,
      `${DDP_SOCKETS_TITLE}\n${ddpSocketsHeader(o)}\n`,
      (row, diagnostic) =>
        scanProcNetAppletalk(feed, (rec) => row(ddpSocketRow(rec, o, ctx.resolver)), diagnostic),
      formatDdpSocketRow,
    ),
  ];
}

/**
 * The AppleTalk routing table (`-r -A ddp`, `-r --appletalk`; spec §4.6). A file that cannot be
 * opened gives two stderr lines and status 1. `-n` and `-e` have no effect.
 */
export async function ddpRoutes(ctx: PluginContext, family = 'ddp'): Promise<Section<DdpRouteRow>[]> {
  if (family !== 'ddp' && family !== 'appletalk') return [];
  const table: Table<DdpRouteRow> = {
    kind: 'routes',
    family: 'ddp',
    name: 'atalk_route',
    sources: [PROC_NET_ATALK_ROUTE],
    present: false,
    rows: [],
    diagnostics: [],
  };
  const e = ctx.host.probe(PROC_NET_ATALK_ROUTE);
  if (e !== null && e.code !== 'EISDIR') {
    const first = ddpOpenError(PROC_NET_ATALK_ROUTE, e.message);
    table.diagnostics.push(
      { level: 'error', message: first },
      { level: 'error', message: DDP_NOT_CONFIGURED },
    );
    return [
      {
        table,
        status: 1,
        write(out) {
          out.err(`${first}\n${DDP_NOT_CONFIGURED}\n`);
        },
      },
    ];
  }
  table.present = true;
  const header = `${DDP_ROUTES_HEADER}\n`;
  if (e !== null) {
    table.diagnostics.push({
      level: 'info',
      message: `${PROC_NET_ATALK_ROUTE} is a directory: net-tools 2.10 crashes on it; netstat-ts prints the header only`,
    });
    return [rowsSection(table, header, formatDdpRouteRow)];
  }
  const feed = fileFeed(ctx.host, PROC_NET_ATALK_ROUTE);
  // 2.10 prints none of the notes (all `info`).
  return [
    streamedRowsSection(
      table,
      header,
      (row, diagnostic) => scanAtalkRoutes(feed, row, diagnostic),
      formatDdpRouteRow,
    ),
  ];
}

/**
 * The `@netstat-ts/ddp` plugin: the AppleTalk DDP routing table and (an addition) its sockets.
 * Typed precisely (`satisfies FamilyPlugin`): `plugin.sockets(ctx)` gives `Section<DdpSocketRow>[]`,
 * `plugin.routes(ctx, family)` `Section<DdpRouteRow>[]`.
 */
const plugin = {
  apiVersion: 1,
  meta: { name: '@netstat-ts/ddp', version: '0.1.0' },
  families: { ddp: { title: 'Appletalk DDP', aliases: ['appletalk'] } },
  routes: ddpRoutes,
  sockets: ddpSockets,
} satisfies FamilyPlugin;

export default plugin;
