import type { Host } from '@netstat-ts/core';
import type { ConntrackEntry } from './conntrack.js';
import type { CtRecord } from './conntrack-record.js';
import { ConntrackRecordScanner, recordEntry, type SkippedLine } from './conntrack-text.js';
import { ctDumpRequest, decodeCtMessage } from './ctnetlink.js';

/**
 * The conntrack sources of `-M` after /proc/net/ip_masquerade, tried in order: ctnetlink (live
 * system), /proc/net/nf_conntrack, and under a snapshot root a saved `conntrack -L` listing.
 * Each attempt is recorded for `-v`.
 */

/** /proc/net/nf_conntrack (CONFIG_NF_CONNTRACK_PROCFS; root only, mode 0440). */
export const PROC_NET_NF_CONNTRACK = '/proc/net/nf_conntrack';
/** Present once nf_conntrack is loaded in the namespace (ctnetlink is not tried without it). */
export const NF_CONNTRACK_MAX = '/proc/sys/net/netfilter/nf_conntrack_max';
/**
 * Saved listings looked for under a snapshot root, in order: sosreport's
 * `conntrack -L -o extended` and `conntrack -L` outputs, then `conntrack.txt` at the root for
 * hand-made snapshots (`conntrack -L > ROOT/conntrack.txt`).
 */
export const SAVED_LISTINGS = [
  '/sos_commands/conntrack/conntrack_-L_-o_extended',
  '/sos_commands/conntrack/conntrack_-L',
  '/conntrack.txt',
] as const;

/** A ctnetlink dump channel (the native layer's netlink socket, or a test double). */
export interface CtnetlinkTransport {
  /** Sends a request and returns every message of the answer (multipart handled). */
  request(msg: Buffer): Buffer[];
  /**
   * Sends a request and hands each message of the answer to `each` as it is received (the
   * Buffer is reused after the call), so that the dump is never held whole. Used instead of
   * {@link request} when present. Returns how many messages were handed out.
   */
  requestEach?(msg: Buffer, each: (m: Buffer) => void): number;
  close?(): void;
}

/** Where {@link readConntrack} hands what it reads. */
export interface ConntrackSink {
  /** The source is being used: called once, before its first entry. */
  begin?(source: string): void;
  /** An entry (ctnetlink always; text sources when {@link record} is absent). */
  entry(e: ConntrackEntry, source: string): void;
  /**
   * A parsed line of a text source, reused for the next line (copy what is kept, e.g. with
   * recordEntry). When present, text sources use it instead of {@link entry}.
   */
  record?(r: CtRecord, source: string): void;
}

/**
 * Opens the ctnetlink channel, or says why it cannot be had. `netns` is the namespace file
 * (`/run/netns/NAME`, `/proc/PID/ns/net`) when the tables are another network namespace's
 * (`--netns`): the socket must be made inside it.
 */
export type CtnetlinkOpener = (where?: {
  netns?: string;
}) => Promise<CtnetlinkTransport | { ok: false; reason: string }>;

/** One source that was tried (or not) and what came of it. */
export interface SourceAttempt {
  source: string;
  outcome: 'used' | 'absent' | 'denied' | 'unavailable' | 'skipped' | 'failed';
  detail: string;
}

/** What reading the conntrack sources gave. */
export interface ConntrackRead {
  /** The source used, or null when none could be. */
  used: string | null;
  attempts: SourceAttempt[];
  /** Bogus lines or messages skipped, and the first of them. */
  skippedCount: number;
  skipped: SkippedLine[];
}

const EPERM = 1;
const EACCES = 13;

/** What opening ctnetlink gave: a channel to dump, or why it is not used. */
export type CtnetlinkPlan = { transport: CtnetlinkTransport } | { attempt: SourceAttempt };

/**
 * Decides whether ctnetlink is tried and opens its channel (the only asynchronous step: the
 * native layer is imported on demand), so that the reading itself ({@link readConntrackFrom})
 * is synchronous and can run while the output is written.
 */
export async function openCtnetlink(
  host: Host,
  opts: { open: CtnetlinkOpener | null; noNative: boolean },
): Promise<CtnetlinkPlan> {
  const source = 'ctnetlink';
  const no = (outcome: SourceAttempt['outcome'], detail: string): CtnetlinkPlan => ({
    attempt: { source, outcome, detail },
  });
  if (!host.isLive) return no('skipped', 'not the live system (snapshot root)');
  if (!host.exists(NF_CONNTRACK_MAX))
    return no('absent', `connection tracking is not loaded (no ${NF_CONNTRACK_MAX})`);
  if (opts.noNative) return no('skipped', 'native layer disabled (NETSTAT_NO_NATIVE=1)');
  if (!opts.open) return no('unavailable', 'no native layer in this build (@netstat-ts/native)');
  const ns = host.roots.netns?.file;
  const t = await opts.open(ns ? { netns: ns } : {});
  if ('ok' in t) return no('unavailable', t.reason);
  return { transport: t };
}

function ctnetlink(plan: CtnetlinkPlan, sink: ConntrackSink): SourceAttempt & { skipped?: number } {
  const source = 'ctnetlink';
  if ('attempt' in plan) return plan.attempt;
  const t = plan.transport;
  let skipped = 0;
  let entries = 0;
  let messages = 0;
  let refused: number | null = null;
  // Each message is decoded as it arrives; nothing of the dump is kept here.
  const one = (m: Buffer) => {
    messages++;
    if (refused !== null) return;
    const d = decodeCtMessage(m);
    if (d.kind === 'entry') {
      if (entries++ === 0) sink.begin?.(source);
      sink.entry(d.entry, source);
    } else if (d.kind === 'error') refused = d.errno;
    else if (d.kind === 'skip') skipped++;
  };
  try {
    if (t.requestEach) t.requestEach(ctDumpRequest(), one);
    else for (const m of t.request(ctDumpRequest())) one(m);
  } catch (err) {
    const m = (err as Error)?.message ?? String(err);
    // Entries already handed on cannot be taken back: the source is used, cut short.
    if (entries > 0)
      return { source, outcome: 'used', detail: `dump cut short after ${messages} messages: ${m}`, skipped };
    const code = (err as { code?: unknown })?.code;
    const denied = code === 'EPERM' || code === 'EACCES';
    if (denied) return { source, outcome: 'denied', detail: `${m} (needs root or CAP_NET_ADMIN)` };
    return { source, outcome: 'failed', detail: m };
  } finally {
    t.close?.();
  }
  if (refused !== null && entries === 0)
    return refused === EPERM || refused === EACCES
      ? { source, outcome: 'denied', detail: 'the kernel refused the dump (needs root or CAP_NET_ADMIN)' }
      : { source, outcome: 'failed', detail: `the kernel answered errno ${refused}` };
  if (entries === 0) sink.begin?.(source);
  return { source, outcome: 'used', detail: `${messages} messages`, skipped };
}

function textFile(host: Host, path: string, sink: ConntrackSink, read: ConntrackRead): SourceAttempt {
  const rec = sink.record;
  const scanner = new ConntrackRecordScanner(
    rec ? (r) => rec(r, path) : (r) => sink.entry(recordEntry(r), path),
  );
  let begun = false;
  const err = host.stream(path, (chunk) => {
    if (!begun) {
      begun = true;
      sink.begin?.(path);
    }
    scanner.push(chunk);
  });
  if (err && scanner.lines > 0) {
    scanner.end();
    read.skippedCount += scanner.skippedCount;
    read.skipped.push(...scanner.skipped);
    return {
      source: path,
      outcome: 'used',
      detail: `read error after ${scanner.lines} lines: ${err.message}`,
    };
  }
  if (err) {
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR')
      return { source: path, outcome: 'absent', detail: 'not present' };
    if (err.code === 'EACCES' || err.code === 'EPERM')
      return { source: path, outcome: 'denied', detail: `${err.message} (readable by root only)` };
    return { source: path, outcome: 'failed', detail: err.message };
  }
  if (!begun) sink.begin?.(path);
  scanner.end();
  read.skippedCount += scanner.skippedCount;
  read.skipped.push(...scanner.skipped);
  return { source: path, outcome: 'used', detail: `${scanner.lines} lines` };
}

/**
 * Reads the first conntrack source that works and hands its entries to `each` (a function of
 * the entry, or a {@link ConntrackSink}) as they are decoded (nothing is kept here). A file that
 * a read error cuts short, or a dump that fails after its first entries, counts as used (with
 * the entries read before the error, and the error in its detail).
 */
export async function readConntrack(
  host: Host,
  opts: { open: CtnetlinkOpener | null; noNative: boolean },
  each: ((e: ConntrackEntry, source: string) => void) | ConntrackSink,
): Promise<ConntrackRead> {
  return readConntrackFrom(host, await openCtnetlink(host, opts), each);
}

/** {@link readConntrack} once ctnetlink has been opened (or ruled out): synchronous. */
export function readConntrackFrom(
  host: Host,
  plan: CtnetlinkPlan,
  each: ((e: ConntrackEntry, source: string) => void) | ConntrackSink,
): ConntrackRead {
  const sink: ConntrackSink = typeof each === 'function' ? { entry: each } : each;
  const read: ConntrackRead = { used: null, attempts: [], skippedCount: 0, skipped: [] };
  const nl = ctnetlink(plan, sink);
  read.attempts.push({ source: nl.source, outcome: nl.outcome, detail: nl.detail });
  const files = host.isLive ? [PROC_NET_NF_CONNTRACK] : [PROC_NET_NF_CONNTRACK, ...SAVED_LISTINGS];
  const later = (from: number) => {
    for (const f of files.slice(from))
      read.attempts.push({
        source: f,
        outcome: 'skipped',
        detail: 'not needed (an earlier source was used)',
      });
  };
  if (nl.outcome === 'used') {
    read.used = nl.source;
    read.skippedCount += nl.skipped ?? 0;
    later(0);
    return read;
  }
  for (let i = 0; i < files.length; i++) {
    const f = files[i]!;
    const a = textFile(host, f, sink, read);
    read.attempts.push(a);
    if (a.outcome === 'used') {
      read.used = f;
      later(i + 1);
      return read;
    }
  }
  if (host.isLive)
    read.attempts.push({
      source: 'saved conntrack -L listing',
      outcome: 'skipped',
      detail: 'looked for under a snapshot root only',
    });
  return read;
}
