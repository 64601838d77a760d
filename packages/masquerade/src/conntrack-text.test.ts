import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { natKind } from './conntrack.js';
import {
  ConntrackScanner,
  MAX_SKIPPED_KEPT,
  parseConntrackLine,
  parseConntrackText,
} from './conntrack-text.js';

const FIX = resolve(__dirname, '../../../fixtures');
const live = readFileSync(`${FIX}/conntrack-live/root/proc/net/nf_conntrack`, 'latin1');
const liveL = readFileSync(`${FIX}/conntrack-live/conntrack-L.txt`, 'latin1');
const extended = readFileSync(
  `${FIX}/conntrack-live/root/sos_commands/conntrack/conntrack_-L_-o_extended`,
  'latin1',
);
const synthetic = readFileSync(`${FIX}/conntrack-synthetic/root/proc/net/nf_conntrack`, 'latin1');

function entry(line: string) {
  const r = parseConntrackLine(line);
  if (!r.ok) throw new Error(r.reason);
  return r.entry;
}

describe('parseConntrackLine (/proc/net/nf_conntrack and conntrack -L)', () => {
  it('reads a captured /proc line: SNAT with accounting, zone and delta-time', () => {
    const e = entry(live.split('\n')[0]!);
    expect(e).toMatchObject({
      l3: 'ipv4',
      protocol: 'tcp',
      protonum: 6,
      timeout: 431994,
      state: 'ESTABLISHED',
      original: { src: '10.77.1.2', dst: '10.77.2.2', sport: 40001, dport: 8080, packets: 4, bytes: 221 },
      reply: { src: '10.77.2.2', dst: '10.77.2.1', sport: 8080, dport: 40001, packets: 3, bytes: 169 },
      flags: ['ASSURED'],
      mark: 0,
      zone: 0,
      secctx: null,
      deltaTime: 5,
      use: 2,
    });
    expect(natKind(e)).toBe('snat');
  });

  it('every live capture line parses, and the three text formats give the same entries', () => {
    const a = parseConntrackText(live);
    const b = parseConntrackText(liveL);
    const c = parseConntrackText(extended);
    expect([a.skippedCount, b.skippedCount, c.skippedCount]).toEqual([0, 0, 0]);
    expect(a.entries).toHaveLength(10);
    // conntrack -L leaves out zone=0 and prints use=1 (its own reference) and its own delta-time.
    const strip = (x: (typeof a.entries)[number]) => ({ ...x, zone: null, use: null, deltaTime: null });
    expect(b.entries.map(strip)).toEqual(a.entries.map(strip));
    expect(c.entries.map(strip)).toEqual(a.entries.map(strip));
  });

  it('classifies SNAT, DNAT, both, port rewrite, and no NAT', () => {
    const kinds = parseConntrackText(live).entries.map(
      (e) => `${e.protocol}:${e.original.sport ?? e.original.icmpId}:${natKind(e)}`,
    );
    expect(kinds).toContain('tcp:40001:snat');
    expect(kinds).toContain('tcp:40004:both'); // 9090 DNAT'd to 8080 and masqueraded
    expect(kinds).toContain('tcp:40005:dnat'); // 7070 forwarded to the client
    expect(kinds).toContain('udp:40003:snat'); // port rewrite 40003 -> 20004
    const noNat = entry(synthetic.split('\n')[10]!);
    expect(natKind(noNat)).toBe('none');
  });

  it('ICMP and ICMPv6: type, code and echo id; IPv6 addresses canonical', () => {
    const [icmp] = parseConntrackText(live).entries.filter((e) => e.protocol === 'icmpv6');
    expect(icmp!.original).toMatchObject({
      src: 'fd77:1::2',
      dst: 'fd77:2::2',
      icmpType: 128,
      icmpCode: 0,
      icmpId: 16962,
    });
    expect(icmp!.reply).toMatchObject({ src: 'fd77:2::2', dst: 'fd77:2::1', icmpType: 129, icmpId: 16962 });
    expect(icmp!.zone).toBe(7);
    expect(natKind(icmp!)).toBe('snat');
  });

  it('[UNREPLIED] between the tuples, secctx, offload without timeout, zones per direction', () => {
    const lines = synthetic.split('\n');
    expect(entry(lines[2]!)).toMatchObject({ state: 'SYN_SENT', flags: ['UNREPLIED'] });
    expect(entry(lines[1]!).secctx).toBe('system_u:object_r:unlabeled_t:s0');
    expect(entry(lines[7]!)).toMatchObject({ timeout: null, state: 'ESTABLISHED', flags: ['OFFLOAD'] });
    const z = entry(lines[8]!);
    expect([z.original.zone, z.reply.zone, z.zone, z.mark]).toEqual([3, 4, 2, 16]);
  });

  it('GRE keys as ports (old kernels print timeouts first), SCTP, unknown protocols', () => {
    const lines = synthetic.split('\n');
    const gre = entry(lines[4]!);
    expect(gre).toMatchObject({ protocol: 'gre', protonum: 47, timeout: 179 });
    expect([gre.original.sport, gre.original.dport, gre.reply.sport, gre.reply.dport]).toEqual([
      0, 26, 26, 0,
    ]);
    expect(entry(lines[5]!)).toMatchObject({ protocol: 'sctp', state: 'ESTABLISHED', mark: 5 });
    const u = entry(lines[6]!);
    expect(u).toMatchObject({ protocol: 'unknown', protonum: 99, timeout: 590 });
    expect([u.original.sport, u.reply.dport]).toEqual([null, null]);
  });

  it('rejects what is not an entry, with a reason', () => {
    for (const bad of [
      '',
      'ipv4 2 tcp',
      'ipv4 2 tcp 6 10 ESTABLISHED src=1.2.3.4 dst=5.6.7.8 sport=1 dport=2',
      'ipv4 2 tcp 6 10 src=1.2.3.400 dst=5.6.7.8 src=5.6.7.8 dst=1.2.3.4',
      'ipv4 2 tcp 6 10 src=1.2.3.4 dst=5.6.7.8 sport=70000 src=5.6.7.8 dst=1.2.3.4',
      'ipv4 2 tcp 6 10 src=fd00::1 dst=5.6.7.8 src=5.6.7.8 dst=1.2.3.4',
      'ipv4 2 tcp 6 10 src=1.2.3.4 dst=5.6.7.8 src=5.6.7.8 dst=1.2.3.4 src=1.1.1.1',
      'ipv4 2 tcp 6 10 src=1.2.3.4 dst=5.6.7.8 garbage src=5.6.7.8 dst=1.2.3.4',
      'ipv4 2 TCP 6 10 src=1.2.3.4 dst=5.6.7.8 src=5.6.7.8 dst=1.2.3.4',
    ]) {
      const r = parseConntrackLine(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.reason.length).toBeGreaterThan(0);
    }
  });

  it('the scanner joins lines split across pieces and counts bogus lines', () => {
    const text = `${live}bogus line\n${live}`;
    for (const size of [1, 7, 64, 4096]) {
      const got: string[] = [];
      const s = new ConntrackScanner((e) => got.push(`${e.original.src}:${e.original.sport}`));
      const b = Buffer.from(text, 'latin1');
      for (let i = 0; i < b.length; i += size) s.push(b.subarray(i, i + size));
      s.end();
      expect(got).toHaveLength(20);
      expect([s.skippedCount, s.skipped[0]?.line]).toEqual([1, 11]);
    }
  });

  it('keeps at most MAX_SKIPPED_KEPT reasons but counts every bogus line', () => {
    const r = parseConntrackText('x\n'.repeat(100));
    expect([r.skippedCount, r.skipped.length]).toEqual([100, MAX_SKIPPED_KEPT]);
  });
});

describe('parser properties (fast-check)', () => {
  const lines = [...live.split('\n'), ...synthetic.split('\n'), ...liveL.split('\n')].filter(Boolean);

  it('random text: every non-blank line is an entry or a counted skip, never an exception', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 200 }), { maxLength: 30 }), (arr) => {
        // Bytes as a file holds them (latin1), so that "blank" means the same here and there.
        const text = Buffer.from(arr.join('\n'), 'latin1').toString('latin1');
        const r = parseConntrackText(text);
        const nonBlank = text.split('\n').filter((l) => l.trim() !== '').length;
        expect(r.entries.length + r.skippedCount).toBe(nonBlank);
      }),
      { numRuns: 300 },
    );
  });

  it('mutated real lines (token dropped, duplicated, swapped, byte changed) never throw', () => {
    const mutate = fc.tuple(
      fc.constantFrom(...lines),
      fc.nat(),
      fc.nat(),
      fc.constantFrom('drop', 'dup', 'swap', 'byte', 'cut'),
      fc.integer({ min: 0, max: 255 }),
    );
    fc.assert(
      fc.property(fc.array(mutate, { minLength: 1, maxLength: 20 }), (ms) => {
        const out = ms.map(([line, a, b, op, byte]) => {
          const t = line.split(' ');
          const i = a % t.length;
          const j = b % t.length;
          if (op === 'drop') t.splice(i, 1);
          else if (op === 'dup') t.splice(i, 0, t[i]!);
          else if (op === 'swap') [t[i], t[j]] = [t[j]!, t[i]!];
          else if (op === 'cut') return line.slice(0, a % (line.length + 1));
          else {
            const s = t.join(' ');
            const k = a % s.length;
            return s.slice(0, k) + String.fromCharCode(byte) + s.slice(k + 1);
          }
          return t.join(' ');
        });
        const text = Buffer.from(out.join('\n'), 'latin1').toString('latin1');
        const r = parseConntrackText(text);
        const nonBlank = text.split('\n').filter((l) => l.trim() !== '').length;
        expect(r.entries.length + r.skippedCount).toBe(nonBlank);
        for (const e of r.entries) {
          expect(e.original.src && e.original.dst && e.reply.src && e.reply.dst).toBeTruthy();
          expect(['snat', 'dnat', 'both', 'none']).toContain(natKind(e));
        }
      }),
      { numRuns: 500 },
    );
  });
});
