import { formatInt, padRight } from '@netstat-ts/core';
import type { Ax25RouteRecord } from './ax25-route.js';
import type { Ax25SocketRecord } from './proc-net-ax25.js';

/** Title and column header of the AX.25 socket table (with newlines). */
export const AX25_SOCKETS_HEADER =
  'Active AX.25 sockets\nDest       Source     Device  State        Vr/Vs    Send-Q  Recv-Q\n';

/** Title and column header of the AX.25 routing table (with newlines). */
export const AX25_ROUTES_HEADER = 'Kernel AX.25 routing table\nDestination  Iface    Use\n';

/** stdout text when /proc/net/ax25_route cannot be opened (after the perror on stderr). */
export const AX25_NOT_CONFIGURED = 'AX.25 not configured in this system.';

const STATES = ['LISTENING', 'SABM SENT', 'DISC SENT', 'ESTABLISHED', 'RECOVERY'];

/**
 * The State column. States outside 0–4 are `UNKNOWN(n)`: 2.10 indexes its name table without a
 * bounds check and prints `(null)` or crashes (deliberate deviation, see README).
 */
export function ax25StateName(state: number): string {
  return (state >= 0 && state < STATES.length && STATES[state]) || `UNKNOWN(${state})`;
}

/** An AX.25 socket row: the parsed record plus the texts of its columns. */
export interface Ax25SocketRow extends Ax25SocketRecord {
  /** `LISTENING`, `ESTABLISHED`, … */
  stateName: string;
  /** The Vr/Vs column, e.g. `002/001` (V(R) first). */
  vrVs: string;
}

/** Builds the shown row of a record. */
export function ax25SocketRow(r: Ax25SocketRecord): Ax25SocketRow {
  return {
    ...r,
    stateName: ax25StateName(r.state),
    vrVs: `${formatInt(r.vr, 3, { zero: true })}/${formatInt(r.vs, 3, { zero: true })}`,
  };
}

/** One socket line with its newline: `%-9s  %-9s  %-6s  %-11s  %03d/%03d  %-6d  %-6d`. */
export function formatAx25SocketRow(r: Ax25SocketRow): string {
  return (
    `${padRight(r.dest, 9)}  ${padRight(r.source, 9)}  ${padRight(r.device, 6)}  ` +
    `${padRight(r.stateName, 11)}  ${r.vrVs}  ${formatInt(r.sendQ, 6, { left: true })}  ` +
    `${formatInt(r.recvQ, 6, { left: true })}\n`
  );
}

/** An AX.25 route row (the record; every column is shown as parsed). */
export type Ax25RouteRow = Ax25RouteRecord;

/** One route line with its newline: `%-9s    %-5s  %5d`. */
export function formatAx25RouteRow(r: Ax25RouteRecord): string {
  return `${padRight(r.callsign, 9)}    ${padRight(r.iface, 5)}  ${formatInt(r.use, 5)}\n`;
}
