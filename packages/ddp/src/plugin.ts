import {
  type FamilyPlugin,
  type PluginContext,
  rowsSection,
  type Section,
  type Table,
} from '@netstat-ts/core';
import { type DdpRouteRow, PROC_NET_ATALK_ROUTE, parseAtalkRoutes } from './atalk-route.js';
import { BOGUS_DDP_LINE, PROC_NET_APPLETALK, parseProcNetAppletalk } from './proc-net-appletalk.js';
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

/**
 * The DDP socket block (`--ddp`, `--appletalk`, `-A ddp`): an addition, 2.10 has none (README,
 * "Deviations"). Title, header, one row per line of /proc/net/appletalk, every socket whatever
 * `-a`/`-l` (datagram sockets do not listen), bogus lines warned about on stderr. A missing
 * file gives no section at all: the CLI then prints what 2.10 prints (the default listing).
 */
export async function ddpSockets(ctx: PluginContext): Promise<Section<DdpSocketRow>[]> {
  const r = ctx.host.read(PROC_NET_APPLETALK);
  if (!r.ok) return [];
  const o = ctx.options;
  const parsed = parseProcNetAppletalk(r.data);
  const table: Table<DdpSocketRow> = {
    kind: 'sockets',
    family: 'ddp',
    name: 'appletalk',
    sources: [PROC_NET_APPLETALK],
    present: true,
    rows: parsed.records.map((rec) => ddpSocketRow(rec, o, ctx.resolver)),
    diagnostics: parsed.diagnostics,
  };
  return [
    {
      table,
      status: 0,
      write(out) {
        let text = `${DDP_SOCKETS_TITLE}\n${ddpSocketsHeader(o)}\n`;
        let d = 0;
        for (const row of table.rows) {
          while (d < parsed.diagnostics.length && parsed.diagnostics[d]!.line < row.line) {
            out.out(text);
            text = '';
            out.err(`${BOGUS_DDP_LINE}\n`);
            d++;
          }
          text += formatDdpSocketRow(row);
        }
        out.out(text);
        for (; d < parsed.diagnostics.length; d++) out.err(`${BOGUS_DDP_LINE}\n`);
      },
    },
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
  const r = ctx.host.read(PROC_NET_ATALK_ROUTE);
  if (!r.ok && r.code !== 'EISDIR') {
    const first = ddpOpenError(PROC_NET_ATALK_ROUTE, r.message);
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
  if (!r.ok)
    table.diagnostics.push({
      level: 'info',
      message: `${PROC_NET_ATALK_ROUTE} is a directory: net-tools 2.10 crashes on it; netstat-ts prints the header only`,
    });
  const parsed = parseAtalkRoutes(r.ok ? r.data : Buffer.alloc(0));
  table.rows = parsed.rows;
  table.diagnostics.push(...(r.ok ? parsed.diagnostics : []));
  return [rowsSection(table, `${DDP_ROUTES_HEADER}\n`, formatDdpRouteRow)];
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
