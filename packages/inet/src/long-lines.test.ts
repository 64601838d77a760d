import { countingBuffer } from '@netstat-ts/core/testing';
import { describe, expect, it } from 'vitest';
import { scanIpTable } from './proc-net-ip.js';
import { forEachFgets } from './scan.js';

/** A header, one 4 MB line without a newline for a while, then a normal line. */
function longLineFile(): Buffer {
  const row =
    '   0: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0\n';
  return Buffer.from(`  sl  local_address\n${'9'.repeat(4 << 20)}\n${row}`, 'latin1');
}

describe('long lines are scanned in linear time (issue 11)', () => {
  it('scanIpTable searches each byte for the newline about once, not once per 8 KB piece', () => {
    const { buf, searched } = countingBuffer(longLineFile());
    let rows = 0;
    let bogus = 0;
    scanIpTable(
      buf,
      'tcp',
      () => rows++,
      () => bogus++,
    );
    expect(rows).toBe(1);
    expect(bogus).toBe(Math.ceil((4 << 20) / 8191) + 0);
    expect(searched()).toBeLessThan(3 * buf.length);
  });

  it('forEachFgets does too', () => {
    const { buf, searched } = countingBuffer(longLineFile());
    let pieces = 0;
    forEachFgets(buf, 8192, () => pieces++);
    expect(pieces).toBeGreaterThan(500);
    expect(searched()).toBeLessThan(3 * buf.length);
  });
});
