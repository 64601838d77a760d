/**
 * The two `netstat -s` runs of net-tools 2.10 (spec §9.2, §9.4): which files are read, in which
 * order, with which messages. Each file read becomes one {@link StatisticsPart}.
 */
import type { Host, Table } from '@netstat-ts/core';
import { CounterPrinter, type Emission, emission, emitError, type StatisticsRow } from './render.js';
import { parseSctpSnmp } from './sctp-snmp.js';
import { parsePairs } from './snmp.js';
import { parseSnmp6 } from './snmp6.js';
import type { CounterTable, TableFlag } from './tables.js';
import { IPV4_TABLES, SCTP_TABLE } from './tables-ipv4.js';
import { IPV6_TABLES } from './tables-ipv6.js';

/** One file's contribution to a run: its JSON table and the output to replay. */
export interface StatisticsPart {
  table: Table<StatisticsRow>;
  emission: Emission;
}

/** The protocol flags of `-s` (spec §9.1). */
export type StatisticsFlags = Readonly<Record<TableFlag, boolean>>;

type Opened =
  | { state: 'ok'; text: string }
  | { state: 'unopenable'; message: string }
  | { state: 'unreadable'; message: string };

/** Opens like fopen+read: a directory opens but fails to read (`EISDIR`). */
function open(host: Host, path: string): Opened {
  const r = host.read(path);
  if (r.ok) return { state: 'ok', text: r.data.toString('latin1') };
  if (r.code === 'EISDIR') return { state: 'unreadable', message: r.message };
  return { state: 'unopenable', message: r.message };
}

function part(family: string, name: string, path: string, present: boolean): StatisticsPart {
  const e = emission();
  const table: Table<StatisticsRow> = {
    kind: 'statistics',
    family,
    name,
    sources: [path],
    present,
    rows: e.rows,
    diagnostics: e.diagnostics,
  };
  return { table, emission: e };
}

interface Run {
  host: Host;
  printer: CounterPrinter;
}

/** Reads a pair file through the printer; `ended` is true when the run stops (a required file cannot be opened). */
function pairFile(
  p: Run,
  family: string,
  name: string,
  path: string,
  tables: ReadonlyMap<string, CounterTable>,
  mode: { filter?: string; report: boolean; mustOpen: boolean },
): StatisticsPart & { ended: boolean } {
  const f = open(p.host, path);
  const out = part(family, name, path, f.state === 'ok');
  if (f.state === 'unopenable') {
    if (mode.mustOpen) emitError(out.emission, `cannot open ${path}: ${f.message}`);
    return { ...out, ended: mode.mustOpen };
  }
  if (f.state === 'unreadable') {
    emitError(out.emission, `${path}: ${f.message}`);
    return { ...out, ended: false };
  }
  const parsed = parsePairs(f.text, mode.filter);
  for (const s of parsed.sections) {
    const t = p.printer.startTable(out.emission, s.title, tables.get(s.title));
    for (const c of s.counters) p.printer.counter(out.emission, t, c);
  }
  if (parsed.formatError && mode.report) emitError(out.emission, `Problem while parsing ${path}`);
  return { ...out, ended: false };
}

/** The IPv4 run: /proc/net/snmp, /proc/net/netstat, /proc/net/sctp/snmp. */
export function ipv4Run(host: Host, flags: StatisticsFlags): StatisticsPart[] {
  const r: Run = { host, printer: new CounterPrinter(flags) };
  const parts: StatisticsPart[] = [];
  const snmp = pairFile(r, 'inet', 'snmp', '/proc/net/snmp', IPV4_TABLES, { report: true, mustOpen: true });
  parts.push(snmp);
  if (snmp.ended) return parts;
  const netstat = pairFile(r, 'inet', 'netstat', '/proc/net/netstat', IPV4_TABLES, {
    report: true,
    mustOpen: false,
  });
  parts.push(netstat);
  const sctpPath = '/proc/net/sctp/snmp';
  const f = open(host, sctpPath);
  const sctp = part('inet', 'sctp', sctpPath, f.state === 'ok');
  parts.push(sctp);
  if (f.state === 'unopenable') return parts;
  const t = r.printer.startTable(sctp.emission, 'Sctp', SCTP_TABLE);
  if (f.state === 'unreadable') emitError(sctp.emission, `${sctpPath}: ${f.message}`);
  else for (const c of parseSctpSnmp(f.text)) r.printer.counter(sctp.emission, t, c);
  return parts;
}

/** The IPv6 run: /proc/net/snmp6, then the `Tcp` sections of /proc/net/snmp. */
export function ipv6Run(host: Host, flags: StatisticsFlags): StatisticsPart[] {
  const r: Run = { host, printer: new CounterPrinter(flags) };
  const path = '/proc/net/snmp6';
  const f = open(host, path);
  const snmp6 = part('inet6', 'snmp6', path, f.state === 'ok');
  if (f.state === 'unopenable') {
    emitError(snmp6.emission, `cannot open ${path}: ${f.message}`);
    return [snmp6];
  }
  if (f.state === 'unreadable') emitError(snmp6.emission, `${path}: ${f.message}`);
  else {
    for (const g of parseSnmp6(f.text)) {
      const t = r.printer.startTable(snmp6.emission, g.title, IPV6_TABLES.get(g.title));
      for (const c of g.counters) r.printer.counter(snmp6.emission, t, c);
    }
  }
  const snmp = pairFile(r, 'inet6', 'snmp', '/proc/net/snmp', IPV4_TABLES, {
    filter: 'Tcp',
    report: false,
    mustOpen: true,
  });
  return [snmp6, snmp];
}
