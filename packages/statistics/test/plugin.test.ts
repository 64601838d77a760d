import { ChunkedOutput, CollectingSink, createContext, type NetstatOptions } from '@netstat-ts/core';
import { makeRoot, pluginContract, underReadCap } from '@netstat-ts/core/testing';
import { describe, expect, it } from 'vitest';
import plugin, {
  CounterPrinter,
  emission,
  findCounter,
  ICMP6_TABLE,
  IPV4_TABLES,
  IPV6_TABLES,
  PAIR_LINE_MAX,
  type StatisticsRow,
  TCP_TABLE,
} from '../src/index.js';

const ALL = { tcp: true, sctp: true, udp: true, udplite: true, raw: true };

pluginContract({
  plugin,
  options: { protocols: ALL },
  malformed: { '/proc/net/snmp': 'Ip: Forwarding InReceives\nIp 1 2\n' },
});

async function run(files: Record<string, string>, options: Partial<NetstatOptions> = {}) {
  const ctx = createContext({ root: makeRoot(files), options: { protocols: ALL, ...options } });
  const sections = await plugin.statistics!(ctx);
  const o = new CollectingSink();
  const e = new CollectingSink();
  const out = new ChunkedOutput(o, e);
  for (const s of sections) s.write(out);
  out.flush();
  return { stdout: o.text(), stderr: e.text(), sections };
}

describe('counter tables', () => {
  it('reproduce the keys the unsorted bsearch never finds (spec §9.5)', () => {
    const missed = (t: (typeof TCP_TABLE)[]) =>
      t.flatMap((x) => x.entries.filter((e) => findCounter(x, e.key) === undefined).map((e) => e.key));
    expect(missed([...IPV4_TABLES.values()])).toEqual([
      'Forwarding',
      'TCPDirectCopyFromPrequeue',
      'TCPDSACKOfoRecv',
      'TCPDSACKOfoSent',
      'TCPDSACKOldSent',
      'TCPDSACKRecv',
      'TCPDSackUndo',
      'TCPDSACKUndo',
      'TCPLoss',
      'TCPPrequeueDropped',
      'TCPRenoRecoveryFailed',
      'TCPRenoRecoveryFail',
      'TCPSackFailures',
      'TCPSackRecoveryFail',
      'TCPSackRecovery',
      'TCPSACKReneging',
      'TCPTimeouts',
      'TWKilled',
    ]);
    // Every IPv6 key is found, but the kernel name lacks the Icmp6 key's trailing blank.
    expect(missed([...IPV6_TABLES.values()])).toEqual([]);
    expect(findCounter(ICMP6_TABLE, 'Icmp6OutRouterAdvertisements ')).toBeDefined();
    expect(findCounter(ICMP6_TABLE, 'Icmp6OutRouterAdvertisements')).toBeUndefined();
  });
});

describe('counter printer', () => {
  it('keeps the indentation state across tables; unknown tables do not reset it', () => {
    const p = new CounterPrinter({ tcp: true, udp: true, sctp: true, raw: true });
    const e = emission();
    const icmp = p.startTable(e, 'Icmp', IPV4_TABLES.get('Icmp'));
    for (const [name, value] of [
      ['InMsgs', 1n],
      ['InDestUnreachs', 0n],
      ['OutEchos', 2n],
      ['Forwarding', 0n],
    ] as const)
      p.counter(e, icmp, { name, value });
    const msg = p.startTable(e, 'IcmpMsg', undefined);
    p.counter(e, msg, { name: 'InType3', value: 1n });
    const tcp = p.startTable(e, 'Tcp', TCP_TABLE);
    p.counter(e, tcp, { name: 'RtoAlgorithm', value: 1n });
    p.counter(e, tcp, { name: 'MaxConn', value: 5n });
    expect(e.lines.map((l) => l.text).join('')).toBe(
      'Icmp:\n    1 ICMP messages received\n    ICMP input histogram:\n' +
        '        ICMP output histogram:\n        echo requests: 2\nIcmpMsg:\n        InType3: 1\nTcp:\n',
    );
    expect(e.rows.map((r: StatisticsRow) => r.text)).toEqual([
      '1 ICMP messages received',
      null,
      'echo requests: 2',
      null,
      'InType3: 1',
      null,
      null,
    ]);
  });
});

describe('statistics()', () => {
  const snmp = 'Ip: Forwarding InReceives\nIp: 2 18446744073709551615\nTcp: ActiveOpens\nTcp: 3\n';
  it('prints the IPv4 run and keeps 64-bit values exact in rows', async () => {
    const r = await run({ '/proc/net/snmp': snmp }, { protocols: { ...ALL, tcp: false } });
    expect(r.stdout).toBe('Ip:\n    Forwarding: 2\n    18446744073709551615 total packets received\n');
    const rows = r.sections.flatMap((s) => (s.table?.rows ?? []) as StatisticsRow[]);
    expect(rows[1]).toEqual({
      section: 'Ip',
      name: 'InReceives',
      value: '18446744073709551615',
      text: '18446744073709551615 total packets received',
    });
  });
  it('refuses other families on stdout with status 1', async () => {
    const r = await run({ '/proc/net/snmp': snmp }, { familyList: ['inet', 'inet6'] });
    expect(r.stdout).toBe('netstat: No statistics support for specified address family: inet,inet6\n');
    expect(r.sections.map((s) => s.status)).toEqual([1]);
  });
  it('reports missing and unreadable files like 2.10', async () => {
    expect((await run({})).stderr).toBe('cannot open /proc/net/snmp: No such file or directory\n');
    const v6 = await run({ '/proc/net/snmp6': 'Ip6InReceives 1\n' }, { familyList: ['inet6'] });
    expect(v6.stdout).toBe('Ip6:\n    1 total packets received\n');
    expect(v6.stderr).toBe('cannot open /proc/net/snmp: No such file or directory\n');
    const dir = await run({
      '/proc/net/snmp/x': '',
      '/proc/net/sctp/snmp/x': '',
      '/proc/net/netstat': 'A\nB\n',
    });
    expect(dir.stderr).toBe(
      '/proc/net/snmp: Is a directory\nProblem while parsing /proc/net/netstat\n/proc/net/sctp/snmp: Is a directory\n',
    );
    expect(dir.stdout).toBe('Sctp:\n');
  });
  it('IPv6 run: second pass keeps Tcp* sections and never reports format errors', async () => {
    const r = await run(
      {
        '/proc/net/snmp6': 'Tcp6X 1\n',
        '/proc/net/snmp': 'Ip: A\nIp: 1\nTcp: InSegs\nTcp: 4\nUdp: x\nUdp 1\n',
      },
      { familyList: ['inet6'], protocols: { ...ALL, tcp: true } },
    );
    expect(r.stdout).toBe('Tcp6:\n    Tcp6X: 1\nTcp:\n    4 segments received\n');
    expect(r.stderr).toBe('');
  });
});

describe('streamed files', () => {
  it('a Host that refuses files over 64 bytes prints the same (the printer state runs on from file to file)', async () => {
    const snmp =
      'Ip: Forwarding DefaultTTL InReceives\nIp: 1 64 12345\n' +
      'Tcp: RtoAlgorithm ActiveOpens\nTcp: 1 33\n' +
      'Icmp: InMsgs InErrors InDestUnreachs\nIcmp: 10 0 7\n';
    // An unknown table keeps the histogram indentation the last file left.
    const netstat = 'Foo: Alpha Beta\nFoo: 5 6\nTcpExt: SyncookiesSent TW\nTcpExt: 1 2\n';
    const sctp = 'SctpCurrEstab                   \t1\nSctpActiveEstabs                \t2\n';
    const snmp6 =
      'Ip6InReceives                   \t7\nIcmp6InMsgs                     \t3\nUdp6InDatagrams 9\n';
    const root = makeRoot({
      '/proc/net/snmp': snmp,
      '/proc/net/netstat': netstat,
      '/proc/net/sctp/snmp': sctp,
      '/proc/net/snmp6': snmp6,
    });
    for (const options of [{ protocols: ALL }, { protocols: ALL, familyList: ['inet6'] }]) {
      const { normal, capped } = await underReadCap(root, options, plugin.statistics!);
      expect(capped).toEqual(normal);
      expect(normal.stderr).toBe('');
      expect(normal.rows.flat().length).toBeGreaterThan(3);
    }
    const v4 = await underReadCap(root, { protocols: ALL }, plugin.statistics!);
    expect(v4.normal.stdout).toContain('Foo:\n        Alpha: 5\n        Beta: 6\n');
  });

  it('the text reads each file once; a table asked for out of order starts from the right state', async () => {
    const files = {
      '/proc/net/snmp':
        'Ip: Forwarding InReceives\nIp: 1 12345\nIcmp: InMsgs InErrors InDestUnreachs\nIcmp: 10 0 7\n',
      '/proc/net/netstat': 'Foo: Alpha Beta\nFoo: 5 6\nTcpExt: SyncookiesSent TW\nTcpExt: 1 2\n',
      '/proc/net/sctp/snmp': 'SctpCurrEstab                   \t1\n',
    };
    const counted = async (write: (sections: Awaited<ReturnType<typeof run>>['sections']) => void) => {
      const ctx = createContext({ root: makeRoot(files), options: { protocols: ALL } });
      const opened: string[] = [];
      const stream = ctx.host.stream.bind(ctx.host);
      ctx.host.stream = (path, each) => {
        opened.push(path);
        return stream(path, each);
      };
      const sections = await plugin.statistics!(ctx);
      write(sections);
      return opened;
    };
    const text = (sections: Awaited<ReturnType<typeof run>>['sections']) => {
      const o = new CollectingSink();
      const out = new ChunkedOutput(o, new CollectingSink());
      for (const s of sections) s.write(out);
      out.flush();
      return o.text();
    };
    let printed = '';
    expect(await counted((s) => (printed = text(s)))).toEqual([
      '/proc/net/snmp',
      '/proc/net/netstat',
      '/proc/net/sctp/snmp',
    ]);
    expect(printed).toBe((await run(files)).stdout);
    // The netstat table alone: the snmp file is played first (keeping nothing) to find the
    // indentation its histogram leaves, which the unknown table Foo keeps.
    let alone = '';
    expect(await counted((s) => (alone = text([s[1]!])))).toEqual(['/proc/net/snmp', '/proc/net/netstat']);
    expect(alone).toContain('Foo:\n        Alpha: 5\n');
    expect(printed).toContain(alone);
  });

  it('a pair-file line over PAIR_LINE_MAX stops the file with a message', async () => {
    const long = `Ip: ${'X '.repeat(PAIR_LINE_MAX)}\nIp: 1\n`;
    const r = await run({ '/proc/net/snmp': `Tcp: ActiveOpens\nTcp: 33\n${long}Udp: InDatagrams\nUdp: 4\n` });
    expect(r.stdout).toBe('Tcp:\n    33 active connection openings\n');
    expect(r.stderr).toBe(
      `netstat: /proc/net/snmp: line 3 is longer than ${PAIR_LINE_MAX} bytes (not read, nor the rest of the file)\n`,
    );
  });
});
