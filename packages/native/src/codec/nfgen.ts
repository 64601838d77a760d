/** `struct nfgenmsg`, the family header of every nfnetlink (netfilter) message. */
import { NFGENMSG_LEN } from './constants.js';

/** nfnetlink's protocol version. */
export const NFNETLINK_V0 = 0;

/** Decoded `nfgenmsg`. */
export interface NfGenMsg {
  family: number;
  version: number;
  /** `res_id` (big-endian on the wire). */
  resId: number;
}

/** Encodes an `nfgenmsg` (4 bytes). */
export function encodeNfGenMsg(m: { family: number; version?: number; resId?: number }): Buffer {
  const b = Buffer.alloc(NFGENMSG_LEN);
  b[0] = m.family;
  b[1] = m.version ?? NFNETLINK_V0;
  b.writeUInt16BE((m.resId ?? 0) & 0xffff, 2);
  return b;
}

/** Decodes an `nfgenmsg` at the start of a payload (null when shorter than 4 bytes). */
export function decodeNfGenMsg(payload: Buffer): NfGenMsg | null {
  if (payload.length < NFGENMSG_LEN) return null;
  return { family: payload[0]!, version: payload[1]!, resId: payload.readUInt16BE(2) };
}

/** nfnetlink message type = subsystem << 8 | message. */
export const nfnlType = (subsys: number, msg: number): number => ((subsys & 0xff) << 8) | (msg & 0xff);
