import { noSupportMessage, type PluginContext, type Section, type Table } from '@netstat-ts/core';
import { type ConntrackEntry, natKind } from './conntrack.js';
import {
  type ConntrackRow,
  conntrackRow,
  DNAT_TITLE,
  formatConntrackRow,
  listed,
} from './conntrack-render.js';
import { type ConntrackRead, type CtnetlinkOpener, readConntrack } from './conntrack-sources.js';
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

/**
 * `-M` from the connection tracker (where /proc/net/ip_masquerade is absent): the masqueraded
 * (source-NAT'd) connections in 2.10's layout, and with `-a` a second block of the
 * destination-NAT'd ones. Without any source: 2.10's "no support" message and status 1; when a
 * source exists but may not be read: a message naming it and what is needed, status 255.
 */
export async function conntrackSections(
  ctx: PluginContext,
  open: CtnetlinkOpener | null,
): Promise<Section<ConntrackRow>[]> {
  const o = ctx.options;
  const all = o.all;
  const kept: { e: ConntrackEntry; nat: ReturnType<typeof natKind>; source: string }[] = [];
  const read = await readConntrack(ctx.host, { open, noNative: ctx.nativeDisabled === true }, (e, source) => {
    const nat = natKind(e);
    if (listed(nat, all)) kept.push({ e, nat, source });
  });
  const table: Table<ConntrackRow> = {
    kind: 'masquerade',
    family: 'inet',
    name: 'conntrack',
    sources: read.used ? [read.used] : [],
    present: read.used !== null,
    rows: [],
    diagnostics: [],
  };
  const verbose = o.verbose > 0 ? sourceReport(read) : [];
  for (const v of verbose) table.diagnostics.push({ level: 'info', message: v });
  if (read.used === null) {
    const denied = read.attempts.filter((a) => a.outcome === 'denied');
    const message =
      denied.length > 0
        ? `netstat: cannot read the connection tracker: ${denied
            .map((a) => `${a.source}: ${a.detail}`)
            .join('; ')}; -M needs root (or CAP_NET_ADMIN for ctnetlink).`
        : noSupportMessage('ip_masquerade');
    table.diagnostics.push({ level: 'error', message });
    const status = denied.length > 0 ? 255 : 1;
    return [
      {
        table,
        status,
        write(out) {
          for (const v of verbose) out.err(`${v}\n`);
          out.err(`${message}\n`);
        },
      },
    ];
  }
  let warning = '';
  if (read.skippedCount > 0) {
    const first = read.skipped[0];
    warning = `netstat: warning: skipped ${read.skippedCount} bogus line${read.skippedCount === 1 ? '' : 's'} of ${read.used}${
      first ? ` (first: line ${first.line}: ${first.reason})` : ''
    }.`;
    for (const s of read.skipped)
      table.diagnostics.push({ level: 'warning', message: `${read.used}: line ${s.line}: ${s.reason}` });
    table.diagnostics.push({ level: 'warning', message: warning });
  }
  if (!o.numericHosts && ctx.resolver.dnsAllowed) {
    const addrs = new Set<string>();
    for (const k of kept) {
      addrs.add(k.e.original.src);
      addrs.add(k.e.original.dst);
      if (k.nat === 'dnat') addrs.add(k.e.reply.src);
    }
    await ctx.resolver.prefetch(
      [...addrs].map((addr) => ({ addr, family: addr.indexOf(':') >= 0 ? (6 as const) : (4 as const) })),
    );
  }
  const naming = { numericHosts: o.numericHosts, numericPorts: o.numericPorts };
  const rows = kept.map((k) => conntrackRow(k.e, k.nat, k.source, ctx.resolver, naming));
  kept.length = 0;
  table.rows = rows;
  const extended = o.extend >= 2;
  const header = extended ? MASQ_HEADER_EXTENDED : MASQ_HEADER;
  return [
    {
      table,
      status: 0,
      write(out) {
        for (const v of verbose) out.err(`${v}\n`);
        if (warning) out.err(`${warning}\n`);
        let snat = 0;
        for (const r of rows) {
          if (r.nat === 'dnat') continue;
          if (snat++ === 0) out.out(`${MASQ_TITLE}\n${header}\n`);
          out.out(formatConntrackRow(r, extended));
        }
        let dnat = 0;
        for (const r of rows) {
          if (r.nat !== 'dnat') continue;
          if (dnat++ === 0) out.out(`${snat > 0 ? '\n' : ''}${DNAT_TITLE}\n${header}\n`);
          out.out(formatConntrackRow(r, extended));
        }
      },
    },
  ];
}
