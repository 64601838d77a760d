import { formatIPv4, formatIPv6, isV4Mapped, isZero } from './inet-address.js';
import type { Resolver } from './resolver.js';

/**
 * IPv4 host text as netstat 2.10 prints it for sockets, groups, masquerade and the route cache
 * (spec §2.4.1): numeric -> dotted quad; 0.0.0.0 -> `0.0.0.0`; first octet non-zero -> etc/hosts
 * (then DNS); `0.x.y.z` -> etc/networks; otherwise the dotted quad.
 */
export function ipv4Name(addr: number, resolver: Resolver, numeric: boolean): string {
  const dotted = formatIPv4(addr);
  if (numeric || addr === 0) return dotted;
  if (addr >>> 24 !== 0) return resolver.hostName(dotted, 4) ?? dotted;
  return resolver.networkName(addr) ?? dotted;
}

/**
 * IPv6 host text (spec §2.4.2): numeric -> inet_ntop; `::` -> `[::]` unless numeric; otherwise
 * etc/hosts IPv6 entries (then DNS). IPv4-mapped addresses are shown as the dotted quad.
 */
export function ipv6Name(addr: Uint8Array, resolver: Resolver, numeric: boolean): string {
  let text = formatIPv6(addr);
  if (!numeric) {
    if (isZero(addr)) return '[::]';
    text = resolver.hostName(text, 6) ?? text;
  }
  if (isV4Mapped(addr)) {
    const dot = text.indexOf('.');
    if (dot >= 0) {
      const colon = text.lastIndexOf(':', dot);
      text = text.slice(colon + 1);
    }
  }
  return text;
}
