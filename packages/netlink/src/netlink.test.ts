import { readFileSync } from 'node:fs';
import { createContext } from '@netstat-ts/core';
import { makeRoot, pluginContract, underReadCap } from '@netstat-ts/core/testing';
import { parseMessages, RTM } from '@netstat-ts/native/codec';
import { describe, expect, it } from 'vitest';
import { changeText } from './format.js';
import {
  applyChange,
  type Change,
  diffStates,
  emptyState,
  type LinkObject,
  type RouteObject,
} from './model.js';
import plugin from './plugin.js';
import { parseProcNetNetlink } from './proc-net-netlink.js';
import { ipv4FromFibTrie, parseIfInet6, parseIpv6Route, parseProcNetRoute } from './proc-source.js';
import { messageChange, type NameCache } from './rtnl-source.js';
import { formatNetlinkRow, netlinkHeader } from './sockets.js';

const PROC = `sk               Eth Pid        Groups   Rmem     Wmem     Dump  Locks    Drops    Inode
00000000daadab46 0   0          00000000 0        0        0     2        0        4       
0000000061b2c0ac 0   2104       00000551 0        0        0     2        0        23410   
00000000945db36e 15  4294963201 00000001 2304     512      1     2        7        1591    
garbage line here
00000000aaaaaaaa 12  0          00000000 0        0        0     2
`;

describe('/proc/net/netlink', () => {
  it('parses every column, names protocols, keeps u32 port ids and reports bogus lines', () => {
    const { records, diagnostics } = parseProcNetNetlink(PROC);
    expect(records).toHaveLength(4);
    expect(records[1]).toEqual({
      address: '0000000061b2c0ac',
      protocolNumber: 0,
      protocol: 'rtnl',
      portId: 2104,
      groups: 0x551,
      recvQ: 0,
      sendQ: 0,
      dump: false,
      locks: 2,
      drops: 0,
      inode: 23410,
    });
    expect(records[2]).toMatchObject({
      protocol: 'kobject_uevent',
      portId: 4294963201,
      recvQ: 2304,
      sendQ: 512,
      dump: true,
      drops: 7,
    });
    expect(records[3]).toMatchObject({ protocol: 'nfnetlink', drops: null, inode: null });
    expect(diagnostics).toEqual([{ level: 'warning', message: 'warning, got bogus netlink line 5.' }]);
  });

  it('renders the table with -e and -p columns', async () => {
    const root = makeRoot({ '/proc/net/netlink': PROC });
    const ctx = createContext({ root, options: { families: new Set(['netlink']), flagArg: 1, extend: 2 } });
    const [s] = await plugin.sockets!(ctx);
    let out = '';
    let err = '';
    s!.write({ out: (t) => (out += t), err: (t) => (err += t) });
    expect(out.split('\n').slice(0, 3)).toEqual([
      'Active netlink sockets',
      'Proto           Recv-Q Send-Q Port-ID    Groups      Drops      Inode',
      'rtnl                 0      0 0          00000000        0          4',
    ]);
    expect(out).toContain('kobject_uevent    2304    512 4294963201 00000001        7       1591\n');
    expect(out).toContain('nfnetlink            0      0 0          00000000        -          -\n');
    expect(err).toBe('warning, got bogus netlink line 5.\n');
    expect(s!.table!.rows[1]).toMatchObject({
      portId: 2104,
      groups: 0x551,
      recvQ: 0,
      sendQ: 0,
      inode: 23410,
      owner: null,
    });
    const o = { extend: 1, programs: true };
    expect(netlinkHeader(o)).toBe('Proto           Recv-Q Send-Q Port-ID    Groups   PID/Program name');
    expect(formatNetlinkRow({ ...s!.table!.rows[1]!, program: '2104/systemd' } as never, o)).toBe(
      'rtnl                 0      0 2104       00000551 2104/systemd\n',
    );
  });

  it('streams the file: a Host that refuses files over 64 bytes prints the same', async () => {
    const [head, ...body] = PROC.split('\n');
    const root = makeRoot({ '/proc/net/netlink': `${head}\n${body.join('\n').repeat(20)}` });
    const o = { families: new Set(['netlink']), flagArg: 1, extend: 2 };
    const { normal, capped } = await underReadCap(root, o, plugin.sockets!);
    expect(capped).toEqual(normal);
    expect(normal.rows[0]).toHaveLength(20 * 4);
    expect(normal.stderr.split('\n').slice(0, 2)).toEqual([
      'warning, got bogus netlink line 5.',
      'warning, got bogus netlink line 10.',
    ]);
  });

  it('a missing file is "no support" (status 1)', async () => {
    const ctx = createContext({
      root: makeRoot({}),
      options: { families: new Set(['netlink']), flagArg: 1 },
    });
    const [s] = await plugin.sockets!(ctx);
    expect(s!.status).toBe(1);
    let err = '';
    s!.write({ out: () => {}, err: (t) => (err += t) });
    expect(err).toBe("netstat: no support for `AF NETLINK' on this system.\n");
  });
});

pluginContract({
  plugin,
  options: { families: new Set(['netlink']), flagArg: 1 },
  malformed: { '/proc/net/netlink': 'sk Eth\nnot a line\n' },
});

describe('event records', () => {
  const link: LinkObject = {
    index: 3,
    name: 'nla0',
    operstate: 'up',
    mtu: 1500,
    address: '02:00:00:00:00:01',
    flags: 0x1043,
    kind: 'veth',
  };
  const route: RouteObject = {
    family: 'inet',
    destination: '0.0.0.0',
    dstLen: 0,
    gateway: '10.0.0.1',
    index: 3,
    device: 'nla0',
    table: 254,
    protocol: 4,
    type: 1,
    scope: 0,
    priority: null,
    prefsrc: null,
  };
  const hosts = { hostName: (a: string) => (a === '10.0.0.1' ? 'gw.example' : undefined) };

  it('are tab-separated, names resolved unless -n, absent values as -', () => {
    expect(changeText({ type: 'NEWDEVICE', object: link }, { numeric: false })).toBe(
      'NEWDEVICE\tnla0\t3\tup\t1500\t02:00:00:00:00:01',
    );
    expect(changeText({ type: 'NEWROUTE', object: route }, { numeric: false, resolver: hosts })).toBe(
      'NEWROUTE\tinet\tdefault\tgw.example\tnla0\tmain\tstatic\tunicast',
    );
    expect(
      changeText(
        { type: 'DELROUTE', object: { ...route, protocol: null, table: 1000 } },
        { numeric: true, resolver: hosts },
      ),
    ).toBe('DELROUTE\tinet\t0.0.0.0/0\t10.0.0.1\tnla0\t1000\t-\tunicast');
    const addr = {
      family: 'inet' as const,
      index: 7,
      device: null,
      address: '10.0.0.2',
      prefixlen: 24,
      peer: null,
      broadcast: null,
      label: 'x\ty',
      scope: 0,
    };
    expect(changeText({ type: 'DELADDR', object: addr }, { numeric: true })).toBe(
      'DELADDR\t#7\tinet\t10.0.0.2/24\tx?y',
    );
    expect(
      changeText({ type: 'NEWADDR', object: { ...addr, index: 0, label: null } }, { numeric: true }),
    ).toBe('NEWADDR\t-\tinet\t10.0.0.2/24\t-');
  });

  it('diffs two states in dependence order (DEL routes, addrs, devices; NEW devices, addrs, routes)', () => {
    const a = emptyState();
    const b = emptyState();
    applyChange(a, { type: 'NEWDEVICE', object: link });
    applyChange(a, { type: 'NEWROUTE', object: route });
    const link2 = { ...link, index: 4, name: 'nlb0' };
    applyChange(b, { type: 'NEWDEVICE', object: { ...link, mtu: 9000 } });
    applyChange(b, { type: 'NEWDEVICE', object: link2 });
    const d = diffStates(a, b).map((c: Change) => `${c.type} ${'name' in c.object ? c.object.name : ''}`);
    expect(d).toEqual(['DELROUTE ', 'NEWDEVICE nla0', 'NEWDEVICE nlb0']);
    expect(diffStates(b, b)).toEqual([]);
    applyChange(b, { type: 'DELDEVICE', object: link2 });
    expect([...b.links.keys()]).toEqual([3]);
  });

  it('decodes real kernel messages into changes, with names from the cache', () => {
    const names: NameCache = new Map();
    const msgs = readFileSync(new URL('../../native/test/fixtures/rtnl-dump.txt', import.meta.url), 'latin1')
      .split('\n')
      .filter((l) => /^(link|addr|route) /.test(l))
      .map((l) => parseMessages(Buffer.from(l.split(' ')[1]!, 'hex'))[0]!);
    const changes = msgs.map((m) => messageChange(m, names)).filter((c) => c !== null);
    expect(names.get(3)).toBe('nlc0');
    const text = changes.map((c) => changeText(c, { numeric: false }));
    expect(text).toContain('NEWADDR\tnlc0\tinet\t10.9.8.7/24\tnlc0:x');
    expect(text).toContain('NEWROUTE\tinet\t10.55.0.0/16\t10.9.8.1\tnlc0\tmain\tstatic\tunicast');
    expect(text).toContain('NEWADDR\tnlc0\tinet6\tfd00:9::7/64\t-');
    expect(messageChange({ type: RTM.NEWNEIGH, payload: Buffer.alloc(32) }, names)).toBeNull();
  });
});

describe('fallback parsers', () => {
  const idx = (d: string) => ({ nla0: 3, lo: 1 })[d] ?? null;
  it('reads /proc/net/route, ipv6_route, if_inet6 and the local leaves of fib_trie', () => {
    const route = `Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
nla0\t00000000\t02004D0A\t0003\t0\t0\t0\t00000000\t0\t0\t0
nla0\t00004D0A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0
`;
    const v4 = parseProcNetRoute(route, idx);
    expect(v4.map((r) => `${r.destination}/${r.dstLen} ${r.gateway} ${r.index}`)).toEqual([
      '0.0.0.0/0 10.77.0.2 3',
      '10.77.0.0/24 null 3',
    ]);
    const v6 = parseIpv6Route(
      'fd770000000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001     nla0\n' +
        'fd770000000000000000000000000001 80 00000000000000000000000000000000 00 00000000000000000000000000000000 00000000 00000002 00000000 80200001     nla0\n',
      idx,
    );
    expect(v6.map((r) => `${r.destination}/${r.dstLen} t${r.table} ${r.type} ${r.priority}`)).toEqual([
      'fd77::/64 t254 1 256',
      'fd77::1/128 t255 2 null',
    ]);
    const a6 = parseIfInet6(
      'fd770000000000000000000000000001 03 40 00 80     nla0\nfe800000000000000000000000000001 03 40 20 80     nla0\n',
    );
    expect(a6.map((a) => `${a.device} ${a.address}/${a.prefixlen} ${a.scope}`)).toEqual([
      'nla0 fd77::1/64 0',
      'nla0 fe80::1/64 253',
    ]);
    const trie =
      'Local:\n  +-- 10.77.0.0/24 2 0 2\n     |-- 10.77.0.1\n        /32 host LOCAL\n     |-- 10.77.0.255\n        /32 link BROADCAST\n';
    expect(ipv4FromFibTrie(trie, v4, idx).map((a) => `${a.device} ${a.address}/${a.prefixlen}`)).toEqual([
      'nla0 10.77.0.1/24',
    ]);
  });
});
