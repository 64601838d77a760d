import {
  noSupportMessage,
  type Output,
  type PluginContext,
  type Section,
  type Table,
} from '@netstat-ts/core';
import { type ConntrackEntry, natKind } from './conntrack.js';
import {
  type ConntrackRow,
  conntrackRow,
  DNAT_TITLE,
  formatConntrackRow,
  listed,
} from './conntrack-render.js';
import {
  type ConntrackRead,
  type ConntrackSink,
  type CtnetlinkOpener,
  openCtnetlink,
  readConntrackFrom,
} from './conntrack-sources.js';
import { recordEntry } from './conntrack-text.js';
import { recordNatKind, writeSnatRecord } from './conntrack-writer.js';
import { MASQ_HEADER, MASQ_HEADER_EXTENDED, MASQ_TITLE } from './render.js';

/** The legacy file, named in `-v` output. */
const IP_MASQUERADE = '/proc/net/ip_masquerade';

/** The `-v` lines: the source used, then why each other source was not. */
export function sourceReport(read: ConntrackRead): string[] {
  const lines: string[] = [];
  for (const a of read.attempts)
    if (a.outcome === 'used') lines.push(`netstat: -M source: ${a.source} (${a.detail})`);
  lines.push(`netstat: -M not used: ${IP_MASQUERADE}: not present (Linux 2.2 only)`);
  for (const a of read.attempts)
    if (a.outcome !== 'used') lines.push(`netstat: -M not used: ${a.source}: ${a.detail}`);
  return lines;
}

/** The sink of one pass's reading, and what it did (counts for the block titles). */
interface Printer {
  sink: ConntrackSink;
  /** Prints one row (masqueraded at once, DNAT'd kept for the end). */
  text(r: ConntrackRow): void;
  /** DNAT rows (`-a`): printed after the masqueraded ones, so held as text until the end. */
  dnat: string[];
  snat: number;
}

/**
 * `-M` from the connection tracker (where /proc/net/ip_masquerade is absent): the masqueraded
 * (source-NAT'd) connections in 2.10's layout, and with `-a` a second block of the
 * destination-NAT'd ones. Without any source: 2.10's "no support" message and status 1; when a
 * source exists but may not be read: a message naming it and what is needed, status 255.
 *
 * The table is read while it is written (text: the section's `write`; JSON: its `stream`): each entry is printed (`-n`: as bytes into the output buffer) or handed on as
 * a JSON row as soon as it is parsed, and nothing of the table is held but the DNAT rows of
 * `-M -a`. Only when host names must be looked up in the DNS (no `-n`) is the table read first,
 * its rows kept, and the names resolved before anything is printed.
 */
export async function conntrackSections(
  ctx: PluginContext,
  open: CtnetlinkOpener | null,
): Promise<Section<ConntrackRow>[]> {
  const o = ctx.options;
  const all = o.all;
  const naming = { numericHosts: o.numericHosts, numericPorts: o.numericPorts };
  const extended = o.extend >= 2;
  const header = extended ? MASQ_HEADER_EXTENDED : MASQ_HEADER;
  const plan = await openCtnetlink(ctx.host, { open, noNative: ctx.nativeDisabled === true });
  const table: Table<ConntrackRow> = {
    kind: 'masquerade',
    family: 'inet',
    name: 'conntrack',
    sources: [],
    present: false,
    rows: [],
    diagnostics: [],
  };
  const begin = (source: string) => {
    table.sources = [source];
    table.present = true;
  };
  const row = (e: ConntrackEntry, source: string) => {
    const nat = natKind(e);
    return listed(nat, all) ? conntrackRow(e, nat, source, ctx.resolver, naming) : null;
  };

  /** After reading: the diagnostics, the status, and the stderr text in order. */
  const finish = (read: ConntrackRead, section: Section<ConntrackRow>, out: Output): boolean => {
    const verbose = o.verbose > 0 ? sourceReport(read) : [];
    for (const v of verbose) table.diagnostics.push({ level: 'info', message: v });
    for (const v of verbose) out.err(`${v}\n`);
    if (read.used === null) {
      table.present = false;
      const denied = read.attempts.filter((a) => a.outcome === 'denied');
      const message =
        denied.length > 0
          ? `netstat: cannot read the connection tracker: ${denied
              .map((a) => `${a.source}: ${a.detail}`)
              .join('; ')}; -M needs root (or CAP_NET_ADMIN for ctnetlink).`
          : noSupportMessage('ip_masquerade');
      table.diagnostics.push({ level: 'error', message });
      section.status = denied.length > 0 ? 255 : 1;
      out.err(`${message}\n`);
      return false;
    }
    if (read.skippedCount > 0) {
      const first = read.skipped[0];
      const warning = `netstat: warning: skipped ${read.skippedCount} bogus line${read.skippedCount === 1 ? '' : 's'} of ${read.used}${
        first ? ` (first: line ${first.line}: ${first.reason})` : ''
      }.`;
      for (const s of read.skipped)
        table.diagnostics.push({ level: 'warning', message: `${read.used}: line ${s.line}: ${s.reason}` });
      table.diagnostics.push({ level: 'warning', message: warning });
      out.err(`${warning}\n`);
    }
    return true;
  };

  /** A printer of text rows: masqueraded ones at once, DNAT'd ones (`-a`) kept for the end. */
  const printer = (out: Output): Printer => {
    const text = (r: ConntrackRow) => {
      if (r.nat === 'dnat') p.dnat.push(formatConntrackRow(r, extended));
      else {
        if (p.snat++ === 0) out.out(`${MASQ_TITLE}\n${header}\n`);
        out.out(formatConntrackRow(r, extended));
      }
    };
    const p: Printer = { dnat: [], snat: 0, text, sink: { begin, entry: () => {} } };
    p.sink.entry = (e, source) => {
      const r = row(e, source);
      if (r) text(r);
    };
    const w = out.bytes;
    if (w && o.numericHosts && o.numericPorts)
      p.sink.record = (rec, source) => {
        const nat = recordNatKind(rec);
        if (!listed(nat, all)) return;
        if (nat !== 'dnat') {
          if (p.snat === 0) out.out(`${MASQ_TITLE}\n${header}\n`);
          if (writeSnatRecord(rec, w, extended)) {
            p.snat++;
            return;
          }
          // Not for the byte writer: through the string formatter (the title is out already).
          p.snat++;
          out.out(
            formatConntrackRow(conntrackRow(recordEntry(rec), nat, source, ctx.resolver, naming), extended),
          );
          return;
        }
        text(conntrackRow(recordEntry(rec), nat, source, ctx.resolver, naming));
      };
    return p;
  };
  const endText = (p: Printer, out: Output) => {
    if (p.dnat.length === 0) return;
    out.out(`${p.snat > 0 ? '\n' : ''}${DNAT_TITLE}\n${header}\n`);
    for (const t of p.dnat) out.out(t);
    p.dnat.length = 0;
  };

  if (!o.numericHosts && ctx.resolver.dnsAllowed) {
    // Names from the DNS: every address must be known before the first row is printed.
    const kept: { e: ConntrackEntry; nat: ReturnType<typeof natKind>; source: string }[] = [];
    const read = readConntrackFrom(ctx.host, plan, {
      begin,
      entry(e, source) {
        const nat = natKind(e);
        if (listed(nat, all)) kept.push({ e, nat, source });
      },
    });
    const addrs = new Set<string>();
    for (const k of kept) {
      addrs.add(k.e.original.src);
      addrs.add(k.e.original.dst);
      if (k.nat === 'dnat') addrs.add(k.e.reply.src);
    }
    await ctx.resolver.prefetch(
      [...addrs].map((addr) => ({ addr, family: addr.indexOf(':') >= 0 ? (6 as const) : (4 as const) })),
    );
    addrs.clear();
    const rows = kept.map((k) => conntrackRow(k.e, k.nat, k.source, ctx.resolver, naming));
    kept.length = 0;
    table.rows = rows;
    const section: Section<ConntrackRow> = {
      table,
      status: 0,
      write(out) {
        if (!finish(read, section, out)) return;
        const p = printer(out);
        for (const r of rows) p.text(r);
        endText(p, out);
      },
    };
    return [section];
  }

  const section: Section<ConntrackRow> = {
    table,
    status: 0,
    write(out) {
      const p = printer(out);
      const read = readConntrackFrom(ctx.host, plan, p.sink);
      // stderr after the rows (the line counts are known only then).
      if (finish(read, section, out)) endText(p, out);
    },
    stream(emit, out) {
      const read = readConntrackFrom(ctx.host, plan, {
        begin,
        entry(e, source) {
          const r = row(e, source);
          if (r) emit(r);
        },
      });
      finish(read, section, out);
    },
  };
  return [section];
}
