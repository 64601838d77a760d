import {
  defineRowStream,
  type FamilyPlugin,
  formatIPv4,
  type PluginContext,
  perror,
  type Section,
  type Table,
} from '@netstat-ts/core';
import { conntrackSections } from './conntrack-plugin.js';
import type { ConntrackRow } from './conntrack-render.js';
import type { CtnetlinkOpener } from './conntrack-sources.js';
import { nativeCtnetlink } from './ctnetlink-native.js';
import {
  IpMasqueradeScanner,
  MASQ_ERRORS,
  type MasqEntry,
  type MasqParse,
} from './proc-net-ip-masquerade.js';
import {
  formatMasqRow,
  MASQ_HEADER,
  MASQ_HEADER_EXTENDED,
  MASQ_TITLE,
  type MasqRow,
  masqRow,
} from './render.js';

/** The file this plugin reads (Linux 2.2; absent on later kernels). */
export const PROC_NET_IP_MASQUERADE = '/proc/net/ip_masquerade';

/** What `-M` may use beyond the PluginContext. */
export interface MasqueradeDeps {
  /**
   * Opens a ctnetlink channel (default: the native layer's netlink socket; tests pass a
   * double). Null: ctnetlink is reported as not available.
   */
  ctnetlink?: CtnetlinkOpener | null;
}

/**
 * A row of `netstat -M`: a 2.2 /proc/net/ip_masquerade entry ({@link MasqRow}, table
 * `ip_masquerade`) or a masqueraded connection of the connection tracker ({@link ConntrackRow},
 * table `conntrack`). Narrow with `'nat' in row` (only conntrack rows have it).
 */
export type MasqueradeRow = MasqRow | ConntrackRow;

/**
 * One pass of `netstat -M` (spec §8): the masquerading entries of /proc/net/ip_masquerade
 * (2.10's output, byte for byte) or, where that file is absent, the masqueraded connections of
 * the connection tracker (see {@link conntrackSections}). Called again for every pass of `-c`.
 */
export async function masqueradeSections(
  ctx: PluginContext,
  deps: MasqueradeDeps = {},
): Promise<Section<MasqueradeRow>[]> {
  const o = ctx.options;
  const table: Table<MasqRow> = {
    kind: 'masquerade',
    family: 'inet',
    name: 'ip_masquerade',
    sources: [PROC_NET_IP_MASQUERADE],
    present: false,
    rows: [],
    diagnostics: [],
  };
  const fail = (message: string, status: number): Section<MasqRow>[] => {
    table.diagnostics.push({ level: 'error', message });
    return [
      {
        table,
        status,
        write(out) {
          out.err(`${message}\n`);
        },
      },
    ];
  };
  // Streamed at every pass, never read whole: the open is checked now.
  const r = ctx.host.probe(PROC_NET_IP_MASQUERADE);
  if (r !== null) {
    if (r.code === 'ENOENT')
      return conntrackSections(ctx, deps.ctnetlink === undefined ? nativeCtnetlink : deps.ctnetlink);
    // A directory opens; reading it fails like an empty file.
    if (r.code !== 'EISDIR') return fail(perror(r), 255);
  }
  table.present = true;
  const host = ctx.host;
  const scan = (each: (e: MasqEntry) => void): MasqParse => {
    const scanner = new IpMasqueradeScanner(each);
    // A read error midway ends the file there, as 2.10's fscanf then meets the end of input.
    if (r === null) host.stream(PROC_NET_IP_MASQUERADE, (chunk) => scanner.push(chunk.toString('latin1')));
    return scanner.end();
  };
  const wantDns = !o.numericHosts && ctx.resolver.dnsAllowed;
  const addrs = new Set<number>();
  let count = 0;
  // A first pass checks the whole file (an error anywhere prints nothing but the message).
  const parsed = scan((e) => {
    count++;
    if (!wantDns) return;
    if (e.source >>> 24 !== 0) addrs.add(e.source);
    if (e.destination >>> 24 !== 0) addrs.add(e.destination);
  });
  if (parsed.error) return fail(MASQ_ERRORS[parsed.error], 255);
  if (wantDns)
    await ctx.resolver.prefetch([...addrs].map((a) => ({ addr: formatIPv4(a), family: 4 as const })));
  addrs.clear();
  const naming = { numericHosts: o.numericHosts, numericPorts: o.numericPorts };
  // Rows are built when looked at (JSON); the text is written entry by entry.
  let rows: MasqRow[] | undefined;
  Object.defineProperty(table, 'rows', {
    enumerable: true,
    configurable: true,
    get: () => {
      if (rows === undefined) {
        const all: MasqRow[] = [];
        scan((e) => all.push(masqRow(e, ctx.resolver, naming)));
        rows = all;
      }
      return rows;
    },
  });
  // JSON: rows made and written one at a time from a fresh pass (never all held).
  defineRowStream(table, (fn) => {
    if (rows !== undefined) for (const r of rows) fn(r);
    else scan((e) => fn(masqRow(e, ctx.resolver, naming)));
  });
  const extended = o.extend >= 2;
  return [
    {
      table,
      status: 0,
      write(out) {
        if (o.verbose > 0) out.err(`netstat: -M source: ${PROC_NET_IP_MASQUERADE}\n`);
        if (count === 0) return;
        let chunk = `${MASQ_TITLE}\n${extended ? MASQ_HEADER_EXTENDED : MASQ_HEADER}\n`;
        scan((e) => {
          chunk += formatMasqRow(masqRow(e, ctx.resolver, naming), extended);
          if (chunk.length > 65536) {
            out.out(chunk);
            chunk = '';
          }
        });
        if (chunk) out.out(chunk);
      },
    },
  ];
}

/**
 * The `@netstat-ts/masquerade` plugin: `netstat -M`. Typed precisely (`satisfies FamilyPlugin`):
 * `plugin.masquerade(ctx)` gives `Section<MasqueradeRow>[]`.
 */
const plugin = {
  apiVersion: 1,
  meta: { name: '@netstat-ts/masquerade', version: '0.1.0' },
  families: { inet: { title: 'DARPA Internet' } },
  masquerade: (ctx: PluginContext): Promise<Section<MasqueradeRow>[]> => masqueradeSections(ctx),
} satisfies FamilyPlugin;

export default plugin;
