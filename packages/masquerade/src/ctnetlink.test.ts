import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ConntrackEntry, natKind } from './conntrack.js';
import { parseConntrackText } from './conntrack-text.js';
import { CT_GET, ctDumpRequest, decodeCtMessage, IPS, splitNetlinkMessages } from './ctnetlink.js';

const FIX = resolve(__dirname, '../../../fixtures/conntrack-live');
// Datagrams of a real IPCTNL_MSG_CT_GET dump in the router namespace (fixtures/conntrack-live/capture.sh),
// taken right after the /proc/net/nf_conntrack copy beside it.
const dump = readFileSync(`${FIX}/ctnetlink-dump.bin`);
const proc = readFileSync(`${FIX}/root/proc/net/nf_conntrack`, 'latin1');

function entries(): ConntrackEntry[] {
  const out: ConntrackEntry[] = [];
  for (const m of splitNetlinkMessages(dump)) {
    const d = decodeCtMessage(m);
    if (d.kind === 'entry') out.push(d.entry);
  }
  return out;
}

/** The facts both sources carry (ctnetlink has no delta-time; `use` and timeouts move on). */
function comparable(e: ConntrackEntry) {
  return {
    l3: e.l3,
    protocol: e.protocol,
    protonum: e.protonum,
    state: e.state,
    original: e.original,
    reply: e.reply,
    flags: e.flags,
    mark: e.mark,
    zone: e.zone ?? 0,
  };
}
const key = (e: ConntrackEntry) =>
  `${e.l3} ${e.protocol} ${e.original.src} ${e.original.sport} ${e.original.icmpId}`;

describe('ctnetlink codec', () => {
  it('builds the dump request: nlmsghdr REQUEST|DUMP + nfgenmsg', () => {
    const b = ctDumpRequest(7, 2);
    expect([...b]).toEqual([20, 0, 0, 0, 1, 1, 0x01, 0x03, 7, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0]);
    expect(b.readUInt16LE(4)).toBe(CT_GET);
  });

  it('decodes the captured kernel dump into the entries /proc/net/nf_conntrack showed', () => {
    const nl = entries();
    const msgs = splitNetlinkMessages(dump).map(decodeCtMessage);
    expect(msgs.at(-1)).toEqual({ kind: 'done' });
    const fromProc = parseConntrackText(proc).entries;
    expect(nl).toHaveLength(fromProc.length);
    const sort = (a: ConntrackEntry[]) => [...a].sort((x, y) => key(x).localeCompare(key(y))).map(comparable);
    expect(sort(nl)).toEqual(sort(fromProc));
    for (const e of nl) {
      const p = fromProc.find((x) => key(x) === key(e))!;
      expect(Math.abs(e.timeout! - p.timeout!)).toBeLessThanOrEqual(2);
      expect(e.status).toBeTypeOf('number');
      expect(e.id).toBeTypeOf('number');
      // The kernel's NAT bits agree with the tuple comparison.
      const k = natKind(e);
      expect(Boolean(e.status! & IPS.SRC_NAT)).toBe(k === 'snat' || k === 'both');
      expect(Boolean(e.status! & IPS.DST_NAT)).toBe(k === 'dnat' || k === 'both');
    }
  });

  it('kernel errors, DONE and foreign messages', () => {
    const err = Buffer.alloc(36);
    err.writeUInt32LE(36, 0);
    err.writeUInt16LE(2, 4);
    err.writeInt32LE(-1, 16);
    expect(decodeCtMessage(err)).toEqual({ kind: 'error', errno: 1 });
    const other = Buffer.from(ctDumpRequest());
    expect(decodeCtMessage(other).kind).toBe('skip');
    expect(decodeCtMessage(Buffer.alloc(3)).kind).toBe('skip');
  });

  it('truncated or corrupted messages are skipped, never thrown', () => {
    const msgs = splitNetlinkMessages(dump);
    fc.assert(
      fc.property(
        fc.constantFrom(...msgs),
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
        fc.nat(),
        (m, at, byte, cut) => {
          const b = Buffer.from(m);
          b[at % b.length] = byte;
          const c = b.subarray(0, cut % (b.length + 1));
          const d = decodeCtMessage(c);
          expect(['entry', 'skip', 'done', 'error']).toContain(d.kind);
          if (d.kind === 'entry') expect(d.entry.original.src).not.toBe('');
        },
      ),
      { numRuns: 2000 },
    );
  });
});
