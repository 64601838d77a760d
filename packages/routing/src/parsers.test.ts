import { describe, expect, it } from 'vitest';
import { ipv4RouteFlags, ipv6RouteFlags, rtCacheFlags } from './flags.js';
import { parseIpv6Route, RTF_CACHE } from './ipv6-route.js';
import { parseNdisc } from './ndisc.js';
import { headerFormat } from './proc-fmt.js';
import { parseProcNetRoute } from './proc-net-route.js';
import { guessRtCacheFormat, parseRtCache } from './rt-cache.js';
import { ipv4FromRouteHex } from './scan.js';

const ROUTE_HEADER = 'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n';

describe('parseProcNetRoute', () => {
  it('reads kernel lines and skips routes without U or with fewer than 10 fields', () => {
    const r = parseProcNetRoute(
      `${ROUTE_HEADER}eth0\t00000000\t010200C0\t0003\t0\t0\t100\t00000000\t0\t0\t7\n` +
        'eth0\t0000000A\t00000000\t0002\t0\t0\t0\t000000FF\t0\t0\t0\n\ngarbage\n',
    );
    expect(r.ok).toBe(true);
    expect(r.records).toEqual([
      {
        iface: 'eth0',
        destination: 0,
        gateway: 0xc0000201,
        flagBits: 3,
        refCnt: 0,
        use: 0,
        metric: 100,
        mask: 0,
        mtu: 0,
        window: 0,
        irtt: 7,
      },
    ]);
  });

  it('carries IRTT and bad addresses over from the previous line', () => {
    const r = parseProcNetRoute(
      `${ROUTE_HEADER}eth0\t0100000A\t010200C0\t0003\t0\t0\t0\t00FFFFFF\t0\t0\t7\n` +
        'eth0\t0000000G\t0102\t0003\t0\t0\t0\tFFFFFFFF\t0\t0\n',
    );
    expect(r.records[1]).toMatchObject({
      destination: 0x0a000001,
      gateway: 0xc0000201,
      mask: 0xffffffff,
      irtt: 7,
    });
  });

  it('follows strtol/strtoul truncation to int', () => {
    const r = parseProcNetRoute(
      `${ROUTE_HEADER}eth0\t0000000A\t0\t0001\t-3\t-1\t-2147483649\t000000FF\t-5\t+6\t99999999999\n`,
    );
    expect(r.records[0]).toMatchObject({
      refCnt: -3,
      use: -1,
      metric: 2147483647,
      mtu: -5,
      window: 6,
      irtt: 1215752191,
    });
  });

  it('drops lines whose interface name is longer than 15 bytes', () => {
    const r = parseProcNetRoute(
      `${ROUTE_HEADER}verylonginterface0\t0000630A\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0\n`,
    );
    expect(r.records).toEqual([]);
  });

  it('reports a missing or out-of-order column and an overflowing header', () => {
    const r = parseProcNetRoute(
      'Iface\tDestination\tFlags\tGateway\tRefCnt\tUse\tMetric\tMask\tMTU\tWindow\tIRTT\n',
    );
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]!.message).toBe('warning: /proc/net/route does not contain required field Flags');
    const wide = parseProcNetRoute(`${'x\t'.repeat(117)}${ROUTE_HEADER}`);
    expect(wide.diagnostics[0]!.message).toBe('warning: format buffer overflow in /proc/net/route');
    expect(parseProcNetRoute(`${'x\t'.repeat(116)}${ROUTE_HEADER}`).ok).toBe(true);
    expect(parseProcNetRoute('').ok).toBe(false);
  });
});

describe('headerFormat', () => {
  it('ignores extra columns and stops after the last required one', () => {
    const f = headerFormat('/f', 'A|x B  y\tC z', [
      { name: 'A', conversion: { kind: 's', width: 0 } },
      { name: 'B', conversion: { kind: 'd', width: 0 } },
      { name: 'C', conversion: { kind: 'x', width: 0 } },
    ]);
    expect(f).toEqual({
      ok: true,
      conversions: [
        { kind: 's', width: 0 },
        { kind: 'skip', width: 0 },
        { kind: 'd', width: 0 },
        { kind: 'skip', width: 0 },
        { kind: 'x', width: 0 },
      ],
      slots: [0, 2, 4],
    });
  });
});

describe('parseRtCache', () => {
  const H22 =
    'Iface\tDestination\tGateway \tFlags\t\tRefCnt\tUse\tMetric\tSource\t\tMTU\tWindow\tIRTT\tTOS\tHHRef\tHHUptod\tSpecDst\n';
  it('guesses the format from the header markers', () => {
    expect(guessRtCacheFormat(H22)).toBe(63);
    expect(guessRtCacheFormat('Iface Destination IRTT HH ARP')).toBe(97);
    const bad = parseRtCache('Iface Destination Gateway Flags IRTT HHRef\n');
    expect(bad.format).toBeNull();
    expect(bad.diagnostics).toEqual([
      {
        level: 'error',
        stream: 'stdout',
        message: 'ERROR: proc_guess_fmt(/proc/net/rt_cache,... returned: 37',
      },
    ]);
  });

  it('reads 2.2 lines, skipping those with fewer than 12 fields', () => {
    const r = parseRtCache(
      `${H22}eth0\t0100000A\t0107A8C0\t80000003\t1\t22\t0\t0A141E28\t1500\t0\t300\t10\t-1\t1\t170716C0\n*\t0\t0\t0200\t0\t1\t0\t0\t0\t0\t0\n`,
    );
    expect(r.format).toBe('2.2');
    expect(r.records).toEqual([
      {
        iface: 'eth0',
        destination: 0x0a000001,
        gateway: 0xc0a80701,
        flagBits: 0x80000003,
        refCnt: 1,
        use: 22,
        metric: 0,
        source: 0x281e140a,
        mtu: 1500,
        window: 0,
        irtt: 300,
        tos: 10,
        hhRef: -1,
        hhUptodate: 1,
        specDst: 0xc0160717,
      },
    ]);
  });
});

describe('parseIpv6Route', () => {
  const line = (dst: string, plen: string, via: string, rest: string, dev: string) =>
    `${dst} ${plen} ${'0'.repeat(32)} 00 ${via} ${rest} ${dev}\n`;
  it('reads addresses in natural order and signed hex words', () => {
    const [r] = parseIpv6Route(
      line(
        'fe800000000000000000000000000000',
        '40',
        'fe800000000000000000000000000001',
        'ffffffff 00000001 00000000 01000003',
        'eth1',
      ),
    );
    expect(r).toMatchObject({
      destinationText: 'fe80::',
      prefixLength: 64,
      nextHopText: 'fe80::1',
      metric: -1,
      refCnt: 1,
      use: 0,
      iface: 'eth1',
    });
    expect(r!.flagBits & RTF_CACHE).toBe(RTF_CACHE);
  });

  it('repeats the previous values for blank or broken lines (no conversion-count check)', () => {
    const rows = parseIpv6Route(
      `${line('20010db8000000000000000000000000', '40', '0'.repeat(32), '00000100 00000001 00000000 00000001', 'eth0')}\nzz\n`,
    );
    expect(rows.map((r) => `${r.destinationText}/${r.prefixLength} ${r.iface}`)).toEqual([
      '2001:db8::/64 eth0',
      '2001:db8::/64 eth0',
      '2001:db8::/64 eth0',
    ]);
  });
});

describe('parseNdisc', () => {
  it('reads a neighbour line', () => {
    const [n] = parseNdisc(
      'fe800000000000000000000000000001 40 00 80 02 000003e8 00000064 000001f4 0bb8 0000 0080 eth0 00 11 22 33 44 55\n',
    );
    expect(n).toMatchObject({
      addressText: 'fe80::1',
      prefixLength: 0,
      state: 2,
      tstamp: 100,
      reachable: 500,
      gc: 3000,
      ndFlags: 0x80,
      iface: 'eth0',
      mac: '00:11:22:33:44:55',
    });
  });
});

describe('flags and addresses', () => {
  it('renders flag letters in net-tools order', () => {
    expect(ipv4RouteFlags(0x0003)).toBe('UG');
    expect(ipv4RouteFlags(0x87e50215)).toBe('!HDdcoecfpl');
    expect(rtCacheFlags(0x7fffffff, '2.2')).toBe('!RDM-ondtfqNsriNdbm#');
    expect(rtCacheFlags(0x7, '2.0')).toBe('UHG');
    expect(ipv6RouteFlags(0x00200201)).toBe('U!n');
  });

  it('decodes route hex like net-tools', () => {
    expect(ipv4FromRouteHex('010200C0')).toBe(0xc0000201);
    expect(ipv4FromRouteHex('000000010')).toBe(0x01000000);
    expect(ipv4FromRouteHex('0102')).toBeNull();
    expect(ipv4FromRouteHex('0000000G')).toBeNull();
  });
});
