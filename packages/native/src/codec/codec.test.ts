import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  AF_INET,
  AF_INET6,
  align4,
  attrMap,
  attrString,
  attrUint,
  buildGetAddrDump,
  buildGetLinkDump,
  buildGetRouteDump,
  decodeAddr,
  decodeError,
  decodeLink,
  decodeNfGenMsg,
  decodeRoute,
  decodeRtnl,
  encodeAttr,
  encodeMessage,
  encodeNfGenMsg,
  formatIPv6Bytes,
  IFLA,
  NLA_F_NESTED,
  NLA_F_NET_BYTEORDER,
  NLM_F_DUMP,
  NLM_F_MULTI,
  NLM_F_REQUEST,
  NLMSG_DONE,
  NLMSG_ERROR,
  nestedAttr,
  nfnlType,
  parseAttrs,
  parseMessages,
  parseNested,
  RTM,
  stringAttr,
  u32Attr,
} from './index.js';

/** Real kernel messages (see the fixture's header for how they were made). */
const fixture = readFileSync(new URL('../../test/fixtures/rtnl-dump.txt', import.meta.url), 'latin1')
  .split('\n')
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => {
    const [kind, hex] = l.split(' ');
    return { kind: kind!, buf: Buffer.from(hex!, 'hex') };
  });

describe('nlmsghdr framing', () => {
  it('encodes the header little-endian and pads the payload to 4 bytes', () => {
    const m = encodeMessage(
      { type: RTM.GETLINK, flags: NLM_F_REQUEST | NLM_F_DUMP, seq: 0x01020304, pid: 7 },
      Buffer.from([1, 2, 3, 4, 5]),
    );
    expect(m.toString('hex')).toBe(
      '15000000' + '1200' + '0103' + '04030201' + '07000000' + '0102030405000000',
    );
    expect(m.length).toBe(24);
  });

  it('builds the three rtnetlink dump requests as iproute2 sends them', () => {
    expect(buildGetLinkDump(1).toString('hex')).toBe('20000000120001030100000000000000' + '00'.repeat(16));
    expect(buildGetAddrDump(2, AF_INET6).toString('hex')).toBe(
      '18000000160001030200000000000000' + '0a00000000000000',
    );
    expect(buildGetRouteDump(3, AF_INET).toString('hex')).toBe(
      '1c000000' + '1a00' + '0103' + '03000000' + '00000000' + '020000000000000000000000',
    );
  });

  it('splits a datagram of several aligned messages and stops at a truncated tail', () => {
    const a = encodeMessage({ type: 100, flags: NLM_F_MULTI, seq: 5 }, Buffer.from([9, 9, 9]));
    const b = encodeMessage({ type: NLMSG_DONE, flags: NLM_F_MULTI, seq: 5 }, Buffer.alloc(4));
    const ms = parseMessages(Buffer.concat([a, b]));
    expect(ms.map((m) => [m.type, m.length, m.offset, m.payload.length])).toEqual([
      [100, 19, 0, 3],
      [NLMSG_DONE, 20, 20, 4],
    ]);
    expect(ms.malformed).toBeUndefined();
    const cut = parseMessages(Buffer.concat([a, b.subarray(0, 10)]));
    expect(cut).toHaveLength(1);
    expect(cut.malformed).toBe(10);
    const bogus = Buffer.from(a);
    bogus.writeUInt32LE(8, 0); // shorter than a header
    expect(parseMessages(bogus)).toHaveLength(0);
    expect(parseMessages(Buffer.alloc(3))).toHaveLength(0);
  });

  it('decodes NLMSG_ERROR: negated errno, 0 = ACK, and the echoed request header', () => {
    const req = buildGetLinkDump(42);
    const p = Buffer.concat([Buffer.from([0xff - 104, 0xff, 0xff, 0xff]), req.subarray(0, 16)]); // -105 ENOBUFS
    const m = parseMessages(encodeMessage({ type: NLMSG_ERROR, seq: 42 }, p))[0]!;
    expect(decodeError(m.payload)).toEqual({
      errno: 105,
      request: { length: 32, type: RTM.GETLINK, flags: 0x301, seq: 42, pid: 0 },
    });
    expect(decodeError(Buffer.alloc(4))).toEqual({ errno: 0, request: null });
    expect(decodeError(Buffer.alloc(2))).toBeNull();
  });

  it('aligns to 4', () => {
    expect([0, 1, 3, 4, 5, 8].map(align4)).toEqual([0, 4, 4, 4, 8, 8]);
  });
});

describe('attributes', () => {
  it('masks NLA_F_NESTED and NLA_F_NET_BYTEORDER off the type and walks nested attributes', () => {
    const inner = [u32Attr(1, 0xdeadbeef), stringAttr(2, 'veth')];
    const raw = Buffer.concat([nestedAttr(18, inner), encodeAttr(3, Buffer.from([0, 80]))]);
    raw.writeUInt16LE(raw.readUInt16LE(raw.length - 6) | NLA_F_NET_BYTEORDER, raw.length - 6);
    const attrs = parseAttrs(raw);
    expect(attrs.map((a) => [a.type, a.nested, a.netByteOrder, a.data.length])).toEqual([
      [18, true, false, 20], // 8 (u32) + 12 ("veth\0" padded)
      [3, false, true, 2],
    ]);
    expect(raw.readUInt16LE(2) & NLA_F_NESTED).toBe(NLA_F_NESTED);
    const kids = attrMap(parseNested(attrs[0]!.data));
    expect(attrUint(kids.get(1))).toBe(0xdeadbeef);
    expect(attrString(kids.get(2))).toBe('veth');
  });

  it('pads each attribute to 4 bytes and stops at a bogus length', () => {
    const a = encodeAttr(7, Buffer.from([1]));
    expect(a.toString('hex')).toBe('0500070001000000');
    const bad = Buffer.concat([a, Buffer.from([0xff, 0x00, 0x01, 0x00])]);
    expect(parseAttrs(bad).map((x) => x.type)).toEqual([7]);
    expect(attrUint(undefined)).toBeNull();
    expect(attrString(Buffer.from('ab\0cd'))).toBe('ab');
  });
});

describe('nfgenmsg', () => {
  it('encodes res_id big-endian and composes nfnetlink types', () => {
    const b = encodeNfGenMsg({ family: AF_INET, resId: 0x0102 });
    expect(b.toString('hex')).toBe('02000102');
    expect(decodeNfGenMsg(b)).toEqual({ family: 2, version: 0, resId: 0x102 });
    expect(decodeNfGenMsg(Buffer.alloc(3))).toBeNull();
    expect(nfnlType(1, 2)).toBe(0x102);
  });
});

describe('rtnetlink payloads from real kernel messages', () => {
  const decoded = fixture.map(({ buf }) => parseMessages(buf)[0]!);

  it('every fixture message is one whole message with the dump flag set', () => {
    for (const m of decoded) {
      expect(m.flags & NLM_F_MULTI).toBe(NLM_F_MULTI);
      expect(parseMessages(fixture[decoded.indexOf(m)]!.buf).malformed).toBeUndefined();
    }
  });

  it('decodes links: lo, then the veth pair with its kind, MTU, state and address', () => {
    const links = decoded.filter((m) => m.type === RTM.NEWLINK).map((m) => decodeLink(m.payload)!);
    expect(links.map((l) => [l.index, l.name, l.type, l.mtu, l.operstate, l.kind])).toEqual([
      [1, 'lo', 772, 65536, 'down', null], // lo was never set up in that namespace
      [2, 'nlc1', 1, 1500, 'up', 'veth'],
      [3, 'nlc0', 1, 1500, 'up', 'veth'],
    ]);
    expect(links[1]!.address).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    expect(links[1]!.link).toBe(3);
    expect(links[0]!.flags & 0x9).toBe(0x8); // LOOPBACK, not UP
    expect(links[0]!.map).toEqual({ memStart: 0n, memEnd: 0n, baseAddr: 0n, irq: 0, dma: 0, port: 0 });
  });

  it('decodes addresses: IPv4 with its label and broadcast, IPv6 without a label', () => {
    const addrs = decoded.filter((m) => m.type === RTM.NEWADDR).map((m) => decodeAddr(m.payload)!);
    expect(addrs[0]).toEqual({
      family: AF_INET,
      prefixlen: 24,
      flags: 0x80,
      scope: 0,
      index: 3,
      local: '10.9.8.7',
      address: '10.9.8.7',
      broadcast: '10.9.8.255',
      label: 'nlc0:x',
    });
    const v6 = addrs.filter((a) => a.family === AF_INET6).map((a) => `${a.local}/${a.prefixlen}@${a.index}`);
    expect(v6).toContain('fd00:9::7/64@3');
    expect(addrs.filter((a) => a.family === AF_INET6).every((a) => a.label === null)).toBe(true);
  });

  it('decodes routes: the static route with its gateway, table and protocol', () => {
    const routes = decoded.filter((m) => m.type === RTM.NEWROUTE).map((m) => decodeRoute(m.payload)!);
    const r = routes.find((x) => x.dst === '10.55.0.0')!;
    expect(r).toMatchObject({
      family: AF_INET,
      dstLen: 16,
      gateway: '10.9.8.1',
      oif: 3,
      table: 254,
      protocol: 4,
      type: 1,
    });
    expect(routes.some((x) => x.family === AF_INET6 && x.dst === 'fd00:9::' && x.dstLen === 64)).toBe(true);
  });

  it('decodeRtnl tells kind and operation; short payloads and other types give null', () => {
    const e = decodeRtnl(decoded[0]!);
    expect(e?.kind).toBe('link');
    expect(e?.op).toBe('new');
    expect(decodeRtnl({ type: RTM.DELADDR, payload: Buffer.alloc(3) })).toBeNull();
    expect(decodeRtnl({ type: 99, payload: Buffer.alloc(64) })).toBeNull();
    expect(
      decodeLink(Buffer.concat([Buffer.alloc(16), u32Attr(IFLA.MTU, 9000), Buffer.from([0xff, 0xff])]))?.mtu,
    ).toBe(9000);
  });
});

describe('IPv6 text', () => {
  it('follows RFC 5952 (longest zero run, first on ties, no :: for one group, mapped IPv4)', () => {
    const h = (s: string) => Buffer.from(s.replace(/:/g, ''), 'hex');
    expect(formatIPv6Bytes(h('2001:0db8:0000:0000:0001:0000:0000:0001'))).toBe('2001:db8::1:0:0:1');
    expect(formatIPv6Bytes(h('2001:0db8:0000:0001:0001:0001:0001:0001'))).toBe('2001:db8:0:1:1:1:1:1');
    expect(formatIPv6Bytes(Buffer.alloc(16))).toBe('::');
    expect(formatIPv6Bytes(h('0000:0000:0000:0000:0000:ffff:0a00:0001'))).toBe('::ffff:10.0.0.1');
    expect(formatIPv6Bytes(h('fe80:0000:0000:0000:0000:0000:0000:0000'))).toBe('fe80::');
  });
});
