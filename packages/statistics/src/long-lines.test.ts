import { afterEach, describe, expect, it } from 'vitest';
import { fgetsChunks } from './scan.js';

const plain = String.prototype.indexOf;
afterEach(() => {
  String.prototype.indexOf = plain;
});

describe('long lines are scanned in linear time (issue 11)', () => {
  it('fgetsChunks searches each character for the newline about once, not once per piece', () => {
    const text = `Ip: Forwarding\n${'1 '.repeat(2 << 20)}\nIp: 1\n`;
    let searched = 0;
    String.prototype.indexOf = function (this: string, s: string, from = 0) {
      const r = plain.call(this, s, from);
      if (this === text) searched += (r < 0 ? this.length : r + 1) - from;
      return r;
    };
    const chunks = fgetsChunks(text, 1024);
    String.prototype.indexOf = plain;
    expect(chunks.length).toBeGreaterThan(4000);
    expect(chunks.at(-1)).toBe('Ip: 1\n');
    expect(searched).toBeLessThan(3 * text.length);
  });
});
