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
import {
  type NetromNeighbour,
  PROC_NET_NR_NEIGH,
  PROC_NET_NR_NODES,
  scanNrNeigh,
  scanNrNodes,
} from './nr-route.js';
import { PROC_NET_NR, scanProcNetNr } from './proc-net-nr.js';
import {
  formatNetromRouteRow,
  formatNetromSocketRow,
  indexNeighbour,
  joinNetromNode,
  NETROM_NOT_CONFIGURED,
  NETROM_ROUTES_HEADER,
  NETROM_SOCKETS_HEADER,
  type NetromRouteRow,
  type NetromSocketRow,
  netromSocketRow,
} from './render.js';

/**
 * The NET/ROM block of the socket listing (spec §4.3): header and rows with the "Problem
 * reading data" lines on stdout in file order, or the missing-file message of spec §1.6.
 */
export async function netromSockets(ctx: PluginContext): Promise<Section<NetromSocketRow>[]> {
  return legacySocketSections(ctx, {
    family: 'netrom',
    name: 'nr',
    path: PROC_NET_NR,
    label: 'AF NETROM',
    header: NETROM_SOCKETS_HEADER,
    scan: scanProcNetNr,
    row: netromSocketRow,
    format: formatNetromSocketRow,
  });
}

/**
 * The NET/ROM routing table (spec §4.6): nodes joined to their neighbour. When either file
 * cannot be opened: a perror for each on stderr, `NET/ROM not configured in this system.` on
 * stdout, status 1.
 */
export async function netromRoutes(ctx: PluginContext): Promise<Section<NetromRouteRow>[]> {
  const table: Table<NetromRouteRow> = {
    kind: 'routes',
    family: 'netrom',
    name: 'nr_nodes',
    sources: [PROC_NET_NR_NODES, PROC_NET_NR_NEIGH],
    present: false,
    rows: [],
    diagnostics: [],
  };
  const nodes = openTableFeed(ctx.host, PROC_NET_NR_NODES);
  const neigh = openTableFeed(ctx.host, PROC_NET_NR_NEIGH);
  if (!nodes.ok || !neigh.ok) {
    const errors = [nodes, neigh].flatMap((r) => (r.ok ? [] : [perror(r)]));
    for (const message of errors) table.diagnostics.push({ level: 'error', message });
    table.diagnostics.push({ level: 'error', message: NETROM_NOT_CONFIGURED, stream: 'stdout' });
    return [
      {
        table,
        status: 1,
        write(out) {
          for (const e of errors) out.err(`${e}\n`);
          out.out(`${NETROM_NOT_CONFIGURED}\n`);
        },
      },
    ];
  }
  table.present = true;
  const nodeFeed = nodes.feed;
  const neighFeed = neigh.feed;
  // Each pass streams both files: nr_neigh first, into the index of the first line of each
  // neighbour number (one entry per number, not the file), then nr_nodes row by row.
  const scan = (row: (r: NetromRouteRow) => void) => {
    const first = new Map<number, NetromNeighbour>();
    scanNrNeigh(neighFeed, (n) => indexNeighbour(first, n));
    scanNrNodes(nodeFeed, (node) => row(joinNetromNode(node, first)));
  };
  return [streamedRowsSection(table, NETROM_ROUTES_HEADER, scan, formatNetromRouteRow)];
}

/**
 * The `@netstat-ts/netrom` plugin: NET/ROM sockets and the NET/ROM routing table.
 * Typed precisely (`satisfies FamilyPlugin`): `plugin.sockets(ctx)` gives `Section<NetromSocketRow>[]`,
 * `plugin.routes(ctx, family)` `Section<NetromRouteRow>[]`.
 */
const plugin = {
  apiVersion: 1,
  meta: { name: '@netstat-ts/netrom', version: '0.1.0' },
  families: { netrom: { title: 'AMPR NET/ROM' } },
  sockets: netromSockets,
  routes: async (ctx: PluginContext, family: string): Promise<Section<NetromRouteRow>[]> =>
    family === 'netrom' ? netromRoutes(ctx) : [],
} satisfies FamilyPlugin;

export default plugin;
