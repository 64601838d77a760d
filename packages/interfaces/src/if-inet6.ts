/**
 * Pure parser for `/proc/net/if_inet6` (spec §6.4 item 3) and the text of an `inet6` line of the
 * `-e` layout.
 */
import {
  type ByteInput,
  type Diagnostic,
  forEachBoundedLine,
  formatIPv6,
  ipv6FromHex,
  isV4Mapped,
} from '@netstat-ts/core';

/** One IPv6 address of an interface. */
export interface Ipv6Address {
  /** Numeric text (inet_ntop; IPv4-mapped addresses cut to the dotted quad). */
  address: string;
  prefixlen: number;
  /** Raw scope value from the file (0x10 host, 0x20 link, 0x40 site, 0x80 compat, 0 global). */
  scope: number;
  /** DAD/flags byte. */
  flags: number;
  ifindex: number;
  device: string;
}

/** inet_ntop text with net-tools' IPv4-mapped cut (`::ffff:1.2.3.4` -> `1.2.3.4`). */
export function formatInet6(bytes: Uint8Array): string {
  const t = formatIPv6(bytes);
  if (!isV4Mapped(bytes)) return t;
  const dot = t.indexOf('.');
  if (dot < 0) return t;
  return t.slice(t.lastIndexOf(':', dot) + 1);
}

const LINE =
  /^\s*([0-9a-fA-F]{32})\s+([0-9a-fA-F]{1,8})\s+([0-9a-fA-F]{1,2})\s+([0-9a-fA-F]{1,2})\s+([0-9a-fA-F]{1,2})\s+(\S{1,20})/;

/** A line of `if_inet6` is at most ~60 bytes; a longer one is cut here (and then malformed or not). */
const IF_INET6_LINE_MAX = 4096;

/**
 * Scans `/proc/net/if_inet6` (no header) line by line, as it is read when `input` is a feed
 * (constant memory): `each` gets every address, `malformed` the 1-based number of every line
 * that is not one (blank lines are skipped).
 */
export function scanIfInet6(
  input: ByteInput,
  each: (a: Ipv6Address) => void,
  malformed: (line: number) => void,
): void {
  forEachBoundedLine(
    input,
    (line, i) => {
      if (line.trim() === '') return;
      const m = LINE.exec(line);
      if (!m) return malformed(i + 1);
      each({
        address: formatInet6(ipv6FromHex(m[1]!)),
        ifindex: Number.parseInt(m[2]!, 16),
        prefixlen: Number.parseInt(m[3]!, 16),
        scope: Number.parseInt(m[4]!, 16),
        flags: Number.parseInt(m[5]!, 16),
        device: m[6]!,
      });
    },
    IF_INET6_LINE_MAX,
  );
}

/** The diagnostic of a malformed `if_inet6` line. */
export function ifInet6Malformed(line: number): Diagnostic {
  return { level: 'info', message: `/proc/net/if_inet6: line ${line} is malformed (ignored)` };
}

/** Parses `/proc/net/if_inet6` (no header); malformed lines become diagnostics. */
export function parseIfInet6(text: ByteInput): { addresses: Ipv6Address[]; diagnostics: Diagnostic[] } {
  const addresses: Ipv6Address[] = [];
  const diagnostics: Diagnostic[] = [];
  scanIfInet6(
    text,
    (a) => addresses.push(a),
    (line) => diagnostics.push(ifInet6Malformed(line)),
  );
  return { addresses, diagnostics };
}

/** The `<…>` scope list of an inet6 line (empty string when the list would be empty). */
export function scopeText(scope: number): string {
  const parts: string[] = [];
  let s = scope;
  if (s & 0x80) {
    parts.push('compat');
    s &= ~0x80;
  }
  if (s === 0) parts.push('global');
  if (s & 0x20) parts.push('link');
  if (s & 0x40) parts.push('site');
  if (s & 0x10) parts.push('host');
  return parts.length ? `<${parts.join(',')}>` : '';
}

/** One `        inet6 …` line of the `-e` layout (with newline). */
export function inet6Line(a: Ipv6Address): string {
  return `        inet6 ${a.address}  prefixlen ${a.prefixlen}  scopeid 0x${a.scope.toString(16)}${scopeText(a.scope)}\n`;
}
