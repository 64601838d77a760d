import type { ByteInput, Diagnostic } from '@netstat-ts/core';
import { parseIpxAddress } from './address.js';
import { CScanner, forEachCLine, hex, longText, scanHex32 } from './cscan.js';

/** net-tools reads /proc/net/ipx/socket with at most 254 bytes per read (longer lines continue as new lines). */
export const IPX_SOCKET_LINE_READ = 254;
/** Longest address field 2.10 holds safely; longer ones overflow its buffers (undefined output). */
export const IPX_FIELD_MAX = 64;

/** The message 2.10 prints (stderr, exit 255) for a local address without `:`. */
export const IPX_SOURCE_PORT_ERROR = "netstat.c: Internal Error `ipx socket format error in source port'.";
/** The message 2.10 prints (stderr, exit 255) for a remote address without `:`. */
export const IPX_DESTINATION_PORT_ERROR =
  "netstat.c: Internal Error `ipx socket format error in destination port'.";

/** One end of an IPX socket. */
export interface IpxEndpoint {
  /** Low 32 bits of the network number. */
  network: number;
  /** Node, 12 upper-case hex digits. */
  node: string;
  /** The port, in the byte order the kernel wrote it (net-tools 2.10 shows it byte-swapped). */
  port: number;
  /** The shown text, `NET:NODE:PORT` / `NET:PORT` / `:PORT`. */
  text: string;
}

/** One socket line of /proc/net/ipx/socket as read (values a malformed line did not give are kept from the line before, as 2.10 does). */
export interface IpxSocketRecord {
  /** 1-based line number in the file. */
  line: number;
  local: IpxEndpoint;
  /** null for `Not_Connected`. */
  remote: IpxEndpoint | null;
  /** Kernel Tx_Queue (shown under Recv-Q by 2.10). Exact text in {@link recvQ}. */
  txQueue: number;
  /** Kernel Rx_Queue (shown under Send-Q by 2.10). Exact text in {@link sendQ}. */
  rxQueue: number;
  /** `%ld` text of txQueue (shown in the Recv-Q column). */
  recvQ: string;
  /** `%ld` text of rxQueue (shown in the Send-Q column). */
  sendQ: string;
  /** State as 2.10 reads it (decimal digits of the kernel's hex field): 1 established, 7 closed. */
  state: number;
  /** Owner uid (unsigned 32-bit). */
  uid: number;
}

/** A diagnostic tied to a file line. */
export interface LineDiagnostic extends Diagnostic {
  line: number;
}

/** What {@link parseIpxSockets} returns. */
export interface IpxSocketParse {
  records: IpxSocketRecord[];
  /** Notes (not printed by net-tools) and the fatal error, if any. */
  diagnostics: LineDiagnostic[];
  /** The fatal format error that ends the table (2.10: stderr message, exit 255). */
  error?: { line: number; message: string };
}

function note(diagnostic: (d: LineDiagnostic) => void, line: number, message: string): void {
  diagnostic({ level: 'info', line, message: `/proc/net/ipx/socket line ${line}: ${message}` });
}

/** The values of the scanned fields; a field that does not convert keeps its previous value. */
interface ScanState {
  local: string;
  remote: string;
  tx: bigint;
  rx: bigint;
  state: number;
  uid: number;
  /** The uid 2.10 would show (it reads the uid where the decimal state number stopped). */
  uid210: number;
}

/** Scans one line (`%s %s %lX %lX %u <uid>`) into the state; returns how many fields converted. */
function scanLine(text: string, v: ScanState): number {
  const sc = new CScanner(text);
  const l = sc.word();
  if (l === null) return 0;
  v.local = l;
  const r = sc.word();
  if (r === null) return 1;
  v.remote = r;
  const t = sc.number(16);
  if (t === null) return 2;
  v.tx = t;
  const x = sc.number(16);
  if (x === null) return 3;
  v.rx = x;
  const st = sc.number(10);
  if (st === null) return 4;
  v.state = Number(st & 0xffffffffn);
  // 2.10 reads the uid right where the state number stopped: inside a hex state such as
  // `0A` that fails and the previous uid stays. We read the field after the state field.
  const u210 = new CScanner(text.slice(sc.pos)).number(10);
  if (u210 !== null) v.uid210 = Number(u210 & 0xffffffffn);
  sc.skipField();
  const u = sc.number(10);
  if (u === null) return 5;
  v.uid = Number(u & 0xffffffffn);
  return 6;
}

/**
 * Scans /proc/net/ipx/socket (bytes, a byte string or the piece feed of a streamed file) in one
 * pass, as net-tools 2.10 reads it: `record` for every socket, `diagnostic` for every note and for
 * the fatal format error, in file order; returns that error (the scan ends there), if any. The
 * first read is the header; every other read is scanned as local, remote, tx queue, rx queue,
 * state and uid. A field that does not convert ends the scan of the read and the remaining
 * fields keep the previous line's values (a blank line repeats the previous socket). Two
 * deliberate deviations from 2.10: the port is shown as the kernel wrote it (2.10 swaps its
 * bytes), and the uid is read from the field after the state field (2.10 reads the hex state
 * field as a decimal number and the uid from where that number stopped, so after a state such
 * as `0A` it fails and shows the previous line's uid).
 */
export function scanIpxSockets(
  input: ByteInput,
  record: (r: IpxSocketRecord) => void,
  diagnostic: (d: LineDiagnostic) => void,
): IpxSocketParse['error'] {
  // Scan state carried from line to line, as in 2.10.
  const v: ScanState = { local: '', remote: '', tx: 0n, rx: 0n, state: 0, uid: 0, uid210: 0 };
  let localPort = 0;
  let remotePort = 0;
  let error: IpxSocketParse['error'];
  const fatal = (line: number, message: string) => {
    diagnostic({ level: 'error', line, message });
    error = { line, message };
  };
  forEachCLine(input, IPX_SOCKET_LINE_READ, ({ text, line, cut, nul }, k, continued) => {
    if (k === 0 || error) return;
    if (continued)
      note(
        diagnostic,
        line,
        'continuation of a line longer than 2.10 reads at once, read as a line of its own',
      );
    else if (cut)
      note(
        diagnostic,
        line,
        `longer than ${IPX_SOCKET_LINE_READ} bytes; 2.10 reads the rest as another line`,
      );
    if (nul) note(diagnostic, line, 'NUL byte: the text after it is ignored');

    const fields = scanLine(text, v);
    if (fields < 6) {
      note(
        diagnostic,
        line,
        fields === 0
          ? 'no fields: 2.10 repeats the previous socket'
          : `only ${fields} of 6 fields read; the others keep the previous line's values`,
      );
    }
    if (v.uid !== v.uid210) {
      note(
        diagnostic,
        line,
        `uid ${v.uid}: net-tools 2.10 shows ${v.uid210 | 0} here (it reads the uid inside the state field)`,
      );
    }

    if (v.local.length > IPX_FIELD_MAX || (v.remote !== 'Not_Connected' && v.remote.length > IPX_FIELD_MAX))
      note(
        diagnostic,
        line,
        `address field longer than ${IPX_FIELD_MAX} bytes overflows 2.10's buffer (its output is undefined)`,
      );

    const lc = v.local.lastIndexOf(':');
    if (lc < 0) return fatal(line, IPX_SOURCE_PORT_ERROR);
    const lp = scanHex32(v.local.slice(lc + 1));
    if (lp === null) note(diagnostic, line, 'local port unreadable; the previous one is kept');
    else localPort = lp & 0xffff;
    v.local = v.local.slice(0, lc + 1);
    const la = parseIpxAddress(v.local.slice(0, lc));

    let rEnd: IpxEndpoint | null = null;
    if (v.remote !== 'Not_Connected') {
      const rc = v.remote.lastIndexOf(':');
      if (rc < 0) return fatal(line, IPX_DESTINATION_PORT_ERROR);
      const rp = scanHex32(v.remote.slice(rc + 1));
      if (rp === null) note(diagnostic, line, 'remote port unreadable; the previous one is kept');
      else remotePort = rp & 0xffff;
      v.remote = v.remote.slice(0, rc + 1);
      const ra = parseIpxAddress(v.remote.slice(0, rc));
      rEnd = { ...ra, port: remotePort, text: `${ra.text}:${hex(remotePort, 4)}` };
    }

    record({
      line,
      local: { ...la, port: localPort, text: `${la.text}:${hex(localPort, 4)}` },
      remote: rEnd,
      txQueue: Number(v.tx),
      rxQueue: Number(v.rx),
      recvQ: longText(v.tx),
      sendQ: longText(v.rx),
      state: v.state,
      uid: v.uid,
    });
  });
  return error;
}

/**
 * Parses all of /proc/net/ipx/socket (bytes or a byte string) at once: {@link scanIpxSockets}'s
 * records, notes and fatal error.
 */
export function parseIpxSockets(data: Uint8Array | string): IpxSocketParse {
  const records: IpxSocketRecord[] = [];
  const diagnostics: LineDiagnostic[] = [];
  const error = scanIpxSockets(
    data,
    (r) => records.push(r),
    (d) => diagnostics.push(d),
  );
  return error ? { records, diagnostics, error } : { records, diagnostics };
}
