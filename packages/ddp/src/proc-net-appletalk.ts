import { type ByteInput, type Diagnostic, forEachInputPiece } from '@netstat-ts/core';

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

/** The record of a line's fields (after trimming, split at blanks and tabs), or null when they are not in the kernel's format. */
function socketRecord(f: readonly string[], line: number): DdpSocketRecord | null {
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
  )
    return null;
  return {
    line,
    type: Number.parseInt(f[0]!, 16),
    local,
    remote,
    sendQ: Number.parseInt(q[1]!, 16),
    recvQ: Number.parseInt(q[2]!, 16),
    state: Number.parseInt(f[4]!, 16),
    uid: Number(f[5]),
  };
}

/** Size of the pieces the socket file is read in (a line may span several). */
const SOCKET_PIECE = 1 << 16;

/** Longer than any field of the kernel's format (the queues: 17 bytes); a longer field makes the line bogus. */
const FIELD_MAX = 24;

/** What a line is trimmed of at both ends (JavaScript's `trim` on latin1 text): C whitespace and NBSP. */
function isTrimmed(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0;
}

/**
 * Scans /proc/net/appletalk (bytes, a byte string or the piece feed of a streamed file) in one
 * pass: `record` for every socket, `diagnostic` for every line not in the kernel's format
 * ({@link BOGUS_DDP_LINE}; the line is skipped), in file order. The kernel writes a header line,
 * then per socket `%02X   %04X:%02X:%02X  %04X:%02X:%02X  %08X:%08X %02X %u` (type, local
 * net:node:port, remote net:node:port, tx:rx queues, state, uid). A line is trimmed of white
 * space (and NBSP) at both ends and split at runs of blanks and tabs; blank lines are ignored.
 * Constant memory whatever a line's length: at most six short fields of a line are held.
 */
export function scanProcNetAppletalk(
  input: ByteInput,
  record: (r: DdpSocketRecord) => void,
  diagnostic: (d: Diagnostic & { line: number }) => void,
): void {
  let line = 0;
  // The line being read: whether it has a character that is not trimmed (it is not blank),
  // whether it is already known to be bogus, its fields so far and the one being read, and what
  // follows the last such character (blanks or tabs: a field ends; other trimmed white space:
  // part of a field, unless the line ends first).
  let started = false;
  let bad = false;
  const fields: string[] = [];
  let field = '';
  let gap = false;
  let gapOther = false;
  const endField = () => {
    if (fields.length >= 6) bad = true;
    else fields.push(field);
    field = '';
  };
  const endLine = () => {
    if (started) {
      if (!bad) endField();
      const r = bad ? null : socketRecord(fields, line);
      if (r) record(r);
      else diagnostic({ level: 'warning', message: BOGUS_DDP_LINE, line });
    }
    started = bad = gap = gapOther = false;
    fields.length = 0;
    field = '';
  };
  forEachInputPiece(input, SOCKET_PIECE, (b, s, e) => {
    const ended = b[e - 1] === 10;
    const stop = ended ? e - 1 : e;
    // The header (line 0) is skipped.
    let i = line === 0 ? stop : s;
    while (i < stop) {
      const c = b[i]!;
      if (isTrimmed(c)) {
        if (c === 32 || c === 9) gap = true;
        else gapOther = true;
        i++;
        continue;
      }
      let j = i + 1;
      while (j < stop && !isTrimmed(b[j]!)) j++;
      if (!started) started = true;
      else if (gapOther) bad = true;
      else if (gap && !bad) endField();
      gap = gapOther = false;
      if (!bad) {
        field += b.toString('latin1', i, Math.min(j, i + FIELD_MAX + 1));
        if (field.length > FIELD_MAX) bad = true;
      }
      i = j;
    }
    if (ended) {
      endLine();
      line++;
    }
  });
  endLine();
}

/**
 * Parses all of /proc/net/appletalk (a byte string or bytes) at once: {@link scanProcNetAppletalk}'s
 * records and warnings.
 */
export function parseProcNetAppletalk(input: string | Uint8Array): DdpSocketParse {
  const records: DdpSocketRecord[] = [];
  const diagnostics: DdpSocketParse['diagnostics'] = [];
  scanProcNetAppletalk(
    input,
    (r) => records.push(r),
    (d) => diagnostics.push(d),
  );
  return { records, diagnostics };
}
