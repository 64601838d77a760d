/**
 * Hardware types known to net-tools 2.10 as built by Debian (spec §6.4): name, title and how the
 * hardware address is printed on the `-e` hardware line. Types not in the table are `unspec`.
 */

/** How a hardware type prints its address. */
export type AddressFormat =
  /** no address printer: only the type name is printed */
  | 'none'
  /** `%02x:` × 6 (Ethernet) */
  | 'ether'
  /** `%02X-` × 6 (FDDI) */
  | 'fddi'
  /** an address printer that prints nothing (`tunnel ` + nothing) */
  | 'empty'
  /** `%02X-` × 16, the first 8 bytes from the device, the rest 0 */
  | 'unspec';

/** One hardware type. */
export interface HwType {
  /** ARPHRD_* number (-1 for the unspec fallback). */
  arphrd: number;
  name: string;
  title: string;
  format: AddressFormat;
}

const TABLE: HwType[] = [
  { arphrd: 772, name: 'loop', title: 'Local Loopback', format: 'none' },
  { arphrd: 1, name: 'ether', title: 'Ethernet', format: 'ether' },
  { arphrd: 512, name: 'ppp', title: 'Point-to-Point Protocol', format: 'none' },
  { arphrd: 768, name: 'tunnel', title: 'IPIP Tunnel', format: 'empty' },
  { arphrd: 776, name: 'sit', title: 'IPv6-in-IPv4', format: 'none' },
  // The spec names the following types without their address printers; they print the name only.
  { arphrd: 256, name: 'slip', title: 'Serial Line IP', format: 'none' },
  { arphrd: 257, name: 'cslip', title: 'VJ Serial Line IP', format: 'none' },
  { arphrd: 258, name: 'slip6', title: '6-bit Serial Line IP', format: 'none' },
  { arphrd: 259, name: 'cslip6', title: 'VJ 6-bit Serial Line IP', format: 'none' },
  { arphrd: 264, name: 'adaptive', title: 'Adaptive Serial Line IP', format: 'none' },
  { arphrd: 3, name: 'ax25', title: 'AMPR AX.25', format: 'none' },
  { arphrd: 0, name: 'netrom', title: 'AMPR NET/ROM', format: 'none' },
  { arphrd: 270, name: 'rose', title: 'AMPR ROSE', format: 'none' },
  { arphrd: 271, name: 'x25', title: 'generic X.25', format: 'none' },
  { arphrd: 513, name: 'hdlc', title: '(Cisco)-HDLC', format: 'none' },
  { arphrd: 516, name: 'lapb', title: 'LAPB', format: 'none' },
  { arphrd: 7, name: 'arcnet', title: 'ARCnet', format: 'none' },
  { arphrd: 15, name: 'dlci', title: 'Frame Relay DLCI', format: 'none' },
  { arphrd: 770, name: 'frad', title: 'Frame Relay Access Device', format: 'none' },
  { arphrd: 774, name: 'fddi', title: 'Fiber Distributed Data Interface', format: 'fddi' },
  { arphrd: 780, name: 'hippi', title: 'HIPPI', format: 'none' },
  { arphrd: 783, name: 'irda', title: 'IrLAP', format: 'none' },
  { arphrd: 27, name: 'eui64', title: 'Generic EUI-64', format: 'none' },
  { arphrd: 781, name: 'ash', title: 'Ash', format: 'none' },
];

/** The fallback for every type not in the table (tun 65534, GRE, …). */
export const UNSPEC: HwType = { arphrd: -1, name: 'unspec', title: 'UNSPEC', format: 'unspec' };

const BY_NUMBER = new Map(TABLE.map((t) => [t.arphrd, t]));

/** The hardware type of an ARPHRD number (net-tools keeps it in a C `short`). */
export function hwType(arphrd: number): HwType {
  const short = ((arphrd & 0xffff) << 16) >> 16;
  return BY_NUMBER.get(short) ?? UNSPEC;
}

const hex2 = (b: number, upper: boolean): string => {
  const s = b.toString(16).padStart(2, '0');
  return upper ? s.toUpperCase() : s;
};

/**
 * The address text printed after the type name, or null when the type has no address printer.
 * `bytes` are the device's hardware address bytes (missing bytes read as 0).
 */
export function formatHwAddress(t: HwType, bytes: Uint8Array): string | null {
  const at = (i: number): number => bytes[i] ?? 0;
  switch (t.format) {
    case 'none':
      return null;
    case 'empty':
      return '';
    case 'ether':
      return [0, 1, 2, 3, 4, 5].map((i) => hex2(at(i), false)).join(':');
    case 'fddi':
      return [0, 1, 2, 3, 4, 5].map((i) => hex2(at(i), true)).join('-');
    case 'unspec': {
      const parts: string[] = [];
      for (let i = 0; i < 16; i++) parts.push(hex2(i < 8 ? at(i) : 0, true));
      return parts.join('-');
    }
  }
}
