/**
 * net-tools' interface name order (spec §6.5): names compare by their alphabetic prefix, then by
 * the number that ends the base name, then bytewise, then by alias number (`eth0:2`). Names are
 * byte strings; comparisons are on unsigned bytes like C's strcmp.
 */

/** C strcmp on byte strings: negative, zero or positive. */
export function strcmp(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

interface Split {
  base: string;
  /** Digits after the last `:` when the name ends in `:<digits>`, else null. */
  alias: string | null;
  /** Length of the base without its trailing digits. */
  stem: number;
}

function split(name: string): Split {
  let base = name;
  let alias: string | null = null;
  const colon = name.lastIndexOf(':');
  if (colon >= 0 && colon < name.length - 1 && /^\d+$/.test(name.slice(colon + 1))) {
    base = name.slice(0, colon);
    alias = name.slice(colon + 1);
  }
  let stem = base.length;
  while (stem > 0 && base.charCodeAt(stem - 1) >= 48 && base.charCodeAt(stem - 1) <= 57) stem--;
  return { base, alias, stem };
}

function num(digits: string): bigint {
  return digits === '' ? 0n : BigInt(digits);
}

function sign(d: bigint | number): number {
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

/** Compares two interface names in net-tools' order: negative, zero (same interface) or positive. */
export function nstrcmp(a: string, b: string): number {
  const A = split(a);
  const B = split(b);
  const c = strcmp(A.base.slice(0, Math.min(A.stem, B.stem)), B.base.slice(0, Math.min(A.stem, B.stem)));
  if (c !== 0) return c;
  if (A.stem !== B.stem) return A.stem > B.stem ? 1 : -1;
  const n = sign(num(A.base.slice(A.stem)) - num(B.base.slice(B.stem)));
  if (n !== 0) return n;
  const s = strcmp(A.base, B.base);
  if (s !== 0) return s;
  const an = A.alias === null ? -1n : num(A.alias);
  const bn = B.alias === null ? -1n : num(B.alias);
  if (an !== bn) return sign(an - bn);
  if (A.alias !== null && B.alias !== null) return strcmp(A.alias, B.alias);
  return 0;
}

/**
 * Inserts `name` into a list kept in nstrcmp order, exactly as net-tools does: scanning from the
 * last element back, stop at the first element lower than the name (insert after it) or equal to
 * it (reuse it); else insert at the head. Returns the index of the name's element.
 */
export function insertSorted<T extends { name: string }>(list: T[], name: string, make: () => T): number {
  for (let i = list.length - 1; i >= 0; i--) {
    const c = nstrcmp(list[i]!.name, name);
    if (c === 0) return i;
    if (c < 0) {
      list.splice(i + 1, 0, make());
      return i + 1;
    }
  }
  list.unshift(make());
  return 0;
}
