import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  IpMasqueradeScanner,
  MASQ_ENTRY_MAX,
  MASQ_ERRORS,
  parseIpMasquerade,
} from './proc-net-ip-masquerade.js';
import { ScanStream, toLong, toUnsignedLong } from './scanf.js';

const H = 'Prc FromIP   FPrt ToIP     TPrt Masq Init-seq  Delta PDelta Expires (free=40,40,40)\n';

describe('ScanStream', () => {
  it('reads hex with sign and 0x prefix, and "0x" alone as 0', () => {
    const s = new ScanStream(' -0x10 0x: zz');
    const a = s.number(16)!;
    expect(toUnsignedLong(a)).toBe((1n << 64n) - 16n);
    expect(toUnsignedLong(s.number(16)!)).toBe(0n);
    expect(s.literal(':')).toBe(true);
    expect(s.number(16)).toBeNull();
  });
  it('saturates like strtoul/strtol', () => {
    const big = new ScanStream('99999999999999999999 -99999999999999999999');
    const a = big.number(10)!;
    const b = big.number(10)!;
    expect(toUnsignedLong(a)).toBe((1n << 64n) - 1n);
    expect(toUnsignedLong(b)).toBe((1n << 64n) - 1n);
    expect(toLong(a)).toBe((1n << 63n) - 1n);
    expect(toLong(b)).toBe(-(1n << 63n));
  });
});

describe('parseIpMasquerade', () => {
  it('reads the spec sample', () => {
    const p = parseIpMasquerade(
      `${H}TCP C0A80002:0400 0A000001:0016 F000 0001E240     5     -3   15012\nICMP 7F000001:0000 0A000002:0000 F002 00000000     0      0   99\n`,
    );
    expect(p.error).toBeNull();
    expect(p.hasPDelta).toBe(true);
    expect(p.entries[0]).toEqual({
      protocolWord: 'TCP',
      protocol: 'tcp',
      source: 0xc0a80002,
      sourcePort: 1024,
      destination: 0x0a000001,
      destinationPort: 22,
      masqPort: 0xf000,
      initSeq: 123456,
      delta: 5,
      pdelta: -3,
      expires: 15012,
    });
    expect(p.entries[1]!.protocol).toBe('icmp');
  });

  it('applies C type widths: 16-bit ports, short deltas, 32-bit addresses, 64-bit longs', () => {
    const p = parseIpMasquerade(
      `${H}TCP 1C0A80002:10016 0A000001:-16 1F000 1FFFFFFFFFFFFFFFFF 70000 -32769 18446744073709551615\n`,
    );
    const e = p.entries[0]!;
    expect([e.source, e.sourcePort, e.destinationPort, e.masqPort]).toEqual([
      0xc0a80002, 0x16, 65514, 0xf000,
    ]);
    expect([e.delta, e.pdelta]).toEqual([4464, 32767]);
    expect(e.initSeq).toBe('18446744073709551615');
    expect(e.expires).toBe('18446744073709551615');
  });

  it('without PDelta in the header reads entries without it', () => {
    const p = parseIpMasquerade('Prc FromIP Delta Expires\nUDP 1:2 3:4 5 6 7 8\n');
    expect(p.hasPDelta).toBe(false);
    expect(p.entries[0]).toMatchObject({ delta: 7, pdelta: null, expires: 8 });
  });

  it('reads only 255 bytes of header; the rest is input', () => {
    const long = `${'H'.repeat(250)}PDelta\nTCP 1:2 3:4 5 6 7 8 9\n`;
    expect(parseIpMasquerade(long).error).toBe('format');
    const ok = `PDelta${'H'.repeat(249)}TCP 1:2 3:4 5 6 7 8 9\n`;
    const p = parseIpMasquerade(ok);
    expect(p.error).toBeNull();
    expect(p.entries).toHaveLength(1);
  });

  it('reports 2.10’s internal errors', () => {
    expect(parseIpMasquerade('').error).toBe('fgets');
    expect(parseIpMasquerade(`${H}TCP 1:2 3:4 5 6 7 8`).error).toBe('format');
    expect(parseIpMasquerade(`${H}TCP 1:2 3:4 5 6 7 8 9 TCP`).error).toBe('format');
    expect(parseIpMasquerade(`${H}TCP 1 :2 3:4 5 6 7 8 9`).error).toBe('format');
    expect(parseIpMasquerade(`${H}TCP 1:2 3:4 5 6 7 8 1.5`).error).toBe('format');
    expect(parseIpMasquerade(`${H}tcp 1:2 3:4 5 6 7 8 9`).error).toBe('type');
    expect(parseIpMasquerade(`${H}FOO 1`).error).toBe('format');
    expect(parseIpMasquerade(`${H}TCP\0junk 1:2 3:4 5 6 7 8 9`).entries[0]!.protocol).toBe('tcp');
    expect(parseIpMasquerade(`${H} \n\t\n`)).toEqual({ hasPDelta: true, entries: [], error: null });
  });

  it('never throws on random bytes', () => {
    let seed = 11;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    const alphabet = 'TCPUDP0123456789ABCDEFx:+- \n\t';
    for (let k = 0; k < 300; k++) {
      let s = k % 2 ? H : '';
      const n = rnd() % 300;
      for (let i = 0; i < n; i++)
        s += rnd() % 4 ? alphabet[rnd() % alphabet.length] : String.fromCharCode(rnd() % 256);
      parseIpMasquerade(s);
    }
  });
});

describe('ScanStream numbers: the number form agrees with the BigInt magnitude', () => {
  it('for random hex and decimal fields of 1 to 30 digits, signed or not', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('', '+', '-'),
        fc.boolean(),
        fc.stringMatching(/^[0-9a-fA-F]{1,30}$/),
        (sign, hex, digitsRaw) => {
          const digits = hex ? digitsRaw : digitsRaw.replace(/[a-fA-F]/g, '7');
          const n = new ScanStream(`${sign}${digits} `).number(hex ? 16 : 10)!;
          const expected = BigInt(`${hex ? '0x' : ''}${digits}`);
          expect(n.magnitude).toBe(expected);
          if (n.small !== null) expect(BigInt(n.small)).toBe(expected);
          if (digits.length < 12) expect(n.small).not.toBeNull();
          expect(n.negative).toBe(sign === '-');
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('IpMasqueradeScanner: the file read in windows reads as the whole text', () => {
  const scanWindows = (text: string, window: number, piece: number) => {
    const entries: unknown[] = [];
    const s = new IpMasqueradeScanner((e) => entries.push(e), window);
    for (let i = 0; i < text.length; i += piece) s.push(text.slice(i, i + piece));
    return { ...s.end(), entries };
  };

  it('for random entries cut at any place (numbers, words and blank runs across pieces)', () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    const alphabet = 'TCPUDP0123456789ABCDEFx:+- \n\t';
    const good = 'TCP C0A80002:0400 0A000001:0016 F000 0001E240     5     -3   15012\n';
    for (let k = 0; k < 600; k++) {
      let s = k % 3 ? H : k % 2 ? 'Prc\n' : '';
      const n = rnd() % 8;
      for (let i = 0; i < n; i++) s += rnd() % 3 ? good : '';
      const junk = rnd() % 40;
      for (let i = 0; i < junk; i++) s += alphabet[rnd() % alphabet.length];
      for (let i = 0; i < n; i++) s += rnd() % 5 ? good.replace(/ +/g, ' '.repeat(1 + (rnd() % 4))) : '';
      const whole = parseIpMasquerade(s);
      for (const [window, piece] of [
        [1, 1],
        [8, 3],
        [40, 17],
      ] as const)
        expect(scanWindows(s, window, piece)).toEqual(whole);
    }
  });

  it('holds at most MASQ_ENTRY_MAX bytes of one entry: a longer one stops the scan with a message', () => {
    const r = scanWindows(`${H}TCP ${'0'.repeat(MASQ_ENTRY_MAX + 10)}:1 2:3 4 5 6 7 8\n`, 1 << 16, 1 << 16);
    expect(r.error).toBe('long');
    expect(MASQ_ERRORS.long).toBe(
      'netstat: /proc/net/ip_masquerade: an entry is longer than 1048576 bytes (not read).',
    );
    // Blank runs between entries are not held.
    const blanks = scanWindows(
      `${H}${' \n'.repeat(MASQ_ENTRY_MAX)}TCP 1:2 3:4 5 6 7 8 9\n`,
      1 << 16,
      1 << 16,
    );
    expect(blanks.error).toBeNull();
    expect(blanks.entries).toHaveLength(1);
  });
});
