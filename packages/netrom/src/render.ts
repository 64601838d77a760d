import { formatInt, padRight } from '@netstat-ts/core';
import type { NetromNeighbour, NetromNodeRecord } from './nr-route.js';
import type { NetromSocketRecord } from './proc-net-nr.js';

/** Title and column header of the NET/ROM socket table (with newlines). */
export const NETROM_SOCKETS_HEADER =
  'Active NET/ROM sockets\nUser       Dest       Source     Device  State        Vr/Vs    Send-Q  Recv-Q\n';

/** Title and column header of the NET/ROM routing table (with newlines). */
export const NETROM_ROUTES_HEADER =
  'Kernel NET/ROM routing table\nDestination  Mnemonic  Quality  Neighbour  Iface\n';

/** stdout text when nr_nodes or nr_neigh cannot be opened (after the perrors on stderr). */
export const NETROM_NOT_CONFIGURED = 'NET/ROM not configured in this system.';

const STATES = ['LISTENING', 'CONN SENT', 'DISC SENT', 'ESTABLISHED'];

/**
 * The State column. States outside 0–3 are `UNKNOWN(n)`: 2.10 reads past its name table and
 * prints unrelated strings (`Ip6`, `CLOSING`, bytes of code) (deliberate deviation, see README).
 */
export function netromStateName(state: number): string {
  return (state >= 0 && state < STATES.length && STATES[state]) || `UNKNOWN(${state})`;
}

/** A NET/ROM socket row: the parsed record plus the texts of its columns. */
export interface NetromSocketRow extends NetromSocketRecord {
  stateName: string;
  /** The Vr/Vs column, e.g. `012/005` (V(R) first). */
  vrVs: string;
}

/** Builds the shown row of a record. */
export function netromSocketRow(r: NetromSocketRecord): NetromSocketRow {
  return {
    ...r,
    stateName: netromStateName(r.state),
    vrVs: `${formatInt(r.vr, 3, { zero: true })}/${formatInt(r.vs, 3, { zero: true })}`,
  };
}

/** One socket line with its newline: `%-9s  %-9s  %-9s  %-6s  %-11s  %03d/%03d  %-6d  %-6d`. */
export function formatNetromSocketRow(r: NetromSocketRow): string {
  return (
    `${padRight(r.user, 9)}  ${padRight(r.dest, 9)}  ${padRight(r.source, 9)}  ${padRight(r.device, 6)}  ` +
    `${padRight(r.stateName, 11)}  ${r.vrVs}  ${formatInt(r.sendQ, 6, { left: true })}  ` +
    `${formatInt(r.recvQ, 6, { left: true })}\n`
  );
}

/** A node of the routing table with the neighbour of its route in use (null when none matches). */
export interface NetromRouteRow extends NetromNodeRecord {
  neighbour: NetromNeighbour | null;
}

/**
 * Adds a neighbour line to a join index (number → line): the first line of each number wins
 * (2.10 scans nr_neigh from the top).
 */
export function indexNeighbour(first: Map<number, NetromNeighbour>, n: NetromNeighbour): void {
  if (!first.has(n.number)) first.set(n.number, n);
}

/** A node joined to its neighbour in an index made by `indexNeighbour`. */
export function joinNetromNode(
  node: NetromNodeRecord,
  first: ReadonlyMap<number, NetromNeighbour>,
): NetromRouteRow {
  return { ...node, neighbour: first.get(node.neighbourNumber) ?? null };
}

/** Joins nodes to the first neighbour line whose number matches (2.10 scans nr_neigh from the top). */
export function netromRouteRows(nodes: NetromNodeRecord[], neighbours: NetromNeighbour[]): NetromRouteRow[] {
  const first = new Map<number, NetromNeighbour>();
  for (const n of neighbours) indexNeighbour(first, n);
  return nodes.map((node) => joinNetromNode(node, first));
}

/**
 * One node's text: `%-9s    %-7s   ` and, when a neighbour matched, `%3d      %-9s  %s\n`.
 * Without a neighbour 2.10 prints nothing more, not even the newline (reproduced).
 */
export function formatNetromRouteRow(r: NetromRouteRow): string {
  const head = `${padRight(r.callsign, 9)}    ${padRight(r.mnemonic, 7)}   `;
  if (!r.neighbour) return head;
  return `${head}${formatInt(r.quality, 3)}      ${padRight(r.neighbour.callsign, 9)}  ${r.neighbour.deviceText}\n`;
}
