/**
 * The Internet socket listing as sections (spec §1.4, §1.6, §2): the header, then the tcp, sctp,
 * udp, udplite and raw blocks, each with its IPv4 and IPv6 file.
 */
import {
  type ByteInput,
  type HostError,
  type InetProtocol,
  type InfoFailure,
  type InfoStream,
  openInfoStream,
  type PluginContext,
  perror,
  type Section,
} from '@netstat-ts/core';
import type { TailSettings } from './columns.js';
import {
  type DiagDump,
  type DiagNative,
  diagDump,
  diagRecord,
  diagStates,
  diagWanted,
  forEachDiagMessage,
  loadDiag,
} from './diag.js';
import { internetHeader } from './header.js';
import { dnsCandidates, InetNamer } from './names.js';
import {
  blankIpRecord,
  copyIpRecord,
  IP_TABLE_PIECE,
  type IpProto,
  type IpSocketRecord,
  ipTableScanner,
} from './proc-net-ip.js';
import { ipRowWriter, isShown, protoLabel, renderIpRow, type Selection } from './render-ip.js';
import {
  renderSctpAssoc,
  renderSctpEndpoint,
  type SctpAssocRow,
  type SctpEndpointRow,
  sctpAssocRow,
  sctpEndpointRow,
} from './render-sctp.js';
import { type InetSocketRow, ipRow } from './rows.js';
import { type SctpAddress, scanSctpAssocs, scanSctpEps } from './sctp.js';
import { fileSection, type RecordSource } from './section.js';

/** Shared state of one listing pass. */
interface Listing {
  ctx: PluginContext;
  sel: Selection;
  namer: InetNamer;
  sctpNamer: InetNamer;
  tail: TailSettings;
  v4: boolean;
  v6: boolean;
  /** The native layer when TCP tables come from inet_diag (see diag.ts), else null. */
  diag: DiagNative | null;
  /** Addresses of shown rows, for the DNS prefetch. */
  dns4: number[];
  dns6: Uint8Array[];
}

function ipBlock(l: Listing, proto: IpProto): Section<InetSocketRow>[] {
  const { ctx } = l;
  const out: Section<InetSocketRow>[] = [];
  let status = 0;
  // Per file (tcp, tcp6): whether its text comes from inet_diag.
  const byDiag = [false, true].map(
    (v6file) =>
      proto === 'tcp' &&
      l.diag !== null &&
      (v6file ? l.v6 : l.v4) &&
      ctx.host.exists(`/proc/net/tcp${v6file ? '6' : ''}`),
  );
  const shared: SharedDump | null =
    byDiag[0] && byDiag[1] ? { dump: undefined, waiting: new Set([4, 6]) } : null;
  for (const v6file of [false, true]) {
    if (!(v6file ? l.v6 : l.v4)) continue;
    const path = `/proc/net/${proto}${v6file ? '6' : ''}`;
    const diag = byDiag[v6file ? 1 : 0] ? l.diag : null;
    const opened: InfoStream | InfoFailure =
      diag === null
        ? openInfoStream(ctx.host, path, `AF INET (${proto})`, !v6file, ctx.options)
        : { ok: true, path, pieces: () => null };
    const source = diag
      ? diagSource(ctx, path, diag, v6file ? 6 : 4, l, shared)
      : opened.ok
        ? {
            scan: (each: (r: IpSocketRecord) => void, bogus: (m: string) => void) =>
              streamIpTable(opened, proto, each, bogus, true),
            keep: copyIpRecord,
            textScan: (each: (r: IpSocketRecord) => void, bogus: (m: string) => void) =>
              streamIpTable(opened, proto, each, bogus, tailShown(l.tail)),
          }
        : null;
    const label = protoLabel(proto, v6file);
    const shown = (r: IpSocketRecord) => isShown(r, proto, l.sel);
    const settings = { proto, label, namer: l.namer, wide: ctx.options.wide, tail: l.tail };
    const section = fileSection(
      opened,
      { kind: 'sockets', family: v6file ? 'inet6' : 'inet', name: `${proto}${v6file ? '6' : ''}`, path },
      source,
      shown,
      (r) => renderIpRow(r, settings),
      (r) => ipRow(r, proto, label, l.namer, l.tail),
      ipRowWriter(settings),
    );
    if (source && wantDns(l)) collectDns(l, section.records(), shown);
    out.push(section);
    if (!opened.ok && !v6file) {
      status = opened.status;
      out[out.length - 1]!.status = 0;
      if (status === 255) break;
    }
  }
  if (out.length > 0) out[out.length - 1]!.status = status;
  return out;
}

/**
 * Scans a tcp/udp/udplite/raw file as it is read (constant memory, any size); a read that fails
 * midway ends the table with the error on stderr.
 */
function streamIpTable(
  f: InfoStream,
  proto: IpProto,
  each: (r: IpSocketRecord) => void,
  bogus: (m: string) => void,
  tail: boolean,
): void {
  const e = f.pieces(IP_TABLE_PIECE, ipTableScanner(proto, each, bogus, tail));
  if (e !== null) bogus(perror(e));
}

/**
 * One inet_diag dump of both families, taken by the text scan of the tcp table and handed to
 * the tcp6 one (released when both have it): `waiting` holds the families still to take it.
 */
interface SharedDump {
  dump: DiagDump | null | undefined;
  waiting: Set<4 | 6>;
}

/** The dump for `family`'s text: from `shared` while it waits for the family, else its own. */
function takeDump(
  native: DiagNative,
  family: 4 | 6,
  states: number,
  shared: SharedDump | null,
): DiagDump | null {
  if (shared === null || !shared.waiting.has(family)) return diagDump(native, family, states);
  if (shared.dump === undefined) shared.dump = diagDump(native, 0, states);
  const dump = shared.dump;
  shared.waiting.delete(family);
  if (shared.waiting.size === 0) shared.dump = undefined;
  return dump;
}

/**
 * The source of a TCP table on the live kernel's fast path: the text from an inet_diag dump with
 * the listing's state filter (the /proc scanner if the dump fails; with `shared`, one dump for
 * tcp and tcp6), records for JSON and library use from the /proc file as always (read only when
 * asked for).
 */
function diagSource(
  ctx: PluginContext,
  path: string,
  native: DiagNative,
  family: 4 | 6,
  l: Listing,
  shared: SharedDump | null,
): RecordSource<IpSocketRecord> {
  const scan = (each: (r: IpSocketRecord) => void, bogus: (m: string) => void, text?: boolean) => {
    const f = openInfoStream(ctx.host, path, 'AF INET (tcp)', false, ctx.options);
    if (f.ok) streamIpTable(f, 'tcp', each, bogus, text ? tailShown(l.tail) : true);
  };
  return {
    scan,
    keep: copyIpRecord,
    textScan(each, bogus) {
      const dump = takeDump(native, family, diagStates(l.sel), shared);
      if (dump === null) return scan(each, bogus, true);
      const r = blankIpRecord();
      let slot = 0;
      forEachDiagMessage(
        dump,
        (d, off) => {
          if (diagRecord(d, off, family, r, slot)) {
            slot++;
            each(r);
          }
        },
        family,
      );
    },
  };
}

/** True when the text rows show a column after the state (user, inode, owner, context or timers). */
function tailShown(t: TailSettings): boolean {
  return t.extended || t.programs || t.context || t.timers;
}

/** True when host names may need DNS answers (prefetched before any text is built). */
function wantDns(l: Listing): boolean {
  return !l.namer.numericHosts && l.ctx.resolver.dnsAllowed;
}

function collectDns(l: Listing, records: IpSocketRecord[], shown: (r: IpSocketRecord) => boolean): void {
  for (const r of records) {
    if (!shown(r)) continue;
    if (r.family === 4) l.dns4.push(r.localV4, r.remoteV4);
    else l.dns6.push(r.localV6!, r.remoteV6!);
  }
}

/** True when the SCTP host names may need DNS answers (prefetched before any text is built). */
function wantSctpDns(l: Listing): boolean {
  return !l.sctpNamer.numericHosts && l.ctx.resolver.dnsAllowed;
}

function sctpDns(l: Listing, addresses: SctpAddress[]): void {
  for (const a of addresses) {
    if (a.family === 4) l.dns4.push(a.v4);
    else l.dns6.push(a.v6!);
  }
}

/**
 * The source of an SCTP file, streamed at every scan (never held whole); a read that fails
 * midway ends the table with the error on stderr.
 */
function streamedSource<R>(
  f: InfoStream,
  scan: (data: ByteInput, each: (r: R) => void, bogus: (m: string) => void) => void,
): RecordSource<R> {
  return {
    scan(each, bogus) {
      let e: HostError | null = null;
      scan(
        (max, piece) => {
          e = f.pieces(max, piece);
        },
        each,
        bogus,
      );
      if (e !== null) bogus(perror(e));
    },
    keep: (r) => r,
  };
}

function ignore(): void {}

function sctpBlock(l: Listing): Section<SctpEndpointRow | SctpAssocRow>[] {
  const { ctx } = l;
  const o = ctx.options;
  const out: Section<SctpEndpointRow | SctpAssocRow>[] = [];
  const kinds: Array<'eps' | 'assocs'> = [];
  if (o.all || o.listening) kinds.push('eps');
  if (o.all || !o.listening) kinds.push('assocs');
  for (const kind of kinds) {
    let status = 0;
    const first = out.length;
    for (const v6file of [false, true]) {
      if (!(v6file ? l.v6 : l.v4)) continue;
      const path = `/proc/net/sctp${v6file ? '6' : ''}/${kind}`;
      const opened = openInfoStream(ctx.host, path, 'AF INET (sctp)', !v6file, o);
      const head = {
        kind: 'sockets' as const,
        family: v6file ? 'inet6' : 'inet',
        name: `sctp${v6file ? '6' : ''}-${kind}`,
        path,
      };
      const all = () => true;
      if (kind === 'eps') {
        const p = opened.ok ? streamedSource(opened, scanSctpEps) : null;
        if (p && wantSctpDns(l)) p.scan((r) => sctpDns(l, r.addresses), ignore);
        out.push(
          fileSection(
            opened,
            head,
            p,
            all,
            (r) => renderSctpEndpoint(r, l.sctpNamer, l.tail),
            (r) => sctpEndpointRow(r, l.sctpNamer, l.tail),
          ),
        );
      } else {
        const p = opened.ok ? streamedSource(opened, scanSctpAssocs) : null;
        if (p && wantSctpDns(l))
          p.scan((r) => {
            sctpDns(l, r.local);
            sctpDns(l, r.remote);
          }, ignore);
        out.push(
          fileSection(
            opened,
            head,
            p,
            all,
            (r) => renderSctpAssoc(r, l.sctpNamer, l.tail),
            (r) => sctpAssocRow(r, l.sctpNamer, l.tail),
          ),
        );
      }
      if (!opened.ok && !v6file) {
        status = opened.status;
        out[out.length - 1]!.status = 0;
        if (status === 255) break;
      }
    }
    if (out.length > first) out[out.length - 1]!.status = status;
    if (status !== 0) break;
  }
  return out;
}

/** True when a protocol block is printed: default listing or the protocol was selected. */
export function protocolActive(ctx: PluginContext, p: InetProtocol): boolean {
  return ctx.options.flagArg === 0 || ctx.options.protocols[p];
}

/** A row of the Internet socket listing: tcp/udp/udplite/raw sockets, SCTP endpoints and associations. */
export type InetRow = InetSocketRow | SctpEndpointRow | SctpAssocRow;

/** True for the SCTP rows of the listing (narrows an InetRow without a cast). */
export function isSctpRow(row: InetRow): row is SctpEndpointRow | SctpAssocRow {
  return row.proto === 'sctp' && 'kind' in row;
}

/** Builds the sections of the Internet socket listing for one pass. */
export async function inetSockets(ctx: PluginContext): Promise<Section<InetRow>[]> {
  const o = ctx.options;
  const protos: InetProtocol[] = ['tcp', 'sctp', 'udp', 'udplite', 'raw'];
  if (!protos.some((p) => protocolActive(ctx, p))) return [];
  const programs = o.programs || o.context;
  const l: Listing = {
    ctx,
    sel: o.all ? 'all' : o.listening ? 'listening' : 'connected',
    namer: new InetNamer(ctx.resolver, o.numericHosts, o.numericPorts),
    sctpNamer: new InetNamer(
      ctx.resolver,
      o.numericHosts || o.numericPorts || o.numericUsers || o.symbolic,
      true,
    ),
    tail: {
      extended: o.extend >= 2,
      numericUsers: o.numericUsers,
      programs,
      context: o.context,
      timers: o.timers,
      resolver: ctx.resolver,
      owners: programs ? ctx.processes().owners : null,
    },
    v4: o.flagArg === 0 || o.families.has('inet'),
    v6: o.flagArg === 0 || o.families.has('inet6'),
    diag: null,
    dns4: [],
    dns6: [],
  };
  if (protocolActive(ctx, 'tcp') && !wantDns(l) && diagWanted(ctx.host, o, ctx.nativeDisabled === true, l.v6))
    l.diag = await loadDiag();
  const header = internetHeader(o);
  const sections: Section<InetRow>[] = [{ status: 0, write: (out) => out.out(header) }];
  for (const p of protos) {
    if (!protocolActive(ctx, p)) continue;
    sections.push(...(p === 'sctp' ? sctpBlock(l) : ipBlock(l, p)));
  }
  if (l.dns4.length + l.dns6.length > 0) await ctx.resolver.prefetch(dnsCandidates(l.dns4, l.dns6));
  return sections;
}
