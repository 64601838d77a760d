import {
  type FamilyPlugin,
  type PluginContext,
  rowsSection,
  type Section,
  type Table,
} from '@netstat-ts/core';
import { type DdpRouteRow, PROC_NET_ATALK_ROUTE, parseAtalkRoutes } from './atalk-route.js';
import { DDP_NOT_CONFIGURED, DDP_ROUTES_HEADER, ddpOpenError, formatDdpRouteRow } from './render.js';

/**
 * The AppleTalk routing table (`-r -A ddp`, `-r --appletalk`; spec §4.6). A file that cannot be
 * opened gives two stderr lines and status 1. `-n` and `-e` have no effect.
 */
export async function ddpRoutes(ctx: PluginContext, family = 'ddp'): Promise<Section[]> {
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

/** The `@netstat-ts/ddp` plugin: the AppleTalk DDP routing table (2.10 has no DDP socket listing). */
const plugin: FamilyPlugin = {
  apiVersion: 1,
  meta: { name: '@netstat-ts/ddp', version: '0.1.0' },
  families: { ddp: { title: 'Appletalk DDP', aliases: ['appletalk'] } },
  routes: ddpRoutes,
};

export default plugin;
