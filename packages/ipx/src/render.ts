import { type NetstatOptions, padLeft, padRight, type Resolver } from '@netstat-ts/core';
import type { IpxRouteRow } from './ipx-route.js';
import type { IpxSocketRecord } from './proc-net-ipx.js';

/** First line of the IPX socket block. */
export const IPX_SOCKETS_TITLE = 'Active IPX sockets';
/** First line of the IPX routing table. */
export const IPX_ROUTES_TITLE = 'Kernel IPX routing table';
/** Column header of the IPX routing table. */
export const IPX_ROUTES_HEADER = 'Destination               Router Net                Router Node';
/** stdout message when neither routing file can be opened (after strerror on stderr). */
export const IPX_ROUTES_MISSING = 'IPX routing not in file /proc/net/ipx/route or /proc/net/ipx_route found.';

/** Column header of the socket block; ` User` is added with `-e` (extend ≥ 2). */
export function ipxSocketsHeader(o: Pick<NetstatOptions, 'extend'>): string {
  const h = 'Proto Recv-Q Send-Q Local Address              Foreign Address            State';
  return o.extend >= 2 ? `${h} User` : h;
}

/** State column text: 1 → `ESTAB`, 7 → empty, anything else `UNK.`. */
export function ipxStateName(state: number): string {
  return state === 1 ? 'ESTAB' : state === 7 ? '' : 'UNK.';
}

/** An IPX socket as shown: the record plus the texts of the option-dependent columns. */
export interface IpxSocketRow extends IpxSocketRecord {
  /** `ESTAB`, empty or `UNK.`. */
  stateName: string;
  /** Foreign Address text (`-` when not connected). */
  remoteText: string;
  /** User column text with `-e`: the user name, or the uid (`-n`, `--numeric-users`, unknown uid). */
  user?: string;
}

/** Builds the shown row of a record for the options (`-e` user column, `-n`). */
export function ipxSocketRow(
  r: IpxSocketRecord,
  o: Pick<NetstatOptions, 'extend' | 'numericUsers'>,
  resolver?: Pick<Resolver, 'user'>,
): IpxSocketRow {
  let user: string | undefined;
  if (o.extend >= 2) {
    const name = o.numericUsers ? undefined : resolver?.user(r.uid);
    user = name ?? String(r.uid | 0);
  }
  return { ...r, stateName: ipxStateName(r.state), remoteText: r.remote ? r.remote.text : '-', user };
}

/** One line of the socket block (with `\n`): `IPX   %6ld %6ld %-26s %-26s %-5s[ %-10s]`. */
export function formatIpxSocketRow(row: IpxSocketRow): string {
  let s = `IPX   ${padLeft(row.recvQ, 6)} ${padLeft(row.sendQ, 6)} ${padRight(row.local.text, 26)} ${padRight(
    row.remoteText,
    26,
  )} ${padRight(row.stateName, 5)}`;
  if (row.user !== undefined) s += ` ${padRight(row.user, 10)}`;
  return `${s}\n`;
}

/** One line of the routing table (with `\n`): `%-25s %-25s %-25s`. */
export function formatIpxRouteRow(row: IpxRouteRow): string {
  return `${padRight(row.destinationText, 25)} ${padRight(row.routerNetText, 25)} ${padRight(row.routerNodeText, 25)}\n`;
}
