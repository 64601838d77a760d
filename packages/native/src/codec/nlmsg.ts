/**
 * `struct nlmsghdr` framing: encode one message, split a datagram into messages, decode
 * NLMSG_ERROR. Netlink is host byte order; this codec supports little-endian hosts (x86-64,
 * aarch64, riscv64), the only ones koffi's prebuilt binaries cover that we test.
 */
import { NLM_F_REQUEST, NLMSG_DONE, NLMSG_ERROR, NLMSG_HDRLEN } from './constants.js';

/** Rounds a length up to netlink's 4-byte alignment (NLMSG_ALIGN, NLA_ALIGN). */
export const align4 = (n: number): number => (n + 3) & ~3;

/** The fields of `struct nlmsghdr` other than the length. */
export interface NlHeader {
  type: number;
  flags: number;
  seq: number;
  /** Port id (`nlmsg_pid`): 0 for messages from the kernel. */
  pid: number;
}

/** One netlink message: its header and payload (a view into the datagram, not a copy). */
export interface NlMessage extends NlHeader {
  /** `nlmsg_len`: header plus payload, without trailing alignment padding. */
  length: number;
  /** Offset of the header in the datagram it was parsed from. */
  offset: number;
  payload: Buffer;
}

/** Encodes one message: 16-byte header, then the payload padded to 4 bytes. */
export function encodeMessage(
  h: Partial<NlHeader> & { type: number },
  payload: Uint8Array = Buffer.alloc(0),
): Buffer {
  const len = NLMSG_HDRLEN + payload.length;
  const buf = Buffer.alloc(align4(len));
  buf.writeUInt32LE(len, 0);
  buf.writeUInt16LE(h.type & 0xffff, 4);
  buf.writeUInt16LE((h.flags ?? NLM_F_REQUEST) & 0xffff, 6);
  buf.writeUInt32LE((h.seq ?? 0) >>> 0, 8);
  buf.writeUInt32LE((h.pid ?? 0) >>> 0, 12);
  buf.set(payload, NLMSG_HDRLEN);
  return buf;
}

/** Reads the header of the message at `offset` of `buf` (no bounds check beyond 16 bytes). */
export function readHeader(buf: Buffer, offset = 0): NlHeader & { length: number } {
  return {
    length: buf.readUInt32LE(offset),
    type: buf.readUInt16LE(offset + 4),
    flags: buf.readUInt16LE(offset + 6),
    seq: buf.readUInt32LE(offset + 8),
    pid: buf.readUInt32LE(offset + 12),
  };
}

/** Overwrites the sequence number of an encoded message (in place). */
export function setSeq(msg: Buffer, seq: number): void {
  msg.writeUInt32LE(seq >>> 0, 8);
}

/**
 * Splits one datagram into its messages (NLMSG_NEXT). A truncated or malformed tail (length
 * below 16 or past the end) ends the walk; `malformed` then tells how many bytes were left.
 */
export function parseMessages(buf: Buffer): NlMessage[] & { malformed?: number } {
  const out: NlMessage[] & { malformed?: number } = [];
  let off = 0;
  while (off + NLMSG_HDRLEN <= buf.length) {
    const h = readHeader(buf, off);
    if (h.length < NLMSG_HDRLEN || off + h.length > buf.length) break;
    out.push({ ...h, offset: off, payload: buf.subarray(off + NLMSG_HDRLEN, off + h.length) });
    off += align4(h.length);
  }
  if (off < buf.length) out.malformed = buf.length - Math.min(off, buf.length);
  return out;
}

/** The payload of NLMSG_ERROR: the (positive) errno, 0 for an ACK, and the request's header. */
export interface NlError {
  /** Positive errno (the kernel sends it negated); 0 = acknowledgement. */
  errno: number;
  /** Header of the request this answers, when present. */
  request: (NlHeader & { length: number }) | null;
}

/** Decodes an NLMSG_ERROR payload (null when shorter than its 4-byte error field). */
export function decodeError(payload: Buffer): NlError | null {
  if (payload.length < 4) return null;
  const e = payload.readInt32LE(0);
  return {
    errno: e === 0 ? 0 : -e,
    request: payload.length >= 4 + NLMSG_HDRLEN ? readHeader(payload, 4) : null,
  };
}

/** Whether a message ends a request: NLMSG_DONE, or NLMSG_ERROR (error or ACK). */
export const isTerminal = (m: NlHeader): boolean => m.type === NLMSG_DONE || m.type === NLMSG_ERROR;
