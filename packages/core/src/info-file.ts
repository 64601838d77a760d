import { noSupportMessage } from './errors.js';
import { type Host, type HostError, perror } from './host.js';
import type { NetstatOptions } from './options.js';
import { EMPTY_FEED, type PieceFeed, type PieceHandler, streamPieces } from './pieces.js';

/** The outcome of opening a socket-table file under net-tools 2.10's missing-file rules (spec §1.6). */
export type InfoFile =
  | { ok: true; data: Buffer }
  | {
      ok: false;
      /** Message for stderr, or null when net-tools stays silent. */
      message: string | null;
      /** Status the block ends with (0, 1 or 255). */
      status: number;
    };

/**
 * True when the Host itself refused the file (a FIFO, device or socket: `ENOTREG`; over the size
 * limit: `EFBIG`; outside the root: `EOUTSIDE`), where 2.10 would have blocked or run out of
 * memory: the socket listings print the reason and end with status 1 (the table is not available
 * here), not 255 (an unexpected read error).
 */
export function isRefusal(r: HostError): boolean {
  return r.code === 'ENOTREG' || r.code === 'EFBIG' || r.code === 'EOUTSIDE';
}

/**
 * Opens a table file of the Internet/UNIX socket listing. `label` is the ESYSNOT name
 * (`AF INET (tcp)`, `AF UNIX`); `primary` is false for the IPv6 file of a protocol, which is
 * silently skipped when missing.
 */
export function openInfoFile(
  host: Host,
  path: string,
  label: string,
  primary: boolean,
  o: NetstatOptions,
): InfoFile {
  const r = host.read(path);
  if (r.ok) return r;
  return infoFailure(r, label, primary, o);
}

/** An opened table file that is read piece by piece, never whole (see {@link openInfoStream}). */
export interface InfoStream {
  ok: true;
  /** The file, as a live system names it. */
  path: string;
  /**
   * Streams the file as fgets pieces of at most `max` bytes ({@link streamPieces}); each call
   * reads the file anew. Returns null, or why the file could no longer be read.
   */
  pieces(max: number, each: PieceHandler): HostError | null;
}

/** The failure side of {@link InfoFile}. */
export type InfoFailure = Exclude<InfoFile, { ok: true }>;

/**
 * {@link openInfoFile} for a table that may be large (a socket table of millions of lines): the
 * open is checked now under the same rules (missing file, refusals), the bytes are streamed each
 * time they are scanned, with constant memory and no size limit.
 */
export function openInfoStream(
  host: Host,
  path: string,
  label: string,
  primary: boolean,
  o: NetstatOptions,
): InfoStream | InfoFailure {
  const r = host.probe(path);
  if (r === null) return { ok: true, path, pieces: (max, each) => streamPieces(host, path, max, each) };
  return infoFailure(r, label, primary, o);
}

function infoFailure(r: HostError, label: string, primary: boolean, o: NetstatOptions): InfoFailure {
  if (isRefusal(r)) return { ok: false, message: perror(r), status: 1 };
  if (!primary) return { ok: false, message: null, status: 0 };
  if (r.code !== 'ENOENT' && r.code !== 'EACCES') return { ok: false, message: perror(r), status: 255 };
  if (o.noprot) return { ok: false, message: null, status: 0 };
  return {
    ok: false,
    message: o.flagArg !== 0 || o.verbose > 0 ? noSupportMessage(label) : null,
    status: o.flagArg !== 0 ? 1 : 0,
  };
}

/**
 * Opens a legacy-family socket file (ipx, ax25, x25, netrom, rose): any error but ENOENT is a
 * perror and status 255; ENOENT gives ESYSNOT when a family was named or with -v.
 */
export function openLegacyFile(host: Host, path: string, label: string, o: NetstatOptions): InfoFile {
  const r = host.read(path);
  if (r.ok) return r;
  return legacyFailure(r, label, o);
}

function legacyFailure(r: HostError, label: string, o: NetstatOptions): InfoFailure {
  if (isRefusal(r)) return { ok: false, message: perror(r), status: 1 };
  if (r.code !== 'ENOENT') return { ok: false, message: perror(r), status: 255 };
  return {
    ok: false,
    message: o.flagArg !== 0 || o.verbose > 0 ? noSupportMessage(label) : null,
    status: o.flagArg !== 0 ? 1 : 0,
  };
}

/** A table file that opened and is streamed each time it is scanned (see {@link openTableFeed}). */
export interface TableFeed {
  ok: true;
  /** The file's pieces, read anew at each call (a read error midway ends the file there). */
  feed: PieceFeed;
}

/**
 * Opens a table file to be streamed, never read whole: the open is checked now (missing file,
 * refusals: the Host's error), and the returned feed reads the file anew, piece by piece with
 * constant memory, each time it is called. A directory in the file's place feeds nothing, as
 * 2.10's fopen of a directory then reads nothing.
 */
export function openTableFeed(host: Host, path: string): TableFeed | HostError {
  if (host.isDirectory(path)) return { ok: true, feed: EMPTY_FEED };
  const e = host.probe(path);
  if (e !== null) return e;
  return {
    ok: true,
    feed: (max, each) => {
      streamPieces(host, path, max, each);
    },
  };
}

/**
 * {@link openLegacyFile} for a file that is streamed (see {@link openTableFeed}): the same
 * missing-file rules and statuses, decided when it is opened.
 */
export function openLegacyStream(
  host: Host,
  path: string,
  label: string,
  o: NetstatOptions,
): TableFeed | InfoFailure {
  const r = openTableFeed(host, path);
  if (r.ok) return r;
  return legacyFailure(r, label, o);
}
