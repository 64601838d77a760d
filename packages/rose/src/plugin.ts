import {
  type FamilyPlugin,
  type HostError,
  legacySocketSections,
  openTableFeed,
  type PluginContext,
  perror,
  type Section,
  streamedRowsSection,
  type Table,
} from '@netstat-ts/core';
import { PROC_NET_ROSE, scanProcNetRose } from './proc-net-rose.js';
import {
  formatRoseRouteRow,
  formatRoseSocketRow,
  indexRoseNeighbour,
  joinRoseNode,
  ROSE_NOT_CONFIGURED,
  ROSE_ROUTES_HEADER,
  ROSE_SOCKETS_HEADER,
  type RoseRouteRow,
  type RoseSocketRow,
  roseSocketRow,
} from './render.js';
import {
  PROC_NET_ROSE_NEIGH,
  PROC_NET_ROSE_NODES,
  type RoseNeighbour,
  scanRoseNeigh,
  scanRoseNodes,
} from './rose-route.js';

/**
 * The ROSE block of the socket listing (spec §4.4): header and rows with the "Problem reading
 * data" lines on stdout in file order, or the missing-file message of spec §1.6.
 */
export async function roseSockets(ctx: PluginContext): Promise<Section<RoseSocketRow>[]> {
  return legacySocketSections(ctx, {
    family: 'rose',
    name: 'rose',
    path: PROC_NET_ROSE,
    label: 'AF ROSE',
    header: ROSE_SOCKETS_HEADER,
    scan: scanProcNetRose,
    row: roseSocketRow,
    format: formatRoseSocketRow,
  });
}

/**
 * The ROSE routing table (spec §4.6). rose_nodes cannot be opened: perror and
 * `ROSE not configured in this system.` on stderr, status 1. rose_neigh cannot be opened while
 * rose_nodes can: 2.10 crashes (SIGSEGV, spec §11.3); here the same two messages for rose_neigh,
 * status 1, no table.
 */
export async function roseRoutes(ctx: PluginContext): Promise<Section<RoseRouteRow>[]> {
  const table: Table<RoseRouteRow> = {
    kind: 'routes',
    family: 'rose',
    name: 'rose_nodes',
    sources: [PROC_NET_ROSE_NODES, PROC_NET_ROSE_NEIGH],
    present: false,
    rows: [],
    diagnostics: [],
  };
  const nodes = openTableFeed(ctx.host, PROC_NET_ROSE_NODES);
  const neigh = nodes.ok ? openTableFeed(ctx.host, PROC_NET_ROSE_NEIGH) : nodes;
  if (!neigh.ok || !nodes.ok) {
    const error = perror(nodes.ok ? (neigh as HostError) : nodes);
    table.diagnostics.push(
      { level: 'error', message: error },
      { level: 'error', message: ROSE_NOT_CONFIGURED },
    );
    return [
      {
        table,
        status: 1,
        write(out) {
          out.err(`${error}\n${ROSE_NOT_CONFIGURED}\n`);
        },
      },
    ];
  }
  table.present = true;
  const nodeFeed = nodes.feed;
  const neighFeed = neigh.feed;
  // Each pass streams both files: rose_neigh first, into the index of its lines by neighbour
  // number, then rose_nodes row by row.
  const scan = (row: (r: RoseRouteRow) => void) => {
    const byNumber = new Map<number, RoseNeighbour[]>();
    scanRoseNeigh(neighFeed, (n) => indexRoseNeighbour(byNumber, n));
    scanRoseNodes(nodeFeed, (node) => row(joinRoseNode(node, byNumber)));
  };
  return [streamedRowsSection(table, ROSE_ROUTES_HEADER, scan, formatRoseRouteRow)];
}

/**
 * The `@netstat-ts/rose` plugin: ROSE sockets and the ROSE routing table.
 * Typed precisely (`satisfies FamilyPlugin`): `plugin.sockets(ctx)` gives `Section<RoseSocketRow>[]`,
 * `plugin.routes(ctx, family)` `Section<RoseRouteRow>[]`.
 */
const plugin = {
  apiVersion: 1,
  meta: { name: '@netstat-ts/rose', version: '0.1.0' },
  families: { rose: { title: 'AMPR ROSE' } },
  sockets: roseSockets,
  routes: async (ctx: PluginContext, family: string): Promise<Section<RoseRouteRow>[]> =>
    family === 'rose' ? roseRoutes(ctx) : [],
} satisfies FamilyPlugin;

export default plugin;
