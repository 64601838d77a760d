import { padRight, spaces } from '@netstat-ts/core';
import type { X25SocketRecord } from './proc-net-x25.js';
import type { X25RouteRecord } from './x25-route.js';

/** Title of the X.25 socket table. */
export const X25_SOCKETS_TITLE = 'Active X.25 sockets';
/** Column header of the X.25 socket table. */
export const X25_SOCKETS_HEADER =
  'Dest         Source          Device  LCI  State        Vr/Vs  Send-Q  Recv-Q';
/** Title of the X.25 routing table. */
export const X25_ROUTES_TITLE = 'Kernel X.25 routing table';
/** Column header of the X.25 routing table. */
export const X25_ROUTES_HEADER = 'Destination          Iface';
/** stdout message of `-r -A x25` when neither routing file exists. */
export const X25_ROUTES_MISSING = 'X.25 not configured in this system.';

/** A row of the X.25 socket table (JSON): the record's raw values and the texts shown. */
export type X25SocketRow = X25SocketRecord;

/** A row of the X.25 routing table (JSON). */
export type X25RouteRow = X25RouteRecord;

/** 2.10's row filter: sockets with lci 0 are shown only with `-a`. */
export function isX25Shown(r: X25SocketRecord, all: boolean): boolean {
  return all || r.shownLci !== 0;
}

/** C `%02d`. */
function d02(v: number): string {
  return v >= 0 && v < 10 ? `0${v}` : String(v);
}

/** One socket line: `%-15s %-15s %-7s %-3d  %-11s  %02d/%02d  %-6d  %-6d\n` (Vr before Vs). */
export function formatX25SocketRow(r: X25SocketRecord): string {
  const s = r.shown;
  return (
    `${padRight(s.dest, 15)} ${padRight(s.source, 15)} ${padRight(s.device, 7)} ${padRight(s.lci, 3)}  ` +
    `${padRight(r.stateName, 11)}  ${d02(r.vr)}/${d02(r.vs)}  ${padRight(String(r.sendQ), 6)}  ` +
    `${padRight(String(r.recvQ), 6)}\n`
  );
}

/**
 * One route line: `*` + 20 blanks, or `<address>/<digits>` with the digits left-justified in
 * 17 − digits columns and three blanks; then `%-5s` of the device.
 */
export function formatX25RouteRow(r: X25RouteRecord): string {
  if (r.digits === 0) return `*${spaces(20)}${padRight(r.device, 5)}\n`;
  const addr = r.destination.slice(0, r.destination.lastIndexOf('/'));
  return `${addr}/${padRight(String(r.digits), 17 - r.digits)}   ${padRight(r.device, 5)}\n`;
}
