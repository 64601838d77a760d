import type { ByteInput } from '@netstat-ts/core';
import { ipxNetworkText, ipxNodeHex, isZeroNode, parseIpxNode } from './address.js';
import { CScanner, forEachCLine, strtoulHex } from './cscan.js';
import type { LineDiagnostic } from './proc-net-ipx.js';

/** net-tools reads the IPX routing table with at most 1022 bytes per read (longer lines continue as new lines). */
export const IPX_ROUTE_LINE_READ = 1022;

/** One row of the IPX routing table (`-r -A ipx`). */
export interface IpxRouteRow {
  /** 1-based line number in the file. */
  line: number;
  /** Low 32 bits of the destination network. */
  destination: number;
  /** Shown Destination text (empty for 0 and FFFFFFFF). */
  destinationText: string;
  /** Low 32 bits of the router network (a kernel "Directly" reads as 0xD). */
  routerNet: number;
  /** Shown Router Net text. */
  routerNetText: string;
  /** Router node, 12 upper-case hex digits (a kernel "Connected" reads as C00000000000). */
  routerNode: string;
  /** Shown Router Node text (empty for an all-zero node). */
  routerNodeText: string;
}

/** What {@link parseIpxRoutes} returns. */
export interface IpxRouteParse {
  rows: IpxRouteRow[];
  diagnostics: LineDiagnostic[];
}

/**
 * Scans /proc/net/ipx/route (or /proc/net/ipx_route; bytes, a byte string or the piece feed of a
 * streamed file) in one pass, as net-tools 2.10 reads it: `row` for every route, `diagnostic`
 * for every note (none is printed by 2.10), in file order; `source` names the file in the notes.
 * The first read is the header; every other read needs three fields (else it is skipped):
 * destination and router network (hex numbers) and router node (hex digits). The kernel's
 * `Directly Connected` therefore reads as network `0000000D`, node `C00000000000`.
 */
export function scanIpxRoutes(
  input: ByteInput,
  row: (r: IpxRouteRow) => void,
  diagnostic: (d: LineDiagnostic) => void,
  source = '/proc/net/ipx/route',
): void {
  const note = (line: number, message: string) =>
    diagnostic({ level: 'info', line, message: `${source} line ${line}: ${message}` });
  forEachCLine(input, IPX_ROUTE_LINE_READ, ({ text, line, cut, nul }, k, continued) => {
    if (k === 0) return;
    if (continued)
      note(line, 'continuation of a line longer than 2.10 reads at once, read as a line of its own');
    else if (cut) note(line, `longer than ${IPX_ROUTE_LINE_READ} bytes; 2.10 reads the rest as another line`);
    if (nul) note(line, 'NUL byte: the text after it is ignored');
    const sc = new CScanner(text);
    const dest = sc.word();
    const net = sc.word();
    const node = sc.word();
    if (dest === null || net === null || node === null) {
      note(line, 'fewer than 3 fields: skipped');
      return;
    }
    const d = strtoulHex(dest).value;
    const n = strtoulHex(net).value;
    const bytes = parseIpxNode(node);
    row({
      line,
      destination: Number(d & 0xffffffffn),
      destinationText: ipxNetworkText(d),
      routerNet: Number(n & 0xffffffffn),
      routerNetText: ipxNetworkText(n),
      routerNode: ipxNodeHex(bytes),
      routerNodeText: isZeroNode(bytes) ? '' : ipxNodeHex(bytes),
    });
  });
}

/**
 * Parses all of /proc/net/ipx/route (or /proc/net/ipx_route; bytes or a byte string) at once:
 * {@link scanIpxRoutes}'s rows and notes.
 */
export function parseIpxRoutes(data: Uint8Array | string, source = '/proc/net/ipx/route'): IpxRouteParse {
  const rows: IpxRouteRow[] = [];
  const diagnostics: LineDiagnostic[] = [];
  scanIpxRoutes(
    data,
    (r) => rows.push(r),
    (d) => diagnostics.push(d),
    source,
  );
  return { rows, diagnostics };
}
