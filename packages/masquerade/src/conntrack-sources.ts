import type { Host } from '@netstat-ts/core';
import type { ConntrackEntry } from './conntrack.js';
import { ConntrackScanner, type SkippedLine } from './conntrack-text.js';
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
  close?(): void;
}

/** Opens the ctnetlink channel, or says why it cannot be had. */
export type CtnetlinkOpener = () => Promise<CtnetlinkTransport | { ok: false; reason: string }>;

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

async function ctnetlink(
  host: Host,
  open: CtnetlinkOpener | null,
  noNative: boolean,
  each: (e: ConntrackEntry) => void,
): Promise<SourceAttempt & { skipped?: number }> {
  const source = 'ctnetlink';
  if (!host.isLive) return { source, outcome: 'skipped', detail: 'not the live system (snapshot root)' };
  if (!host.exists(NF_CONNTRACK_MAX))
    return {
      source,
      outcome: 'absent',
      detail: `connection tracking is not loaded (no ${NF_CONNTRACK_MAX})`,
    };
  if (noNative) return { source, outcome: 'skipped', detail: 'native layer disabled (NETSTAT_NO_NATIVE=1)' };
  if (!open)
    return { source, outcome: 'unavailable', detail: 'no native layer in this build (@netstat-ts/native)' };
  const t = await open();
  if ('ok' in t) return { source, outcome: 'unavailable', detail: t.reason };
  let msgs: Buffer[];
  try {
    msgs = t.request(ctDumpRequest());
  } catch (err) {
    const m = (err as Error)?.message ?? String(err);
    const code = (err as { code?: unknown })?.code;
    const denied = code === 'EPERM' || code === 'EACCES';
    if (denied) return { source, outcome: 'denied', detail: `${m} (needs root or CAP_NET_ADMIN)` };
    return { source, outcome: 'failed', detail: m };
  } finally {
    t.close?.();
  }
  let skipped = 0;
  for (const m of msgs) {
    const d = decodeCtMessage(m);
    if (d.kind === 'entry') each(d.entry);
    else if (d.kind === 'error')
      return d.errno === EPERM || d.errno === EACCES
        ? { source, outcome: 'denied', detail: 'the kernel refused the dump (needs root or CAP_NET_ADMIN)' }
        : { source, outcome: 'failed', detail: `the kernel answered errno ${d.errno}` };
    else if (d.kind === 'skip') skipped++;
  }
  return { source, outcome: 'used', detail: `${msgs.length} messages`, skipped };
}

function textFile(
  host: Host,
  path: string,
  each: (e: ConntrackEntry) => void,
  read: ConntrackRead,
): SourceAttempt {
  const scanner = new ConntrackScanner(each);
  const err = host.stream(path, (chunk) => scanner.push(chunk));
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
  scanner.end();
  read.skippedCount += scanner.skippedCount;
  read.skipped.push(...scanner.skipped);
  return { source: path, outcome: 'used', detail: `${scanner.lines} lines` };
}

/**
 * Reads the first conntrack source that works and hands its entries to `each` as they are
 * decoded (nothing is kept here). A file that a read error cuts short counts as used (with the
 * entries read before the error, and the error in its detail).
 */
export async function readConntrack(
  host: Host,
  opts: { open: CtnetlinkOpener | null; noNative: boolean },
  each: (e: ConntrackEntry, source: string) => void,
): Promise<ConntrackRead> {
  const read: ConntrackRead = { used: null, attempts: [], skippedCount: 0, skipped: [] };
  const nl = await ctnetlink(host, opts.open, opts.noNative, (e) => each(e, 'ctnetlink'));
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
    const a = textFile(host, f, (e) => each(e, f), read);
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
