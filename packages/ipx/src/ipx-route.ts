import { ipxNetworkText, ipxNodeHex, isZeroNode, parseIpxNode } from './address.js';
import { CScanner, fgetsLines, strtoulHex } from './cscan.js';
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
 * Parses /proc/net/ipx/route (or /proc/net/ipx_route) as net-tools 2.10 does: the first read is
 * the header; every other read needs three fields (else it is skipped): destination and router
 * network (hex numbers) and router node (hex digits). The kernel's `Directly Connected` therefore
 * reads as network `0000000D`, node `C00000000000`.
 */
export function parseIpxRoutes(data: Uint8Array, source = '/proc/net/ipx/route'): IpxRouteParse {
  const rows: IpxRouteRow[] = [];
  const diagnostics: LineDiagnostic[] = [];
  const note = (line: number, message: string) =>
    diagnostics.push({ level: 'info', line, message: `${source} line ${line}: ${message}` });
  const lines = fgetsLines(data, IPX_ROUTE_LINE_READ, IPX_ROUTE_LINE_READ);
  for (let k = 1; k < lines.length; k++) {
    const { text, line, cut, nul } = lines[k]!;
    if (lines[k - 1]!.cut)
      note(line, 'continuation of a line longer than 2.10 reads at once, read as a line of its own');
    else if (cut) note(line, `longer than ${IPX_ROUTE_LINE_READ} bytes; 2.10 reads the rest as another line`);
    if (nul) note(line, 'NUL byte: the text after it is ignored');
    const sc = new CScanner(text);
    const dest = sc.word();
    const net = sc.word();
    const node = sc.word();
    if (dest === null || net === null || node === null) {
      note(line, 'fewer than 3 fields: skipped');
      continue;
    }
    const d = strtoulHex(dest).value;
    const n = strtoulHex(net).value;
    const bytes = parseIpxNode(node);
    rows.push({
      line,
      destination: Number(d & 0xffffffffn),
      destinationText: ipxNetworkText(d),
      routerNet: Number(n & 0xffffffffn),
      routerNetText: ipxNetworkText(n),
      routerNode: ipxNodeHex(bytes),
      routerNodeText: isZeroNode(bytes) ? '' : ipxNodeHex(bytes),
    });
  }
  return { rows, diagnostics };
}
