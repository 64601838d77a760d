/**
 * `struct rtattr` / `struct nlattr` (same layout: u16 length, u16 type, payload padded to 4):
 * decode a run of attributes, nested ones, and typed payload readers; encode for requests.
 */
import { NLA_F_NESTED, NLA_F_NET_BYTEORDER, NLA_TYPE_MASK } from './constants.js';
import { align4 } from './nlmsg.js';

/** One attribute. `type` has the NESTED and NET_BYTEORDER bits masked off. */
export interface Attr {
  type: number;
  nested: boolean;
  netByteOrder: boolean;
  /** The payload (a view, not a copy), without padding. */
  data: Buffer;
}

/** Decodes the attributes in `buf` from `offset`; a malformed tail ends the walk. */
export function parseAttrs(buf: Buffer, offset = 0): Attr[] {
  const out: Attr[] = [];
  let off = offset;
  while (off + 4 <= buf.length) {
    const len = buf.readUInt16LE(off);
    const rawType = buf.readUInt16LE(off + 2);
    if (len < 4 || off + len > buf.length) break;
    out.push({
      type: rawType & NLA_TYPE_MASK,
      nested: (rawType & NLA_F_NESTED) !== 0,
      netByteOrder: (rawType & NLA_F_NET_BYTEORDER) !== 0,
      data: buf.subarray(off + 4, off + len),
    });
    off += align4(len);
  }
  return out;
}

/** The attributes by type (the last of each type wins, as with the kernel's nla_parse). */
export function attrMap(attrs: Attr[]): Map<number, Buffer> {
  const m = new Map<number, Buffer>();
  for (const a of attrs) m.set(a.type, a.data);
  return m;
}

/** Decodes the attributes nested inside one attribute's payload. */
export const parseNested = (data: Buffer): Attr[] => parseAttrs(data, 0);

/** A NUL-terminated string payload (latin1 keeps every byte; null when absent). */
export function attrString(data: Buffer | undefined): string | null {
  if (!data) return null;
  const nul = data.indexOf(0);
  return data.toString('latin1', 0, nul < 0 ? data.length : nul);
}

/** A u8/u16/u32 payload in host (little-endian) byte order, or null when absent or short. */
export function attrUint(data: Buffer | undefined): number | null {
  if (!data) return null;
  if (data.length >= 4) return data.readUInt32LE(0);
  if (data.length >= 2) return data.readUInt16LE(0);
  if (data.length >= 1) return data[0]!;
  return null;
}

/** A big-endian u16/u32 payload (NET_BYTEORDER attributes, netfilter's), or null. */
export function attrUintBE(data: Buffer | undefined): number | null {
  if (!data) return null;
  if (data.length >= 4) return data.readUInt32BE(0);
  if (data.length >= 2) return data.readUInt16BE(0);
  if (data.length >= 1) return data[0]!;
  return null;
}

/** Encodes one attribute (payload padded to 4 bytes). Set `nested` for NLA_F_NESTED. */
export function encodeAttr(type: number, data: Uint8Array, nested = false): Buffer {
  const len = 4 + data.length;
  const buf = Buffer.alloc(align4(len));
  buf.writeUInt16LE(len, 0);
  buf.writeUInt16LE((type & NLA_TYPE_MASK) | (nested ? NLA_F_NESTED : 0), 2);
  buf.set(data, 4);
  return buf;
}

/** Encodes a u32 attribute (host byte order). */
export function u32Attr(type: number, value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value >>> 0, 0);
  return encodeAttr(type, b);
}

/** Encodes a NUL-terminated string attribute. */
export function stringAttr(type: number, value: string): Buffer {
  return encodeAttr(type, Buffer.from(`${value}\0`, 'latin1'));
}

/** Encodes a nested attribute holding the given encoded attributes. */
export function nestedAttr(type: number, children: Uint8Array[]): Buffer {
  return encodeAttr(type, Buffer.concat(children), true);
}
