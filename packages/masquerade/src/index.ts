/**
 * @netstat-ts/masquerade: `netstat -M`, the Linux 2.2 /proc/net/ip_masquerade table as
 * net-tools 2.10 netstat shows it. Library API (parser, row builder, formatters) and the
 * FamilyPlugin (default export).
 */

/** C `isspace` in the C locale (shared from @netstat-ts/core; re-exported under this package's name). */
export { default, default as plugin, masqueradeSections, PROC_NET_IP_MASQUERADE } from './plugin.js';
export {
  MASQ_ERRORS,
  MASQ_PROTOCOLS,
  type MasqEntry,
  type MasqError,
  type MasqParse,
  parseIpMasquerade,
  scanIpMasquerade,
} from './proc-net-ip-masquerade.js';
export {
  expireText,
  formatMasqRow,
  MASQ_HEADER,
  MASQ_HEADER_EXTENDED,
  MASQ_TITLE,
  type MasqNaming,
  type MasqRow,
  masqPortText,
  masqRow,
} from './render.js';
export type { ScannedNumber } from './scanf.js';
