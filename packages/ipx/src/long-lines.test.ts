import { countingBuffer } from '@netstat-ts/test-support';
import { describe, expect, it } from 'vitest';
import { fgetsLines, forEachCLine } from './cscan.js';

describe('long lines are scanned in linear time (issue 11)', () => {
  it('fgetsLines searches each byte for the newline and NUL about once, not once per piece', () => {
    const data = Buffer.from(`Local_Address\n${'0'.repeat(2 << 20)}\nend\n`, 'latin1');
    const { buf, searched } = countingBuffer(data);
    const lines = fgetsLines(buf, 512, 512);
    expect(lines.length).toBeGreaterThan(4000);
    expect(lines.at(-1)?.text).toBe('end');
    expect(searched()).toBeLessThan(6 * buf.length);
  });

  it('forEachCLine (the streamed scanners) does too', () => {
    const data = Buffer.from(`Local_Address\n${'0'.repeat(2 << 20)}\nend\n`, 'latin1');
    const { buf, searched } = countingBuffer(data);
    let n = 0;
    let last = '';
    forEachCLine(buf, 512, (read) => {
      n++;
      last = read.text;
    });
    expect(n).toBeGreaterThan(4000);
    expect(last).toBe('end');
    expect(searched()).toBeLessThan(6 * buf.length);
  });
});
