/** The short interface table of `netstat -i` (spec §6.3). */
import { padLeft, padRight, padRightTrunc } from '@netstat-ts/core';
import type { InterfaceRow } from './interface-list.js';

/** The title, printed once per process (not repeated by `-c`). */
export const TITLE = 'Kernel Interface table\n';

/** The column header of the short table, printed every pass. */
export const SHORT_HEADER =
  'Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg\n';

const NO_STATS = padRight('     - no statistics available -', 56);

/** One row of the short table (with newline). */
export function shortRow(r: InterfaceRow): string {
  let s = `${padRightTrunc(r.name, 15, 15)} ${padLeft(String(r.mtu), 5)} `;
  if (r.rx && r.tx) {
    s += `${padLeft(String(r.rx.ok), 8)} ${padLeft(String(r.rx.err), 6)} ${padLeft(String(r.rx.drp), 6)} ${padRight(String(r.rx.ovr), 6)} `;
    s += `${padLeft(String(r.tx.ok), 8)} ${padLeft(String(r.tx.err), 6)} ${padLeft(String(r.tx.drp), 6)} ${padLeft(String(r.tx.ovr), 6)} `;
  } else {
    s += NO_STATS;
  }
  return `${s}${r.flags}\n`;
}
