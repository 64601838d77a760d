/**
 * `-A netlink`: the netlink socket table, in the style of the other socket tables (title,
 * column header, one row per socket; `-e` adds drops and inode, `-p` the owning process).
 * Read from `/proc/net/netlink`, so it works the same under `--root`.
 */
import {
  type HostError,
  noSupportMessage,
  type PluginContext,
  perror,
  type Section,
  streamedRowsSection,
  streamPieces,
  type Table,
} from '@netstat-ts/core';
import { type NetlinkSocketRecord, scanProcNetNetlink } from './proc-net-netlink.js';

/** The kernel file of the table. */
export const PROC_NET_NETLINK = '/proc/net/netlink';

/** One row (the JSON schema of `-A netlink`): the record plus its shown owner. */
export interface NetlinkSocketRow extends NetlinkSocketRecord {
  /** The owning process with `-p` (`{ pid, program }`), null when unknown or not asked for. */
  owner: { pid: number; program: string } | null;
  /** `pid/program` as shown with `-p` (`-` when unknown). */
  program?: string;
}

/** The table title (no newline). */
export const NETLINK_TITLE = 'Active netlink sockets';

/** The column header for the options (no newline). */
export function netlinkHeader(o: { extend: number; programs: boolean }): string {
  let h = 'Proto           Recv-Q Send-Q Port-ID    Groups  ';
  if (o.extend >= 2) h += '    Drops      Inode';
  if (o.programs) h += ' PID/Program name';
  return h.trimEnd();
}

/** One row's text (with newline). */
export function formatNetlinkRow(r: NetlinkSocketRow, o: { extend: number; programs: boolean }): string {
  let s = `${r.protocol.padEnd(15)} ${String(r.recvQ).padStart(6)} ${String(r.sendQ).padStart(6)} ${String(r.portId).padEnd(10)} ${r.groups.toString(16).padStart(8, '0')}`;
  if (o.extend >= 2) s += ` ${String(r.drops ?? '-').padStart(8)} ${String(r.inode ?? '-').padStart(10)}`;
  if (o.programs) s += ` ${r.program ?? '-'}`;
  return `${s}\n`;
}

/** The `-A netlink` block of the socket listing. */
export async function netlinkSockets(ctx: PluginContext): Promise<Section<NetlinkSocketRow>[]> {
  const o = ctx.options;
  const table: Table<NetlinkSocketRow> = {
    kind: 'sockets',
    family: 'netlink',
    name: 'netlink',
    sources: [PROC_NET_NETLINK],
    present: false,
    rows: [],
    diagnostics: [],
  };
  // Streamed at every pass, never read whole: the open is checked now, the rows are read as
  // they are written (the bogus-line warnings on stderr where they occur).
  const e = ctx.host.probe(PROC_NET_NETLINK);
  if (e !== null) {
    const message = e.code === 'ENOENT' ? noSupportMessage('AF NETLINK') : perror(e);
    table.diagnostics.push({ level: 'error', message });
    return [{ table, status: e.code === 'ENOENT' ? 1 : 255, write: (out) => out.err(`${message}\n`) }];
  }
  table.present = true;
  const owners = o.programs ? ctx.processes().owners : null;
  const row = (rec: NetlinkSocketRecord): NetlinkSocketRow => {
    const owner = rec.inode !== null ? owners?.get(rec.inode) : undefined;
    return {
      ...rec,
      owner: owner ? { pid: owner.pid, program: owner.program } : null,
      ...(o.programs ? { program: owner?.text ?? '-' } : {}),
    };
  };
  const header = `${NETLINK_TITLE}\n${netlinkHeader(o)}\n`;
  return [
    streamedRowsSection(
      table,
      header,
      (each, diagnostic) => {
        let late: HostError | null = null;
        scanProcNetNetlink(
          (max, piece) => {
            late = streamPieces(ctx.host, PROC_NET_NETLINK, max, piece);
          },
          (rec) => each(row(rec)),
          diagnostic,
        );
        // A read that fails midway ends the table with the error on stderr.
        if (late !== null) diagnostic({ level: 'error', message: perror(late) });
      },
      (r) => formatNetlinkRow(r, o),
    ),
  ];
}
