import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { putIPv4 } from '../src/bytes.js';
import {
  formatIPv4,
  formatIPv6,
  ipv4FromProcHex,
  ipv6FromHex,
  ipv6FromProcHex,
  isV4Mapped,
  parseIPv4,
  parseIPv6,
  putIPv6,
} from '../src/inet-address.js';

describe('address decoding and formatting', () => {
  it('decodes the kernel little-endian IPv4 hex', () => {
    expect(formatIPv4(ipv4FromProcHex('0100007F'))).toBe('127.0.0.1');
    expect(formatIPv4(ipv4FromProcHex('0102A8C0'))).toBe('192.168.2.1');
    expect(formatIPv4(ipv4FromProcHex('FFFFFFFF'))).toBe('255.255.255.255');
  });

  it('decodes the kernel IPv6 word order and natural order', () => {
    expect(formatIPv6(ipv6FromProcHex('00000000000000000000000001000000'))).toBe('::1');
    expect(formatIPv6(ipv6FromProcHex('B80D0120000000000000000001000000'))).toBe('2001:db8::1');
    expect(formatIPv6(ipv6FromHex('ff020000000000000000000000000001'))).toBe('ff02::1');
  });

  it.each([
    ['::', '::'],
    ['::1', '::1'],
    ['::ffff:127.0.0.1', '::ffff:127.0.0.1'],
    ['::1.2.3.4', '::1.2.3.4'],
    ['1:0:0:2:0:0:0:3', '1:0:0:2::3'],
    ['1:0:0:2:0:0:3:4', '1::2:0:0:3:4'],
    ['1:0:2:0:3:0:4:0', '1:0:2:0:3:0:4:0'],
    ['fe80::abcd:ef01:2345:6789', 'fe80::abcd:ef01:2345:6789'],
    ['2001:db8:1234:5678:9abc:def0:1234:5678', '2001:db8:1234:5678:9abc:def0:1234:5678'],
  ])('inet_ntop(%s) = %s', (input, text) => {
    expect(formatIPv6(parseIPv6(input)!)).toBe(text);
  });

  it('agrees with the WHATWG URL serialiser wherever glibc prints no dotted tail', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(0, 0, 0, 1, 0xffff, 0xabc), { minLength: 8, maxLength: 8 }),
        (words) => {
          const b = new Uint8Array(16);
          words.forEach((w, i) => {
            b[i * 2] = w >> 8;
            b[i * 2 + 1] = w & 255;
          });
          const ours = formatIPv6(b);
          fc.pre(!ours.includes('.'));
          expect(ours).toBe(new URL(`http://[${ours}]/`).hostname.slice(1, -1));
          expect(formatIPv6(parseIPv6(ours)!)).toBe(ours);
        },
      ),
    );
  });

  it('parses strictly and recognises mapped addresses', () => {
    expect(parseIPv4('1.2.3.256')).toBeNull();
    expect(parseIPv4('1.2.3')).toBeNull();
    expect(parseIPv6('1::2::3')).toBeNull();
    expect(parseIPv6('fe80::1%eth0')).toEqual(parseIPv6('fe80::1'));
    expect(isV4Mapped(parseIPv6('::ffff:10.0.0.1')!)).toBe(true);
    expect(isV4Mapped(parseIPv6('::10.0.0.1')!)).toBe(false);
  });
});

describe('byte writers of addresses', () => {
  it('putIPv6 writes the text of formatIPv6', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(0, 0, 0, 1, 0xff, 0xffff, 0xabc, 0x1000, 0x10), {
          minLength: 8,
          maxLength: 8,
        }),
        fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }),
        fc.boolean(),
        (words, tail, useTail) => {
          const b = new Uint8Array(16);
          words.forEach((w, i) => {
            b[i * 2] = w >>> 8;
            b[i * 2 + 1] = w & 255;
          });
          if (useTail) b.set(tail, 12);
          const out = Buffer.alloc(64);
          const end = putIPv6(out, 3, b);
          expect(out.toString('latin1', 3, end)).toBe(formatIPv6(b));
        },
      ),
    );
  });

  it('putIPv4 writes the text of formatIPv4', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (a) => {
        const out = Buffer.alloc(32);
        expect(out.toString('latin1', 0, putIPv4(out, 0, a))).toBe(formatIPv4(a));
      }),
    );
  });
});
