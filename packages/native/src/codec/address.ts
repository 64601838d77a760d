/** Text forms of the raw addresses netlink carries (IPv4, IPv6, link-layer). */
import { AF_INET, AF_INET6 } from './constants.js';

/** Dotted quad of a 4-byte address. */
export function formatIPv4Bytes(b: Uint8Array): string {
  return `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;
}

/** RFC 5952 text of a 16-byte IPv6 address (longest zero run of 2+ groups as `::`, lower case). */
export function formatIPv6Bytes(b: Uint8Array): string {
  const g: number[] = [];
  for (let i = 0; i < 16; i += 2) g.push((b[i]! << 8) | b[i + 1]!);
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  // IPv4-mapped (::ffff:a.b.c.d) keeps the dotted tail, as inet_ntop prints it.
  if (best === 0 && bestLen === 5 && g[5] === 0xffff) return `::ffff:${formatIPv4Bytes(b.subarray(12))}`;
  const hex = (xs: number[]): string => xs.map((x) => x.toString(16)).join(':');
  if (best < 0) return hex(g);
  return `${hex(g.slice(0, best))}::${hex(g.slice(best + bestLen))}`;
}

/** Text of an address of `family` (AF_INET/AF_INET6); other lengths give colon-separated hex. */
export function formatAddress(family: number, b: Uint8Array): string {
  if (family === AF_INET && b.length === 4) return formatIPv4Bytes(b);
  if (family === AF_INET6 && b.length === 16) return formatIPv6Bytes(b);
  return formatHwAddress(b);
}

/** Link-layer address as lower-case colon-separated hex (`52:54:00:12:34:56`). */
export function formatHwAddress(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(':');
}
