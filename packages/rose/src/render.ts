import { formatInt, padRight } from '@netstat-ts/core';
import type { RoseSocketRecord } from './proc-net-rose.js';
import type { RoseNeighbour, RoseNodeRecord } from './rose-route.js';

/** Title and column header of the ROSE socket table (with newlines). */
export const ROSE_SOCKETS_HEADER =
  'Active ROSE sockets\ndest_addr   dest_call  src_addr    src_call  dev   lci neigh   state\n';

/** Title and column header of the ROSE routing table (with newlines). */
export const ROSE_ROUTES_HEADER =
  'Kernel ROSE routing table\nDestination  neigh1 callsign  device  neigh2 callsign  device  neigh3 callsign  device\n';

/** stderr text when a ROSE routing file cannot be opened (after its perror). */
export const ROSE_NOT_CONFIGURED = 'ROSE not configured in this system.';

const STATES = ['LISTENING', 'CONN SENT', 'DISC SENT', 'ESTABLISHED'];

/**
 * The state column. States outside 0–3 are `UNKNOWN(n)`: 2.10 reads past its name table and
 * prints unrelated strings (deliberate deviation, see README).
 */
export function roseStateName(state: number): string {
  return (state >= 0 && state < STATES.length && STATES[state]) || `UNKNOWN(${state})`;
}

/** A ROSE socket row: the parsed record plus its state text. */
export interface RoseSocketRow extends RoseSocketRecord {
  stateName: string;
}

/** Builds the shown row of a record. */
export function roseSocketRow(r: RoseSocketRecord): RoseSocketRow {
  return { ...r, stateName: roseStateName(r.state) };
}

/** One socket line with its newline: `%-10s  %-9s  %-10s  %-9s %-5s %3d %5d   %s`, every field whole. */
export function formatRoseSocketRow(r: RoseSocketRow): string {
  return (
    `${padRight(r.destAddr, 10)}  ${padRight(r.destCall, 9)}  ${padRight(r.srcAddr, 10)}  ` +
    `${padRight(r.srcCall, 9)} ${padRight(r.device, 5)} ${formatInt(r.lci, 3)} ${formatInt(r.neigh, 5)}   ` +
    `${r.stateName}\n`
  );
}

/** A node of the routing table with, per neighbour number, every matching rose_neigh line. */
export interface RoseRouteRow extends RoseNodeRecord {
  neighbours: { number: number; matches: RoseNeighbour[] }[];
}

/**
 * Adds a neighbour line to a join index (number → every line with that number, in file order).
 */
export function indexRoseNeighbour(byNumber: Map<number, RoseNeighbour[]>, n: RoseNeighbour): void {
  const list = byNumber.get(n.number);
  if (list) list.push(n);
  else byNumber.set(n.number, [n]);
}

/** A node joined to its neighbour lines in an index made by `indexRoseNeighbour`. */
export function joinRoseNode(
  node: RoseNodeRecord,
  byNumber: ReadonlyMap<number, RoseNeighbour[]>,
): RoseRouteRow {
  return {
    ...node,
    neighbours: node.neighbourNumbers.map((number) => ({ number, matches: byNumber.get(number) ?? [] })),
  };
}

/** Joins nodes to the neighbour lines (all lines with the number, in file order). */
export function roseRouteRows(nodes: RoseNodeRecord[], neighbours: RoseNeighbour[]): RoseRouteRow[] {
  const byNumber = new Map<number, RoseNeighbour[]>();
  for (const n of neighbours) indexRoseNeighbour(byNumber, n);
  return nodes.map((node) => joinRoseNode(node, byNumber));
}

/** One node line: `%-10s   `, then per neighbour `%05d  ` and `%-10s   %-4s` per match, then `\n`. */
export function formatRoseRouteRow(r: RoseRouteRow): string {
  let s = `${padRight(r.address, 10)}   `;
  for (const n of r.neighbours) {
    s += `${formatInt(n.number, 5, { zero: true })}  `;
    for (const m of n.matches) s += `${padRight(m.callsign, 10)}   ${padRight(m.deviceText, 4)}`;
  }
  return `${s}\n`;
}
