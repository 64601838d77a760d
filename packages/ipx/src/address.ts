import { hex, hexDigit, strtoulHex } from './cscan.js';

/** The six bytes of an IPX node as net-tools reads them from hex text. */
export type IpxNode = [number, number, number, number, number, number];

/**
 * Reads up to 12 hex digits into the six node bytes, stopping at the first non-hex character;
 * bytes not reached stay 0 and an odd final digit fills the high half of its byte (`C` → `C0`).
 */
export function parseIpxNode(s: string, start = 0): IpxNode {
  const node: IpxNode = [0, 0, 0, 0, 0, 0];
  for (let k = 0; k < 12; k++) {
    const d = hexDigit(s.charCodeAt(start + k));
    if (d < 0) break;
    node[k >> 1]! |= k & 1 ? d : d << 4;
  }
  return node;
}

/** The node as 12 upper-case hex digits. */
export function ipxNodeHex(node: readonly number[]): string {
  let s = '';
  for (const b of node) s += hex(b, 2);
  return s;
}

/** True when every node byte is 0. */
export function isZeroNode(node: readonly number[]): boolean {
  return node.every((b) => b === 0);
}

/**
 * The text of an IPX network number parsed from hex (64-bit value as strtoul returns it):
 * empty for 0, `FFFFFFFF` (exactly) and any value whose low 32 bits are 0; otherwise `%08X` of
 * the low 32 bits. Used for the routing table's Destination and Router Net columns.
 */
export function ipxNetworkText(value: bigint): string {
  if (value === 0n || value === 0xffffffffn) return '';
  const net = Number(value & 0xffffffffn);
  return net === 0 ? '' : hex(net, 8);
}

/** An IPX address (`NET:NODE`, without port) as parsed from a socket-table field. */
export interface IpxAddress {
  /** Low 32 bits of the network number. */
  network: number;
  /** The node, 12 upper-case hex digits. */
  node: string;
  /** The shown text (without `:port`). */
  text: string;
}

/**
 * Parses and renders the address part of a socket-table field (the text before the last `:`):
 * NET is read with strtoul(…, 16); the node is read only when a `:` directly follows the network
 * digits. A network of 0 or `FFFFFFFF` shows nothing (node ignored); otherwise the text is the
 * network `%08X` (left out when its low 32 bits are 0) and, when the node is non-zero, the node's
 * 12 hex digits (after a `:` when a network is shown).
 */
export function parseIpxAddress(s: string): IpxAddress {
  const { value, end } = strtoulHex(s);
  const network = Number(value & 0xffffffffn);
  const nodeBytes = s.charCodeAt(end) === 58 ? parseIpxNode(s, end + 1) : parseIpxNode('');
  const node = ipxNodeHex(nodeBytes);
  let text = '';
  if (value !== 0n && value !== 0xffffffffn) {
    text = network === 0 ? '' : hex(network, 8);
    if (!isZeroNode(nodeBytes)) text = text ? `${text}:${node}` : node;
  }
  return { network, node, text };
}
