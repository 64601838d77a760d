/**
 * IPv4/IPv6 address helpers shared by every family that shows Internet addresses
 * (sockets, routes, groups, masquerade). IPv4 addresses are unsigned 32-bit numbers in host
 * order (`a.b.c.d` = a<<24 | b<<16 | c<<8 | d); IPv6 addresses are 16-byte arrays.
 */

const HEX: Int8Array = (() => {
  const t = new Int8Array(256).fill(-1);
  for (let i = 0; i < 10; i++) t[48 + i] = i;
  for (let i = 0; i < 6; i++) {
    t[65 + i] = 10 + i;
    t[97 + i] = 10 + i;
  }
  return t;
})();

/** Value of a hex digit character code, or -1. */
export function hexDigit(code: number): number {
  return HEX[code & 0xff]!;
}

/** Dotted-quad text of a host-order IPv4 number. */
export function formatIPv4(a: number): string {
  return `${(a >>> 24) & 255}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;
}

/** Parses strict dotted-quad text to a host-order number, or returns null. */
export function parseIPv4(text: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return null;
  const p = m.slice(1).map(Number);
  if (p.some((x) => x > 255)) return null;
  return ((p[0]! << 24) | (p[1]! << 16) | (p[2]! << 8) | p[3]!) >>> 0;
}

/**
 * Decodes the kernel's `%08X` of a network-order word as printed on a little-endian host
 * (`0100007F` -> 127.0.0.1) to a host-order number.
 */
export function ipv4FromProcHex(hex: string): number {
  const v = Number.parseInt(hex, 16) >>> 0;
  return (((v & 255) << 24) | (((v >>> 8) & 255) << 16) | (((v >>> 16) & 255) << 8) | (v >>> 24)) >>> 0;
}

/** Decodes the kernel's four `%08X` words of an IPv6 address (little-endian host) to 16 bytes. */
export function ipv6FromProcHex(hex: string): Uint8Array {
  const out = new Uint8Array(16);
  for (let w = 0; w < 4; w++) {
    const v = Number.parseInt(hex.slice(w * 8, w * 8 + 8), 16) >>> 0;
    out[w * 4] = v & 255;
    out[w * 4 + 1] = (v >>> 8) & 255;
    out[w * 4 + 2] = (v >>> 16) & 255;
    out[w * 4 + 3] = v >>> 24;
  }
  return out;
}

/** Decodes 32 hex digits in natural (big-endian) order, as in ipv6_route and igmp6, to 16 bytes. */
export function ipv6FromHex(hex: string): Uint8Array {
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/**
 * inet_ntop's `::` run of a 16-byte address: the longest run of at least two zero 16-bit words,
 * the first of equal runs, as [base word, length]; base -1 when there is none.
 */
function zeroRun(b: Uint8Array): [number, number] {
  let bestBase = -1;
  let bestLen = 0;
  let curBase = -1;
  let curLen = 0;
  for (let i = 0; i <= 8; i++) {
    if (i < 8 && b[i * 2] === 0 && b[i * 2 + 1] === 0) {
      if (curBase < 0) curBase = i;
      curLen = i - curBase + 1;
    } else if (curBase >= 0) {
      if (curLen > bestLen) {
        bestBase = curBase;
        bestLen = curLen;
      }
      curBase = -1;
    }
  }
  return bestLen >= 2 ? [bestBase, bestLen] : [-1, 0];
}

/** glibc inet_ntop(AF_INET6) text: lowercase, longest zero run (first on ties, >= 2) as `::`, IPv4 tails. */
export function formatIPv6(b: Uint8Array): string {
  const words: number[] = [];
  for (let i = 0; i < 8; i++) words.push((b[i * 2]! << 8) | b[i * 2 + 1]!);
  const [bestBase, bestLen] = zeroRun(b);
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
      if (i === bestBase) out += ':';
      continue;
    }
    if (i !== 0) out += ':';
    if (i === 6 && bestBase === 0 && (bestLen === 6 || (bestLen === 5 && words[5] === 0xffff))) {
      out += `${b[12]}.${b[13]}.${b[14]}.${b[15]}`;
      break;
    }
    out += words[i]!.toString(16);
  }
  if (bestBase >= 0 && bestBase + bestLen === 8) out += ':';
  return out;
}

/** Parses IPv6 text (with `::` and an optional dotted-quad tail) to 16 bytes, or returns null. */
export function parseIPv6(text: string): Uint8Array | null {
  let s = text;
  const pct = s.indexOf('%');
  if (pct >= 0) s = s.slice(0, pct);
  if (!/^[0-9a-fA-F:.]+$/.test(s)) return null;
  let tail: number[] = [];
  const lastColon = s.lastIndexOf(':');
  if (s.indexOf('.', lastColon) > 0) {
    const v4 = parseIPv4(s.slice(lastColon + 1));
    if (v4 === null) return null;
    tail = [v4 >>> 16, v4 & 0xffff];
    s = s.slice(0, lastColon + 1);
    if (s.endsWith('::')) s += '';
    else s = s.slice(0, -1);
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    for (const g of part.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
      out.push(Number.parseInt(g, 16));
    }
    return out;
  };
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  if (!head || !rest) return null;
  let words: number[];
  if (halves.length === 2) {
    const fill = 8 - head.length - rest.length - tail.length;
    if (fill < 1) return null;
    words = [...head, ...new Array<number>(fill).fill(0), ...rest, ...tail];
  } else {
    words = [...head, ...tail];
    if (words.length !== 8) return null;
  }
  const out = new Uint8Array(16);
  words.forEach((w, i) => {
    out[i * 2] = w >>> 8;
    out[i * 2 + 1] = w & 255;
  });
  return out;
}

/** True for an all-zero address. */
export function isZero(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] !== 0) return false;
  return true;
}

/** True for an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`). */
export function isV4Mapped(b: Uint8Array): boolean {
  for (let i = 0; i < 10; i++) if (b[i] !== 0) return false;
  return b[10] === 0xff && b[11] === 0xff;
}

const HEX_DIGITS = '0123456789abcdef';

/** Writes 16 address bytes as {@link formatIPv6} text (at most 45 bytes); returns the end. */
export function putIPv6(out: Uint8Array, p: number, b: Uint8Array): number {
  const [bestBase, bestLen] = zeroRun(b);
  for (let i = 0; i < 8; i++) {
    if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
      if (i === bestBase) out[p++] = 58;
      continue;
    }
    if (i !== 0) out[p++] = 58;
    if (i === 6 && bestBase === 0 && (bestLen === 6 || (bestLen === 5 && b[10] === 255 && b[11] === 255))) {
      for (let k = 12; k < 16; k++) {
        if (k > 12) out[p++] = 46;
        const v = b[k]!;
        if (v >= 100) out[p++] = 48 + ((v / 100) | 0);
        if (v >= 10) out[p++] = 48 + (((v / 10) | 0) % 10);
        out[p++] = 48 + (v % 10);
      }
      return p;
    }
    const w = (b[i * 2]! << 8) | b[i * 2 + 1]!;
    if (w >= 0x1000) out[p++] = HEX_DIGITS.charCodeAt(w >>> 12);
    if (w >= 0x100) out[p++] = HEX_DIGITS.charCodeAt((w >>> 8) & 15);
    if (w >= 0x10) out[p++] = HEX_DIGITS.charCodeAt((w >>> 4) & 15);
    out[p++] = HEX_DIGITS.charCodeAt(w & 15);
  }
  if (bestBase >= 0 && bestBase + bestLen === 8) out[p++] = 58;
  return p;
}
