import { padRight } from '@netstat-ts/core';
import type { DdpRouteRow } from './atalk-route.js';

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
