import { formatIPv4, formatIPv6, parseIPv4, parseIPv6 } from '../inet-address.js';
import { configFields, parseCNumber } from './lines.js';

/** Address -> first name tables from /etc/hosts (the first matching line wins, as glibc's files backend). */
export interface HostsTable {
  /** keyed by dotted-quad text */
  v4: Map<string, string>;
  /** keyed by inet_ntop text */
  v6: Map<string, string>;
}

/** Parses /etc/hosts. */
export function parseHosts(text: string): HostsTable {
  const t: HostsTable = { v4: new Map(), v6: new Map() };
  for (const f of configFields(text)) {
    if (f.length < 2) continue;
    const a4 = parseIPv4(f[0]!);
    if (a4 !== null) {
      const k = formatIPv4(a4);
      if (!t.v4.has(k)) t.v4.set(k, f[1]!);
      continue;
    }
    const a6 = parseIPv6(f[0]!);
    if (a6 !== null) {
      const k = formatIPv6(a6);
      if (!t.v6.has(k)) t.v6.set(k, f[1]!);
    }
  }
  return t;
}

/**
 * Parses /etc/networks into network number (host order) -> name, the first line wins. Numbers with
 * fewer than four parts are padded with `.0` as glibc does (`192.168.1` is 192.168.1.0).
 */
export function parseNetworks(text: string): Map<number, string> {
  const nets = new Map<number, string>();
  for (const f of configFields(text)) {
    if (f.length < 2) continue;
    const parts = f[1]!.split('.');
    if (parts.length > 4) continue;
    while (parts.length < 4) parts.push('0');
    const nums = parts.map(parseCNumber);
    if (nums.some((x) => !Number.isFinite(x) || x > 255)) continue;
    const v = ((nums[0]! << 24) | (nums[1]! << 16) | (nums[2]! << 8) | nums[3]!) >>> 0;
    if (!nets.has(v)) nets.set(v, f[0]!);
  }
  return nets;
}
