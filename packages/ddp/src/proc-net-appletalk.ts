import type { Diagnostic } from '@netstat-ts/core';

/** The kernel's DDP socket table (`atalk_seq_socket_show`). */
export const PROC_NET_APPLETALK = '/proc/net/appletalk';

/** An AppleTalk socket address: network, node, socket (port) number. */
export interface AtalkAddress {
  net: number;
  node: number;
  port: number;
  /** `net.node:port` in decimal, AppleTalk's usual notation (e.g. `65280.1:253`). */
  text: string;
}

/** One line of /proc/net/appletalk. */
export interface DdpSocketRecord {
  /** 1-based line number in the file (the header is line 0). */
  line: number;
  /** Socket type (2 = SOCK_DGRAM, 3 = SOCK_RAW). */
  type: number;
  local: AtalkAddress;
  remote: AtalkAddress;
  /** Bytes queued for sending (`tx_queue`) and received, not yet read (`rx_queue`). */
  sendQ: number;
  recvQ: number;
  /** sk_state: 1 = connected (TCP_ESTABLISHED), 7 = not connected (TCP_CLOSE). */
  state: number;
  uid: number;
}

/** What {@link parseProcNetAppletalk} returns. */
export interface DdpSocketParse {
  records: DdpSocketRecord[];
  /** One per line that is not in the kernel's format (the line is skipped). */
  diagnostics: Array<Diagnostic & { line: number }>;
}

/** The warning printed (stderr) for a line that is not in the kernel's format. */
export const BOGUS_DDP_LINE = 'warning, got bogus ddp line.';

const ADDRESS = /^([0-9A-Fa-f]{1,4}):([0-9A-Fa-f]{1,2}):([0-9A-Fa-f]{1,2})$/;
const QUEUES = /^([0-9A-Fa-f]{1,8}):([0-9A-Fa-f]{1,8})$/;
const HEX = /^[0-9A-Fa-f]{1,8}$/;
const DEC = /^[0-9]{1,10}$/;

function address(token: string | undefined): AtalkAddress | null {
  const m = token === undefined ? null : ADDRESS.exec(token);
  if (!m) return null;
  const net = Number.parseInt(m[1]!, 16);
  const node = Number.parseInt(m[2]!, 16);
  const port = Number.parseInt(m[3]!, 16);
  return { net, node, port, text: `${net}.${node}:${port}` };
}

/**
 * Parses /proc/net/appletalk (a byte string or bytes). The kernel writes a header line, then
 * per socket `%02X   %04X:%02X:%02X  %04X:%02X:%02X  %08X:%08X %02X %u` (type, local
 * net:node:port, remote net:node:port, tx:rx queues, state, uid). A line not of that shape is
 * skipped with a diagnostic; blank lines are ignored.
 */
export function parseProcNetAppletalk(input: string | Uint8Array): DdpSocketParse {
  const text = typeof input === 'string' ? input : Buffer.from(input).toString('latin1');
  const records: DdpSocketRecord[] = [];
  const diagnostics: DdpSocketParse['diagnostics'] = [];
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.trim() === '') continue;
    const f = l.trim().split(/[ \t]+/);
    const local = address(f[1]);
    const remote = address(f[2]);
    const q = f[3] === undefined ? null : QUEUES.exec(f[3]);
    if (
      f.length !== 6 ||
      !HEX.test(f[0]!) ||
      !local ||
      !remote ||
      !q ||
      !HEX.test(f[4]!) ||
      !DEC.test(f[5]!) ||
      Number(f[5]) > 0xffffffff
    ) {
      diagnostics.push({ level: 'warning', message: BOGUS_DDP_LINE, line: i });
      continue;
    }
    records.push({
      line: i,
      type: Number.parseInt(f[0]!, 16),
      local,
      remote,
      sendQ: Number.parseInt(q[1]!, 16),
      recvQ: Number.parseInt(q[2]!, 16),
      state: Number.parseInt(f[4]!, 16),
      uid: Number(f[5]),
    });
  }
  return { records, diagnostics };
}
