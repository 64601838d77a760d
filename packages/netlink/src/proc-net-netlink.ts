/**
 * `/proc/net/netlink`: one line per netlink socket (a socket bound to several groups appears
 * once). Columns since Linux 2.6.x: `sk Eth Pid Groups Rmem Wmem Dump Locks Drops Inode`
 * (older kernels lack Drops and Inode). Pure: text in, records and diagnostics out.
 */
import { type ByteInput, type Diagnostic, forEachBoundedLine } from '@netstat-ts/core';
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

/**
 * Longest line looked at: a kernel line is about 100 bytes; a longer one is read up to here and
 * the rest of it skipped (see {@link scanProcNetNetlink}).
 */
export const NETLINK_LINE_MAX = 64 << 10;

/**
 * One pass over the file (bytes, a latin1 string or the piece feed of a streamed file) in file
 * order: `each` for every socket, `diagnostic` for every malformed line. Constant memory whatever
 * the file's size: a line is looked at up to {@link NETLINK_LINE_MAX} bytes (only a line whose
 * first ten fields do not fit there reads differently from the whole line).
 */
export function scanProcNetNetlink(
  input: ByteInput,
  each: (r: NetlinkSocketRecord) => void,
  diagnostic: (d: Diagnostic) => void,
): void {
  forEachBoundedLine(
    input,
    (line, i) => {
      if (i === 0 || line.trim() === '') return;
      const f = line.trim().split(/\s+/, 11);
      const ok =
        f.length >= 8 &&
        HEX.test(f[0]!) &&
        DEC.test(f[1]!) &&
        DEC.test(f[2]!) &&
        HEX.test(f[3]!) &&
        f.slice(4, 8).every((x) => /^-?\d+$/.test(x)) &&
        f.slice(8, 10).every((x) => DEC.test(x));
      if (!ok) {
        diagnostic({ level: 'warning', message: `warning, got bogus netlink line ${i + 1}.` });
        return;
      }
      const n = Number(f[1]);
      each({
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
    },
    NETLINK_LINE_MAX,
  );
}

/** Parses the file at once ({@link scanProcNetNetlink} streams it); malformed lines become diagnostics. */
export function parseProcNetNetlink(text: string): {
  records: NetlinkSocketRecord[];
  diagnostics: Diagnostic[];
} {
  const records: NetlinkSocketRecord[] = [];
  const diagnostics: Diagnostic[] = [];
  scanProcNetNetlink(
    text,
    (r) => records.push(r),
    (d) => diagnostics.push(d),
  );
  return { records, diagnostics };
}
