/**
 * The multicast group listing (`-g`, spec §7): header, then /proc/net/igmp and /proc/net/igmp6
 * rows as `%-15s %-6d %s`.
 */
import {
  formatIPv4,
  formatIPv6,
  openInfoFile,
  type PluginContext,
  padRight,
  type Section,
} from '@netstat-ts/core';
import { type GroupParse, type GroupRecord, newGroupState, parseGroups } from './igmp.js';
import { dnsCandidates, InetNamer } from './names.js';
import { fileSection, parsedSource } from './section.js';

/** The three header lines of the group table. */
export const GROUPS_HEADER =
  'IPv6/IPv4 Group Memberships\nInterface       RefCnt Group\n--------------- ------ ---------------------\n';

/** JSON row of a group membership (tables `igmp`, `igmp6`). */
export interface GroupRow {
  family: 'inet' | 'inet6';
  /** Interface name (trailing blanks removed). */
  interface: string;
  users: number;
  /** Numeric group address and the text shown. */
  group: { address: string; host: string };
}

/** Group column text of a record. */
export function groupHost(r: GroupRecord, namer: InetNamer): string {
  return r.family === 4 ? namer.v4Host(r.v4) : namer.v6Host(r.v6!);
}

/** One output line of a record. */
export function renderGroup(r: GroupRecord, namer: InetNamer): string {
  return `${padRight(r.device, 15)} ${padRight(String(r.users), 6)} ${groupHost(r, namer)}\n`;
}

/** JSON row of a record. */
export function groupRow(r: GroupRecord, namer: InetNamer): GroupRow {
  return {
    family: r.family === 4 ? 'inet' : 'inet6',
    interface: r.device.replace(/[ \t]+$/, ''),
    users: r.users,
    group: { address: r.family === 4 ? formatIPv4(r.v4) : formatIPv6(r.v6!), host: groupHost(r, namer) },
  };
}

/** Builds the sections of the group listing for one pass. */
export async function inetGroups(ctx: PluginContext): Promise<Section<GroupRow>[]> {
  const o = ctx.options;
  const namer = new InetNamer(ctx.resolver, o.numericHosts, true);
  // A fresh reader state every pass: 2.10 keeps its "this file is IPv6" flag across `-c` passes
  // and prints garbage rows from the second pass on (spec §7); netstat-ts does not.
  const st = newGroupState();
  const sections: Section<GroupRow>[] = [{ status: 0, write: (out) => out.out(GROUPS_HEADER) }];
  const dns: GroupRecord[] = [];
  let status = 0;
  for (const v6file of [false, true]) {
    if (v6file ? !o.families.has('inet6') : !(o.flagArg === 0 || o.families.has('inet'))) continue;
    const path = v6file ? '/proc/net/igmp6' : '/proc/net/igmp';
    const opened = openInfoFile(ctx.host, path, 'AF INET (igmp)', !v6file, o);
    const parsed: GroupParse | null = opened.ok ? parseGroups(opened.data, st) : null;
    if (!opened.ok && !v6file) status = opened.status;
    if (parsed) dns.push(...parsed.records);
    const head = {
      kind: 'groups' as const,
      family: v6file ? 'inet6' : 'inet',
      name: v6file ? 'igmp6' : 'igmp',
      path,
    };
    sections.push(
      fileSection(
        opened,
        head,
        parsed ? parsedSource(parsed) : null,
        () => true,
        (r) => renderGroup(r, namer),
        (r) => groupRow(r, namer),
      ),
    );
    if (status === 255) break;
  }
  // A missing igmp ends the listing with status 1 only after igmp6 is printed, as in 2.10.
  for (const s of sections) s.status = 0;
  sections[sections.length - 1]!.status = status;
  if (!o.numericHosts && ctx.resolver.dnsAllowed && dns.length > 0) {
    await ctx.resolver.prefetch(
      dnsCandidates(
        dns.filter((r) => r.family === 4).map((r) => r.v4),
        dns.filter((r) => r.family === 6).map((r) => r.v6!),
      ),
    );
  }
  return sections;
}
