/**
 * A copy of `data` whose `indexOf` calls count the bytes they search, to show that a line scanner
 * is linear without timing it: a scanner that searches for the newline from every piece of a long
 * line to the end searches far more bytes than the buffer holds.
 */
export function countingBuffer(data: Buffer): { buf: Buffer; searched: () => number } {
  const buf = Buffer.from(data);
  let total = 0;
  const plain = Buffer.prototype.indexOf;
  Object.defineProperty(buf, 'indexOf', {
    value(this: Buffer, value: number, from = 0) {
      const start = from < 0 ? Math.max(0, this.length + from) : from;
      const r = plain.call(this, value, start);
      total += (r < 0 ? this.length : r + 1) - start;
      return r;
    },
  });
  return { buf, searched: () => total };
}
