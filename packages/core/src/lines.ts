/**
 * Iterates over the lines of a /proc file given as bytes: calls `each(start, end)` with the byte
 * range of every line (without the newline), skipping the first `skip` lines. A final line without
 * a newline is included. Works on bytes so that large tables are not decoded to one big string.
 */
export function forEachLine(
  data: Uint8Array,
  skip: number,
  each: (start: number, end: number) => void,
): void {
  let pos = 0;
  const n = data.length;
  let index = 0;
  while (pos < n) {
    let end = data.indexOf(10, pos);
    if (end < 0) end = n;
    if (index >= skip) each(pos, end);
    index++;
    pos = end + 1;
  }
}
