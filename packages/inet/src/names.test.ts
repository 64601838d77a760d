import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { endpointText } from './names.js';

describe('endpointText (spec §2.4 trimming)', () => {
  it('reproduces the verified examples', () => {
    const h6 = '2001:db8:1234:5678:9abc:def0:1234:5678';
    const long = 'a-very-long-hostname-that-exceeds.example.com';
    expect(endpointText(h6, '8080', false)).toBe('2001:db8:1234:5678:8080');
    expect(endpointText(h6, 'http-alt', false)).toBe('2001:db8:1234::http-alt');
    expect(endpointText(h6, 'tcpmux', false)).toBe('2001:db8:1234:56:tcpmux');
    expect(endpointText('fe80::abcd:ef01:2345:6789', '12345', false)).toBe('fe80::abcd:ef01:2:12345');
    expect(endpointText(long, '40001', false)).toBe('a-very-long-hostn:40001');
    expect(endpointText(long, '*', false)).toBe('a-very-long-hostname-:*');
    expect(endpointText('host-a.example.com', 'ssh', false)).toBe('host-a.example.com:ssh');
    expect(endpointText(h6, '8080', true)).toBe(`${h6}:8080`);
  });

  it('keeps HOST:PORT when short, else cuts PORT to <= 18 and HOST to 22 - len(PORT)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', ':', '.', '1', 'z'), maxLength: 60 });
    fc.assert(
      fc.property(text, text, (host, port) => {
        const r = endpointText(host, port, false);
        if (host.length + port.length <= 22) {
          expect(r).toBe(`${host}:${port}`);
          return;
        }
        const plen = Math.min(port.length, 18);
        expect(r).toBe(`${host.slice(0, 22 - plen)}:${port.slice(0, plen)}`);
        expect(r.length).toBeLessThanOrEqual(23);
        if (host.length >= 22 - plen) expect(r.length).toBe(23);
        expect(r.endsWith(port.slice(0, plen))).toBe(true);
        expect(endpointText(host, port, true)).toBe(`${host}:${port}`);
      }),
    );
  });
});
