/** Splits a config file into its data lines: comments (`#` to end of line) removed, fields split on blanks. */
export function* configFields(text: string): Generator<string[]> {
  let start = 0;
  const n = text.length;
  while (start < n) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = n;
    let line = text.slice(start, end);
    start = end + 1;
    const hash = line.indexOf('#');
    if (hash >= 0) line = line.slice(0, hash);
    const fields = line.split(/[ \t\r\f\v]+/).filter((f) => f.length > 0);
    if (fields.length > 0) yield fields;
  }
}

/** Parses an unsigned number the way C's strtoul(s, &end, 0) does; returns NaN unless all of s is used. */
export function parseCNumber(s: string): number {
  if (/^0[xX][0-9a-fA-F]+$/.test(s)) return Number.parseInt(s.slice(2), 16);
  if (/^0[0-7]*$/.test(s)) return s.length === 1 ? 0 : Number.parseInt(s.slice(1), 8);
  if (/^[1-9][0-9]*$/.test(s)) return Number.parseInt(s, 10);
  return Number.NaN;
}
