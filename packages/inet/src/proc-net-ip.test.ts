import { PieceSplitter } from '@netstat-ts/core';
import { describe, expect, it } from 'vitest';
import {
  copyIpRecord,
  IP_TABLE_PIECE,
  type IpSocketRecord,
  ipTableScanner,
  parseIpTable,
  scanIpTable,
} from './proc-net-ip.js';

const H =
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
const LINE =
  '   1: 0100007F:0016 0100007F:D431 01 00000010:00000020 02:000005DC 00000003  1000        5 23456 1 0';

describe('parseIpTable', () => {
  it('parses the kernel tcp format (spec §2.2 sample)', () => {
    const { records, diagnostics } = parseIpTable(`${H}${LINE}\n`, 'tcp');
    expect(diagnostics).toEqual([]);
    expect(records).toHaveLength(1);
    const r = records[0]!;
    expect(r).toMatchObject({
      slot: 1,
      family: 4,
      localV4: 0x7f000001,
      remoteV4: 0x7f000001,
      localPort: 22,
      remotePort: 0xd431,
      state: 1,
      txQueue: 16,
      rxQueue: 32,
      timerCode: 2,
      timerWhen: 1500,
      retransmits: 3,
      uid: 1000,
      timeout: 5,
      inode: 23456,
    });
  });

  it('without tail, sets every field but uid, timeout and inode, and finds the same bogus lines', () => {
    const odd =
      '   2: 0100007F:0017 0100007F:D432 0A 00000000:00000000 00:00000000 00000000 99999999999999 x y';
    const text = `${H}${LINE}\n${odd}\n   3: 0100007F:0018\n${LINE}\n`;
    const scan = (tail: boolean) => {
      const got: (IpSocketRecord | string)[] = [];
      scanIpTable(
        text,
        'tcp',
        (r) => got.push(copyIpRecord(r)),
        (m) => got.push(m),
        tail,
      );
      return got;
    };
    const full = scan(true);
    const short = scan(false);
    expect(short).toHaveLength(full.length);
    const strip = (x: IpSocketRecord | string) =>
      typeof x === 'string' ? x : { ...x, uid: 0, timeout: 0, inode: 0 };
    expect(short.map(strip)).toEqual(full.map(strip));
    expect(full.map((x) => typeof x === 'string')).toEqual([false, false, true, false]);
  });

  it('reads kernel-layout lines and their variants as the full scanner does', () => {
    const v4 =
      '   7: 0100007F:0016 0A0200C0:F8BC 01 0000F119:752931F3 01:0000002F 0000000A  1000        5 59604 3 00000000 100 4';
    const v6 =
      '12345: B80D012078563412F0DEBC9A68245713:01BB 00000000000000000000000001000000:3450 04 113426B0:00000000 04:0001AE85 00000000 123456        8 1665245 3';
    // Every single-byte change of a kernel line at a field boundary or inside a field.
    const swaps = [' ', '  ', '\t', ':', 'x', '0', 'F', 'g', '', '-'];
    const lines: string[] = [v4, v6, `${v4.slice(0, 81)}`, `${v4.slice(0, 80)}`, `${v4.slice(0, 82)}`];
    for (const base of [v4, v6]) {
      for (let i = 0; i < 100 && i < base.length; i++) {
        for (const c of swaps) lines.push(base.slice(0, i) + c + base.slice(i + 1));
      }
    }
    // A short v6 run reuses words of the line before (decodeV6): after a kernel line, a bogus one.
    const short6 = '   9: B80D01207856341200:01BB 0000000000000000000001:3450 04 0:0 04:0 0 1 2 3';
    lines.push(v6, short6, v6.replace(':3450 04', ':3450 0G'), short6, `${v6}\t`, short6);
    const text = `${H}${lines.join('\n')}\n`;
    for (const tail of [true, false]) {
      const scan = (t: string) => {
        const got: (IpSocketRecord | string)[] = [];
        scanIpTable(
          t,
          'tcp',
          (r) => got.push(copyIpRecord(r)),
          (m) => got.push(m),
          tail,
        );
        return got;
      };
      // A NUL byte anywhere makes every line take the full scanner; the NUL line itself is bogus.
      const full = scan(`${text}\0\n`);
      expect(full.pop()).toBe('warning, got bogus tcp line.');
      const fast = scan(text);
      const strip = (x: IpSocketRecord | string) =>
        typeof x === 'string' || tail ? x : { ...x, uid: 0, timeout: 0, inode: 0 };
      expect(fast.map(strip)).toEqual(full.map(strip));
    }
  });

  it('decodes IPv6 words in little-endian order', () => {
    const line =
      '   1: B80D0120000000000000000001000000:0277 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 3001 1';
    const r = parseIpTable(`${H}${line}\n`, 'tcp').records[0]!;
    expect(r.family).toBe(6);
    expect(Array.from(r.localV6!)).toEqual([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(r.remoteV6!.every((b) => b === 0)).toBe(true);
  });

  it('reports short and empty lines as bogus, with the protocol in the message', () => {
    const text = `${H}garbage\n\n   2: 0100007F:0016 0100007F:D431 01 00000010:00000020 02\n${LINE}\n`;
    const tcp = parseIpTable(text, 'tcp');
    expect(tcp.records).toHaveLength(1);
    expect(tcp.diagnostics.map((d) => d.message)).toEqual(Array(3).fill('warning, got bogus tcp line.'));
    expect(parseIpTable(text, 'udplite').diagnostics[0]!.message).toBe('warning, got bogus udp line.');
    expect(parseIpTable(text, 'raw').diagnostics[0]!.message).toBe('warning, got bogus raw line.');
  });

  it('keeps uid, timeout and inode of the previous line when a line lacks them (observed in 2.10)', () => {
    const short = '   3: 0100007F:0016 0100007F:D431 01 00000010:00000020 02:000005DC 00000003';
    const { records } = parseIpTable(`${H}${LINE}\n${short}\n`, 'tcp');
    expect(records[1]).toMatchObject({ uid: 1000, timeout: 5, inode: 23456, slot: 3 });
  });

  it('applies scanf/strtoul conversions to hostile numbers', () => {
    const line =
      '   4: 0100007F: 0016  0100007F:D431 0x01 -10:FFFFFFFFFFFFFFFFFF 02:FFFFFFFFFFFFFFFF 1 99999999999 -5 -1 1';
    const r = parseIpTable(`${H}${line}\n`, 'tcp').records[0]! as IpSocketRecord;
    expect(r.state).toBe(1);
    expect(r.txQueue).toBe(2n ** 64n - 16n);
    expect(r.rxQueue).toBe(2n ** 64n - 1n);
    expect(r.timerWhen).toBe(2n ** 64n - 1n);
    expect(r.uid).toBe(1215752191);
    expect(r.timeout).toBe(-5);
    expect(r.inode).toBe(2n ** 64n - 1n);
  });

  it('forces udp retransmits to 0 and cuts lines at NUL and at 8191 bytes like fgets', () => {
    const udp = parseIpTable(`${H}${LINE}\n`, 'udp').records[0]!;
    expect(udp.retransmits).toBe(0);
    const long = `${LINE}${' '.repeat(8100)}2: 0100007F:0036 0100007F:0035 01 0:0 00:0 0 7 8 9\n`;
    expect(parseIpTable(`${H}${long}`, 'tcp').records.map((r) => r.localPort)).toEqual([22, 0x36]);
    const nul = `   3: 0100007F:0037 0100007F:0035 01 0:0 00:0 0 7 8\0 99\n`;
    expect(parseIpTable(`${H}${LINE}\n${nul}`, 'tcp').records[1]!.inode).toBe(23456);
  });

  it('streamed, a line that ends in a reused carry buffer is not cut at the NUL of an earlier line', () => {
    // Both lines arrive split over two chunks, so both are handed over from the splitter's carry
    // buffer; the first has a NUL at byte 40, the second (a '+' takes the full scanner) has none.
    const withNul = `   3: 0100007F:0037 0100007F:0035 01 0:0\0 00:0 0 7 8 9\n`;
    const signed = `   4: 0100007F:0038 0100007F:0035 01 0:0 00:0 0 +7 8 99\n`;
    const text = Buffer.from(`${H}${withNul}${signed}`, 'latin1');
    const ports: number[] = [];
    const bogus: string[] = [];
    const split = new PieceSplitter(
      IP_TABLE_PIECE,
      ipTableScanner(
        'tcp',
        (r) => ports.push(r.localPort),
        (m) => bogus.push(m),
      ),
    );
    const cut1 = H.length + 10;
    const cut2 = H.length + withNul.length + 10;
    split.push(text.subarray(0, cut1));
    split.push(text.subarray(cut1, cut2));
    split.push(text.subarray(cut2));
    split.end();
    expect(bogus.length).toBe(1); // the line cut at its NUL
    expect(ports).toEqual([0x38]);
  });

  it('never throws on random bytes', () => {
    const junk = Buffer.alloc(5000);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919 + 13) & 0xff;
    expect(() => parseIpTable(junk, 'tcp')).not.toThrow();
  });
});
