import { type NetstatOptions, padLeft, padRight, type Resolver } from '@netstat-ts/core';
import type { DdpRouteRow } from './atalk-route.js';
import type { DdpSocketRecord } from './proc-net-appletalk.js';

/** Column header of the AppleTalk routing table (2.10 prints no title line). */
export const DDP_ROUTES_HEADER = 'Destination     Gateway         Device          Flags';
/** Second stderr line when /proc/net/atalk_route cannot be opened. */
export const DDP_NOT_CONFIGURED = 'DDP (AppleTalk) not configured on this system.';

/** First stderr line when the file cannot be opened: `Error opening <path>: <strerror>`. */
export function ddpOpenError(path: string, reason: string): string {
  return `Error opening ${path}: ${reason}`;
}

/** One line of the table (with `\n`): `%-16s%-16s%-16s%-s` of target, router, device, flags. */
export function formatDdpRouteRow(row: DdpRouteRow): string {
  return `${padRight(row.target, 16)}${padRight(row.router, 16)}${padRight(row.device, 16)}${row.flagsText}\n`;
}

/** First line of the DDP socket block (an addition: 2.10 has no DDP socket listing). */
export const DDP_SOCKETS_TITLE = 'Active DDP sockets';

/**
 * Column header of the DDP socket block, in the style of the other legacy families; ` User`
 * with `-e`, ` PID/Program name` with `-p`.
 */
export function ddpSocketsHeader(o: Pick<NetstatOptions, 'extend' | 'programs'>): string {
  let h = 'Proto Type      Recv-Q Send-Q Local Address        Foreign Address      State';
  if (o.extend >= 2) h += ` ${padRight('User', 10)}`;
  if (o.programs) h += ' PID/Program name';
  return h;
}

const DDP_TYPES: Record<number, string> = { 1: 'STREAM', 2: 'DGRAM', 3: 'RAW', 4: 'RDM', 5: 'SEQPACKET' };

/** Type column text: `DGRAM`, `RAW`, … or the number. */
export function ddpTypeName(type: number): string {
  return DDP_TYPES[type] ?? String(type);
}

/** State column text: 1 (connected) `ESTAB`, 7 (not connected) empty, else `UNK.` (as IPX). */
export function ddpStateName(state: number): string {
  return state === 1 ? 'ESTAB' : state === 7 ? '' : 'UNK.';
}

/** A DDP socket as shown: the record plus the texts of the option-dependent columns. */
export interface DdpSocketRow extends DdpSocketRecord {
  typeName: string;
  stateName: string;
  /** Foreign Address text (`-` when not connected). */
  remoteText: string;
  /** User column with `-e`: the user name, or the uid (`-n`, `--numeric-users`, unknown uid). */
  user?: string;
  /** `-` with `-p`: /proc/net/appletalk has no inode, so no socket can be tied to a process. */
  program?: string;
}

/** Builds the shown row of a record for the options. */
export function ddpSocketRow(
  r: DdpSocketRecord,
  o: Pick<NetstatOptions, 'extend' | 'numericUsers' | 'programs'>,
  resolver?: Pick<Resolver, 'user'>,
): DdpSocketRow {
  const row: DdpSocketRow = {
    ...r,
    typeName: ddpTypeName(r.type),
    stateName: ddpStateName(r.state),
    remoteText: r.state === 1 || r.remote.net !== 0 || r.remote.node !== 0 ? r.remote.text : '-',
  };
  if (o.extend >= 2) row.user = (o.numericUsers ? undefined : resolver?.user(r.uid)) ?? String(r.uid);
  if (o.programs) row.program = '-';
  return row;
}

/** One line of the socket block (with `\n`). */
export function formatDdpSocketRow(row: DdpSocketRow): string {
  let s = `DDP   ${padRight(row.typeName, 9)} ${padLeft(String(row.recvQ), 6)} ${padLeft(String(row.sendQ), 6)} ${padRight(
    row.local.text,
    20,
  )} ${padRight(row.remoteText, 20)} ${padRight(row.stateName, 5)}`;
  if (row.user !== undefined) s += ` ${padRight(row.user, 10)}`;
  if (row.program !== undefined) s += ` ${row.program}`;
  return `${s}\n`;
}
