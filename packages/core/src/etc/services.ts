import { configFields } from './lines.js';

/** Port-to-name tables per protocol as netstat 2.10 builds them (official names only, last entry wins). */
export interface ServiceTables {
  tcp: Map<number, string>;
  udp: Map<number, string>;
  /** raw "ports" are IP protocol numbers: services with protocol `raw`, then every /etc/protocols entry. */
  raw: Map<number, string>;
}

/** Parses /etc/services into per-protocol port tables (only tcp, udp and raw entries are kept). */
export function parseServices(text: string, tables: ServiceTables = emptyServiceTables()): ServiceTables {
  for (const f of configFields(text)) {
    if (f.length < 2) continue;
    const m = /^(\d+)\/(\S+)$/.exec(f[1]!);
    if (!m) continue;
    const port = Number(m[1]);
    if (port > 65535) continue;
    const proto = m[2];
    if (proto === 'tcp' || proto === 'udp' || proto === 'raw') tables[proto].set(port, f[0]!);
  }
  return tables;
}

/** Adds /etc/protocols entries (name, number) to the raw table; a later entry wins. */
export function parseProtocols(text: string, tables: ServiceTables = emptyServiceTables()): ServiceTables {
  for (const f of configFields(text)) {
    if (f.length < 2 || !/^\d+$/.test(f[1]!)) continue;
    tables.raw.set(Number(f[1]), f[0]!);
  }
  return tables;
}

/** New empty service tables. */
export function emptyServiceTables(): ServiceTables {
  return { tcp: new Map(), udp: new Map(), raw: new Map() };
}
