/**
 * `/proc/net/netlink`: one line per netlink socket (a socket bound to several groups appears
 * once). Columns since Linux 2.6.x: `sk Eth Pid Groups Rmem Wmem Dump Locks Drops Inode`
 * (older kernels lack Drops and Inode). Pure: text in, records and diagnostics out.
 */
import type { Diagnostic } from '@netstat-ts/core';
import { NETLINK_PROTOCOL_NAMES } from '@netstat-ts/native/codec';

/** One netlink socket as the kernel lists it. */
export interface NetlinkSocketRecord {
  /** Kernel socket address (hex, as printed; hashed or zero on current kernels). */
  address: string;
  /** Netlink protocol number (`Eth` column). */
  protocolNumber: number;
  /** Its short name (`rtnl`, `nfnetlink`, `audit`, `kobject_uevent`, … or the number). */
  protocol: string;
  /** Port id (`Pid` column): 0 = the kernel, else the user's bound port id (u32). */
  portId: number;
  /** The first 32 multicast group bits (`Groups`, hex in the file). */
  groups: number;
  /** Receive queue bytes (`Rmem`). */
  recvQ: number;
  /** Send queue bytes (`Wmem`). */
  sendQ: number;
  /** A dump is running (`Dump` non-zero). */
  dump: boolean;
  /** Socket lock count (`Locks`). */
  locks: number;
  /** Dropped messages (`Drops`), or null on kernels without the column. */
  drops: number | null;
  /** Socket inode (`Inode`), or null on kernels without the column. */
  inode: number | null;
}

/** The short name of a netlink protocol number (the number itself when unknown). */
export function netlinkProtocolName(n: number): string {
  return NETLINK_PROTOCOL_NAMES[n] ?? String(n);
}

const DEC = /^\d+$/;
const HEX = /^[0-9a-fA-F]+$/;

/** Parses the file; malformed lines become diagnostics. */
export function parseProcNetNetlink(text: string): {
  records: NetlinkSocketRecord[];
  diagnostics: Diagnostic[];
} {
  const records: NetlinkSocketRecord[] = [];
  const diagnostics: Diagnostic[] = [];
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const f = line.trim().split(/\s+/);
    const ok =
      f.length >= 8 &&
      HEX.test(f[0]!) &&
      DEC.test(f[1]!) &&
      DEC.test(f[2]!) &&
      HEX.test(f[3]!) &&
      f.slice(4, 8).every((x) => /^-?\d+$/.test(x)) &&
      f.slice(8, 10).every((x) => DEC.test(x));
    if (!ok) {
      diagnostics.push({ level: 'warning', message: `warning, got bogus netlink line ${i + 1}.` });
      continue;
    }
    const n = Number(f[1]);
    records.push({
      address: f[0]!,
      protocolNumber: n,
      protocol: netlinkProtocolName(n),
      portId: Number(f[2]),
      groups: Number.parseInt(f[3]!.slice(-8), 16),
      recvQ: Number(f[4]),
      sendQ: Number(f[5]),
      dump: Number(f[6]) !== 0,
      locks: Number(f[7]),
      drops: f[8] !== undefined ? Number(f[8]) : null,
      inode: f[9] !== undefined ? Number(f[9]) : null,
    });
  }
  return { records, diagnostics };
}
