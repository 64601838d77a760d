import { countingBuffer } from '@netstat-ts/core/testing';
import { describe, expect, it } from 'vitest';
import { scanProcNetUnix } from './proc-net-unix.js';

describe('long lines are scanned in linear time (issue 11)', () => {
  it('scanProcNetUnix searches each byte for the newline about once, not once per piece', () => {
    const row = '0000000000000000: 00000002 00000000 00010000 0001 01 12345 /run/x.sock\n';
    const data = Buffer.from(
      `Num       RefCount Protocol Flags    Type St Inode Path\n${'/'.repeat(4 << 20)}\n${row}`,
      'latin1',
    );
    const { buf, searched } = countingBuffer(data);
    let rows = 0;
    scanProcNetUnix(
      buf,
      () => rows++,
      () => {},
    );
    expect(rows).toBeGreaterThanOrEqual(1);
    expect(searched()).toBeLessThan(3 * buf.length);
  });
});
