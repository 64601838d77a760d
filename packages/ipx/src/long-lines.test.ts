import { countingBuffer } from '@netstat-ts/core/testing';
import { describe, expect, it } from 'vitest';
import { fgetsLines } from './cscan.js';

describe('long lines are scanned in linear time (issue 11)', () => {
  it('fgetsLines searches each byte for the newline and NUL about once, not once per piece', () => {
    const data = Buffer.from(`Local_Address\n${'0'.repeat(2 << 20)}\nend\n`, 'latin1');
    const { buf, searched } = countingBuffer(data);
    const lines = fgetsLines(buf, 512, 512);
    expect(lines.length).toBeGreaterThan(4000);
    expect(lines.at(-1)?.text).toBe('end');
    expect(searched()).toBeLessThan(6 * buf.length);
  });
});
