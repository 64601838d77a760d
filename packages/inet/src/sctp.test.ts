import { describe, expect, it } from 'vitest';
import { inetAton, parseSctpAssocs, parseSctpEps } from './sctp.js';

const EPS = ' ENDPT     SOCK   STY SST HBKT LPORT   UID INODE LADDRS\n';
const ASSOCS =
  ' ASSOC     SOCK   STY SST ST HBKT ASSOC-ID TX_QUEUE RX_QUEUE UID INODE LPORT RPORT LADDRS <-> RADDRS HBINT INS OUTS MAXRT T1X T2X RTXC wmema wmemq sndbuf rcvbuf\n';

describe('parseSctpEps', () => {
  it('reads the fixed fields and the address list up to a tab (spec §2.8 sample)', () => {
    const { records, diagnostics } = parseSctpEps(
      `${EPS}ffff888000000001 ffff888000000002 2   10  12   9999      0  4444 10.0.0.1  192.168.1.1 \t 1.2.3.4\n`,
    );
    expect(diagnostics).toEqual([]);
    expect(records[0]).toMatchObject({ state: 10, port: 9999, uid: 0, inode: 4444 });
    expect(records[0]!.addresses.map((a) => a.v4)).toEqual([0x0a000001, 0xc0a80101]);
  });

  it('flags lines without INODE, keeps lines without addresses', () => {
    const { records, diagnostics } = parseSctpEps(`${EPS}a b 2 3 12 22 1000\n\na b 2 3 12 22 1000 4446\n`);
    expect(diagnostics.map((d) => d.message)).toEqual(Array(2).fill('warning, got bogus sctp eps line.'));
    expect(records[0]!.addresses).toEqual([]);
  });

  it('keeps a leading * in endpoint addresses (not an address: 255.255.255.255), decodes IPv6 groups', () => {
    const r = parseSctpEps(`${EPS}a b 2 -1 12 70000 -3 -4447 *127.0.0.1 2001:db8:0:0:0:0:0:1\n`).records[0]!;
    expect(r).toMatchObject({ state: -1, port: 70000, uid: -3, inode: 2n ** 64n - 4447n });
    expect(r.addresses[0]!.v4).toBe(0xffffffff);
    expect(r.addresses[1]!.family).toBe(6);
    expect(r.addresses[1]!.v6![15]).toBe(1);
  });
});

describe('parseSctpAssocs', () => {
  it('splits LADDRS <-> RADDRS and strips the primary-path star', () => {
    const line =
      'ffff888000000005 ffff888000000006 2   1   3  4       1      100      200       0  5555 9999  40000 *10.0.0.1 192.168.1.1 <-> *10.0.0.2 10.0.0.3 10.0.0.4 \t   30000    10\n';
    const r = parseSctpAssocs(`${ASSOCS}${line}`).records[0]!;
    expect(r).toMatchObject({
      state: 1,
      txQueue: 100,
      rxQueue: 200,
      uid: 0,
      inode: 5555,
      localPort: 9999,
      remotePort: 40000,
    });
    expect(r.local.map((a) => a.text)).toEqual(['10.0.0.1', '192.168.1.1']);
    expect(r.remote.map((a) => a.text)).toEqual(['10.0.0.2', '10.0.0.3', '10.0.0.4']);
  });

  it('uses strtok semantics for odd separators and C conversions for queues', () => {
    const a = parseSctpAssocs(
      `${ASSOCS}x y 2 1 3 4 1 -100 99999999999 1000 5555 0 40000 10.0.0.1-10.0.0.9>10.0.0.2 \t 1\n`,
    );
    expect(a.records[0]).toMatchObject({ txQueue: 4294967196, rxQueue: 1215752191 });
    expect(a.records[0]!.local.map((x) => x.text)).toEqual(['10.0.0.1']);
    expect(a.records[0]!.remote.map((x) => x.text)).toEqual(['10.0.0.9']);
    const b = parseSctpAssocs(
      `${ASSOCS}x y 2 1 3 4 1 1 2 0 5555 9999 40000 <-> 10.0.0.3\nx y 2 1 3 4 1 1 2 0 5555 9999\n`,
    );
    expect(b.records[0]!.local.map((x) => x.text)).toEqual(['10.0.0.3']);
    expect(b.records[0]!.remote).toEqual([]);
    expect(b.diagnostics.map((d) => d.message)).toEqual(['warning, got bogus sctp assoc line.']);
  });
});

describe('inetAton', () => {
  it('accepts the glibc forms and rejects the rest', () => {
    expect(inetAton('127.1')).toBe(0x7f000001);
    expect(inetAton('0x7f.0.0.1')).toBe(0x7f000001);
    expect(inetAton('010.0.0.1')).toBe(0x08000001);
    expect(inetAton('1.2.3.4')).toBe(0x01020304);
    expect(inetAton('300.1.1.1')).toBeNull();
    expect(inetAton('bogus')).toBeNull();
    expect(inetAton('1.2.3.4.5')).toBeNull();
    expect(inetAton('08')).toBeNull();
  });
});
