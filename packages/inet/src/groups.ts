/**
 * The multicast group listing (`-g`, spec §7): header, then /proc/net/igmp and /proc/net/igmp6
 * rows as `%-15s %-6d %s`.
 */
import {
  formatIPv4,
  formatIPv6,
  type HostError,
  type InfoStream,
  openInfoStream,
  type PluginContext,
  padRight,
  perror,
  type Section,
} from '@netstat-ts/core';
import {
  copyGroupState,
  type GroupReaderState,
  type GroupRecord,
  newGroupState,
  scanGroups,
} from './igmp.js';
import { dnsCandidates, InetNamer } from './names.js';
import { fileSection, type RecordSource } from './section.js';

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

/**
 * The source of one group file, streamed at every scan (never held whole): each scan starts from
 * a copy of `from()`, the reader state the file's scan starts with, and hands the state it ends
 * with to `done`. A read that fails midway ends the table with the error on stderr.
 */
function groupSource(
  opened: InfoStream,
  from: () => GroupReaderState,
  done: (st: GroupReaderState) => void,
): RecordSource<GroupRecord> {
  return {
    scan(each, bogus) {
      const st = copyGroupState(from());
      let e: HostError | null = null;
      scanGroups(
        (max, piece) => {
          e = opened.pieces(max, piece);
        },
        st,
        each,
        bogus,
      );
      if (e !== null) bogus(perror(e));
      done(st);
    },
    keep: (r) => r,
  };
}

/** Builds the sections of the group listing for one pass. */
export async function inetGroups(ctx: PluginContext): Promise<Section<GroupRow>[]> {
  const o = ctx.options;
  const namer = new InetNamer(ctx.resolver, o.numericHosts, true);
  const wantDns = !o.numericHosts && ctx.resolver.dnsAllowed;
  // A fresh reader state every pass: 2.10 keeps its "this file is IPv6" flag across `-c` passes
  // and prints garbage rows from the second pass on (spec §7); netstat-ts does not. Within a pass
  // igmp6 is read with the state igmp left (its sticky flag and buffers): the state a file's
  // scan starts from is kept, and igmp6's is made by a scan of igmp the first time it is needed.
  let start: () => GroupReaderState = newGroupState;
  const sections: Section<GroupRow>[] = [{ status: 0, write: (out) => out.out(GROUPS_HEADER) }];
  const dns4: number[] = [];
  const dns6: Uint8Array[] = [];
  let status = 0;
  for (const v6file of [false, true]) {
    if (v6file ? !o.families.has('inet6') : !(o.flagArg === 0 || o.families.has('inet'))) continue;
    const path = v6file ? '/proc/net/igmp6' : '/proc/net/igmp';
    const opened = openInfoStream(ctx.host, path, 'AF INET (igmp)', !v6file, o);
    let source: RecordSource<GroupRecord> | null = null;
    if (opened.ok) {
      const from = start;
      let end: GroupReaderState | null = null;
      source = groupSource(opened, from, (st) => {
        end ??= copyGroupState(st);
      });
      const src = source;
      start = () => {
        if (end === null) src.scan(ignore, ignore);
        return end!;
      };
      if (wantDns)
        src.scan((r) => {
          if (r.family === 4) dns4.push(r.v4);
          else dns6.push(r.v6!);
        }, ignore);
    } else if (!v6file) status = opened.status;
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
        source,
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
  if (dns4.length + dns6.length > 0) await ctx.resolver.prefetch(dnsCandidates(dns4, dns6));
  return sections;
}

function ignore(): void {}
