import { formatIPv4, ipv4Name, padLeft, padRight, type Resolver } from '@netstat-ts/core';
import type { MasqEntry } from './proc-net-ip-masquerade.js';

/** Title printed before the entries (only when there is at least one). */
export const MASQ_TITLE = 'IP masquerading entries';
/** Column header without `-e`. */
export const MASQ_HEADER = 'prot   expire source               destination          ports';
/** Column header with `-e` (extend ≥ 2). */
export const MASQ_HEADER_EXTENDED =
  'prot   expire    initseq delta prevd source               destination          ports';

/** A masquerading entry as a JSON row: the raw values and the texts shown. */
export interface MasqRow extends MasqEntry {
  /** Source and destination as dotted quads. */
  sourceAddress: string;
  destinationAddress: string;
  /** Host texts shown (spec §2.4.1; numeric with `-n`/`--numeric-hosts`). */
  sourceHost: string;
  destinationHost: string;
  /** Port texts shown. */
  sourceService: string;
  destinationService: string;
  masqService: string;
  /** The expire column text (`m:ss.hh`). */
  expire: string;
}

/** Name options of the masquerade table. */
export interface MasqNaming {
  numericHosts: boolean;
  numericPorts: boolean;
}

/** `%3lu:%02lu.%02lu` of a time in 1/100 s: minutes, seconds, hundredths. */
export function expireText(expires: number | string): string {
  if (typeof expires === 'number' && Number.isSafeInteger(expires) && expires >= 0) {
    const m = Math.floor(expires / 6000);
    const sec = Math.floor(expires / 100) % 60;
    const h = expires % 100;
    return `${padLeft(String(m), 3)}:${sec < 10 ? '0' : ''}${sec}.${h < 10 ? '0' : ''}${h}`;
  }
  const e = BigInt(expires);
  const two = (v: bigint) => (v < 10n ? `0${v}` : String(v));
  return `${padLeft(String(e / 6000n), 3)}:${two((e / 100n) % 60n)}.${two(e % 100n)}`;
}

/**
 * Port text (all three ports, the masquerading port too): `*` for 0; tcp/udp through the services
 * table unless numeric; other protocols decimal.
 */
export function masqPortText(port: number, protocol: string, resolver: Resolver, numeric: boolean): string {
  if (port === 0) return '*';
  if (!numeric && (protocol === 'tcp' || protocol === 'udp'))
    return resolver.service(port, protocol) ?? String(port);
  return String(port);
}

/** Builds the row of an entry with its shown texts. */
export function masqRow(e: MasqEntry, resolver: Resolver, o: MasqNaming): MasqRow {
  // Field by field, not `...e`: V8's spread of the entry followed by eight more properties took
  // about 10 µs a row (a new map transition path each time); a literal of fixed shape is cheap.
  return {
    protocolWord: e.protocolWord,
    protocol: e.protocol,
    source: e.source,
    sourcePort: e.sourcePort,
    destination: e.destination,
    destinationPort: e.destinationPort,
    masqPort: e.masqPort,
    initSeq: e.initSeq,
    delta: e.delta,
    pdelta: e.pdelta,
    expires: e.expires,
    sourceAddress: formatIPv4(e.source),
    destinationAddress: formatIPv4(e.destination),
    sourceHost: ipv4Name(e.source, resolver, o.numericHosts),
    destinationHost: ipv4Name(e.destination, resolver, o.numericHosts),
    sourceService: masqPortText(e.sourcePort, e.protocol, resolver, o.numericPorts),
    destinationService: masqPortText(e.destinationPort, e.protocol, resolver, o.numericPorts),
    masqService: masqPortText(e.masqPort, e.protocol, resolver, o.numericPorts),
    expire: expireText(e.expires),
  };
}

/**
 * One output line: `%-4s` protocol, `%3lu:%02lu.%02lu ` expire, with `-e` `%10lu %5hd %5hd `
 * (or `%10lu %5hd     - ` without PDelta), `%-20s %-20s ` hosts, `<sport> -> <dport> (<mport>)`.
 */
export function formatMasqRow(r: MasqRow, extended: boolean): string {
  let s = `${padRight(r.protocol, 4)}${r.expire} `;
  if (extended)
    s += `${padLeft(String(r.initSeq), 10)} ${padLeft(String(r.delta), 5)} ${
      r.pdelta === null ? '    -' : padLeft(String(r.pdelta), 5)
    } `;
  return `${s}${padRight(r.sourceHost, 20)} ${padRight(r.destinationHost, 20)} ${r.sourceService} -> ${r.destinationService} (${r.masqService})\n`;
}
