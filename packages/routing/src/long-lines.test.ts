import { countingBuffer } from '@netstat-ts/test-support';
import { describe, expect, it } from 'vitest';
import { forEachFgets } from './scan.js';

describe('long lines are scanned in linear time (issue 11)', () => {
  it('forEachFgets searches each byte for the newline about once, not once per piece', () => {
    const data = Buffer.from(`Iface\tDestination\n${'A'.repeat(4 << 20)}\neth0\t00000000\n`, 'latin1');
    const { buf, searched } = countingBuffer(data);
    const pieces: number[] = [];
    forEachFgets(buf, 1024, (_b, s, e) => pieces.push(e - s));
    expect(pieces.length).toBeGreaterThan(4000);
    expect(pieces.at(-1)).toBe('eth0\t00000000'.length);
    expect(searched()).toBeLessThan(3 * buf.length);
  });
});
