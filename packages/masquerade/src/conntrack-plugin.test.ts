import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  ChunkedOutput,
  CollectingSink,
  createContext,
  Host,
  type HostError,
  type NetstatOptions,
  type PluginContext,
} from '@netstat-ts/core';
import { makeRoot } from '@netstat-ts/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CtnetlinkOpener } from './conntrack-sources.js';
import { NF_CONNTRACK_MAX, PROC_NET_NF_CONNTRACK } from './conntrack-sources.js';
import { splitNetlinkMessages } from './ctnetlink.js';
import { masqueradeSections } from './plugin.js';

const FIX = resolve(__dirname, '../../../fixtures');
const LIVE = `${FIX}/conntrack-live/root`;
const SYN = `${FIX}/conntrack-synthetic/root`;
const SOS = `${FIX}/conntrack-sos/root`;
const dump = splitNetlinkMessages(readFileSync(`${FIX}/conntrack-live/ctnetlink-dump.bin`));

const HEAD = 'IP masquerading entries\nprot   expire source               destination          ports\n';

async function run(ctx: PluginContext, opener: CtnetlinkOpener | null = null) {
  const o = new CollectingSink();
  const e = new CollectingSink();
  const out = new ChunkedOutput(o, e);
  const sections = await masqueradeSections(ctx, { ctnetlink: opener });
  for (const s of sections) s.write(out);
  out.flush();
  // The JSON rows: streamed (a second read) where the section streams, else held in the table.
  const again = (await masqueradeSections(ctx, { ctnetlink: opener }))[0]!;
  const rows: object[] = [];
  const quiet = new ChunkedOutput(new CollectingSink(), new CollectingSink());
  if (again.stream) again.stream((r) => rows.push(r), quiet);
  else rows.push(...again.table!.rows);
  return {
    stdout: o.text(),
    stderr: e.text(),
    status: sections.at(-1)!.status,
    table: sections[0]!.table!,
    rows,
    streamed: again,
  };
}

function ctx(root: string, options: Partial<NetstatOptions> = {}) {
  return createContext({ root, options: { numericHosts: true, numericPorts: true, ...options } });
}

/** A host that claims to be the live system (for the ctnetlink source) over a fixture root. */
class LiveLike extends Host {
  constructor(
    root: string,
    private readonly deny: string[] = [],
  ) {
    super(root);
  }
  override get isLive() {
    return true;
  }
  override exists(p: string) {
    return p === NF_CONNTRACK_MAX || super.exists(p);
  }
  override stream(p: string, each: (c: Buffer) => void): HostError | null {
    if (this.deny.includes(p)) return { ok: false, code: 'EACCES', message: 'Permission denied', path: p };
    return super.stream(p, each);
  }
}
function liveCtx(root: string, deny: string[] = [], options: Partial<NetstatOptions> = {}): PluginContext {
  return { ...ctx(root, options), host: new LiveLike(root, deny) };
}
const fakeNetlink: CtnetlinkOpener = async () => ({ request: () => dump });

describe('-M from the connection tracker', () => {
  it('/proc/net/nf_conntrack under --root: the masqueraded rows in 2.10 layout', async () => {
    const r = await run(ctx(LIVE));
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      HEAD +
        'tcp 7199:54.00 10.77.1.2            10.77.2.2            40001 -> 8080 (40001)\n' +
        'udp   0:24.00 10.77.1.2            10.77.2.2            40002 -> 8080 (40002)\n' +
        'udp   0:24.00 fd77:1::2            fd77:2::2            40002 -> 8080 (40002)\n' +
        'icmpv6  0:28.00 fd77:1::2            fd77:2::2            16962 -> * (16962)\n' +
        'tcp 7199:54.00 fd77:1::2            fd77:2::2            40001 -> 8080 (40001)\n' +
        'tcp 7199:54.00 10.77.1.2            10.77.2.2            40004 -> 9090 (40004)\n' +
        'udp   0:24.00 10.77.1.2            10.77.2.2            40003 -> 8080 (20004)\n' +
        'icmp  0:28.00 10.77.1.2            10.77.2.2            16962 -> * (16962)\n' +
        'udp   0:25.00 10.77.1.2            10.77.2.2            40006 -> 8089 (40006)\n',
    );
  });

  it('-a adds the DNAT block; -e shows honest dashes for initseq/delta/prevd', async () => {
    const r = await run(ctx(LIVE, { all: true, extend: 2 }));
    expect(r.stdout).toContain(
      '\nIP port forwarding (DNAT) entries\nprot   expire    initseq delta prevd source               destination          ports\n' +
        'tcp 7199:54.00          -     -     - 10.77.2.2            10.77.2.1            40005 -> 7070 (10.77.1.2:8080)\n',
    );
    expect(r.stdout).toContain(
      'tcp 7199:54.00          -     -     - 10.77.1.2            10.77.2.2            40001 -> 8080 (40001)\n',
    );
  });

  it('names unless -n: services for tcp/udp ports, hosts from etc/hosts', async () => {
    const root = makeRoot({
      [PROC_NET_NF_CONNTRACK]: readFileSync(`${LIVE}/proc/net/nf_conntrack`),
      '/etc/services': 'http-alt\t8080/tcp\nhttp-alt\t8080/udp\n',
      '/etc/hosts': '10.77.1.2 client\n10.77.2.2 server\n',
    });
    const r = await run(createContext({ root }));
    expect(r.stdout).toContain(
      'tcp 7199:54.00 client               server               40001 -> http-alt (40001)\n',
    );
  });

  it('synthetic kernel lines: GRE, SCTP, unknown protocol, offload, zones, IPv6, port rewrite', async () => {
    const r = await run(ctx(SYN, { all: true }));
    expect(r.stdout).toBe(
      HEAD +
        'tcp   5:00.00 1.1.1.2              2.2.2.2              2000 -> 80 (12000)\n' +
        'tcp 7199:59.00 192.168.1.10         93.184.216.34        51234 -> 443 (51234)\n' +
        'gre   2:59.00 10.0.0.6             198.51.100.9         * -> 26 (*)\n' +
        'sctp  3:30.00 10.0.0.7             198.51.100.10        5000 -> 6000 (61000)\n' +
        '99    9:50.00 10.0.0.8             198.51.100.11        * -> * (*)\n' +
        'tcp         - 10.0.0.9             198.51.100.12        40100 -> 22 (40100)\n' +
        'udp   0:25.00 10.0.0.10            198.51.100.13        123 -> 123 (1123)\n' +
        'icmpv6  0:29.00 fd00::10             2001:db8::1          7 -> * (7)\n' +
        '\nIP port forwarding (DNAT) entries\nprot   expire source               destination          ports\n' +
        'tcp   2:00.00 198.51.100.7         203.0.113.5          33000 -> 8443 (10.0.0.20:443)\n',
    );
  });

  it('a sosreport root without /proc/net/nf_conntrack: the saved conntrack -L listing, said by -v', async () => {
    const r = await run(ctx(SOS, { verbose: 1 }));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      'sctp  3:30.00 10.0.0.7             198.51.100.10        5000 -> 6000 (61000)\n',
    );
    expect(r.stderr).toContain('netstat: -M source: /sos_commands/conntrack/conntrack_-L (11 lines)\n');
    expect(r.stderr).toContain('netstat: -M not used: /proc/net/nf_conntrack: not present\n');
    expect(r.stderr).toContain('netstat: -M not used: ctnetlink: not the live system (snapshot root)\n');
    expect(r.rows[0]).toMatchObject({ source: '/sos_commands/conntrack/conntrack_-L' });
  });

  it('live system: ctnetlink first; the JSON rows carry tuples, NAT kind, status and the source', async () => {
    const r = await run(liveCtx(LIVE, [], { verbose: 1 }), fakeNetlink);
    expect(r.stderr).toMatch(/^netstat: -M source: ctnetlink \(\d+ messages\)\n/);
    expect(r.stderr).toContain('netstat: -M not used: /proc/net/nf_conntrack: not needed');
    const rows = JSON.parse(JSON.stringify(r.rows)) as Array<Record<string, unknown>>;
    const t = rows.find((x) => (x.original as { sport: number }).sport === 40003)!;
    expect(t).toMatchObject({
      source: 'ctnetlink',
      nat: 'snat',
      protocol: 'udp',
      masqAddress: '10.77.2.1',
      masqPort: 20004,
      original: { src: '10.77.1.2', dst: '10.77.2.2', sport: 40003, dport: 8080, packets: 1, bytes: 33 },
      reply: { src: '10.77.2.2', dst: '10.77.2.1', sport: 8080, dport: 20004 },
      mark: 0,
      masqService: '20004',
    });
    expect(t.status).toBeTypeOf('number');
    expect(r.table.sources).toEqual(['ctnetlink']);
  });

  it('ctnetlink messages streamed (requestEach, one reused buffer); a dump failing after entries is used, cut short', async () => {
    let collected = 0;
    const shared = Buffer.alloc(65536);
    const streaming: CtnetlinkOpener = async () => ({
      request: () => {
        collected++;
        return dump;
      },
      requestEach: (_msg, each) => {
        for (const m of dump) {
          m.copy(shared);
          each(shared.subarray(0, m.length));
        }
        return dump.length;
      },
    });
    const r = await run(liveCtx(LIVE), streaming);
    const viaRequest = await run(liveCtx(LIVE), fakeNetlink);
    expect(collected).toBe(0);
    expect(r.stdout).toBe(viaRequest.stdout);
    expect(r.rows).toEqual(viaRequest.rows);
    const failing: CtnetlinkOpener = async () => ({
      request: () => [],
      requestEach: (_msg, each) => {
        each(dump[0]!);
        each(dump[1]!);
        throw Object.assign(new Error('recv: No buffer space available'), { code: 'ENOBUFS' });
      },
    });
    const cut = await run(liveCtx(LIVE, [], { verbose: 1 }), failing);
    expect(cut.status).toBe(0);
    expect(cut.stderr).toContain(
      'netstat: -M source: ctnetlink (dump cut short after 2 messages: recv: No buffer space available)\n',
    );
    expect(cut.stderr).toContain('netstat: -M not used: /proc/net/nf_conntrack: not needed');
  });

  it('ctnetlink unavailable or disabled: /proc/net/nf_conntrack, and -v says why', async () => {
    const down: CtnetlinkOpener = async () => ({ ok: false, reason: 'native layer not available: no koffi' });
    const r = await run(liveCtx(LIVE, [], { verbose: 1 }), down);
    expect(r.stderr).toContain('netstat: -M source: /proc/net/nf_conntrack (10 lines)\n');
    expect(r.stderr).toContain('netstat: -M not used: ctnetlink: native layer not available: no koffi\n');
    const off = await run({ ...liveCtx(LIVE, [], { verbose: 1 }), nativeDisabled: true }, fakeNetlink);
    expect(off.stderr).toContain(
      'netstat: -M not used: ctnetlink: native layer disabled (NETSTAT_NO_NATIVE=1)\n',
    );
    expect(off.rows[0]).toMatchObject({ source: '/proc/net/nf_conntrack' });
  });

  it('without permission: a message naming the file and what is needed, not "no support"', async () => {
    const refused: CtnetlinkOpener = async () => ({
      request: () => {
        throw Object.assign(new Error('netlink: Operation not permitted'), { code: 'EPERM' });
      },
    });
    const r = await run(liveCtx(LIVE, [PROC_NET_NF_CONNTRACK]), refused);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'netstat: cannot read the connection tracker: ctnetlink: netlink: Operation not permitted (needs root or CAP_NET_ADMIN); ' +
        '/proc/net/nf_conntrack: Permission denied (readable by root only); -M needs root (or CAP_NET_ADMIN for ctnetlink).\n',
    );
    expect(r.status).toBe(255);
  });

  it('no source at all: 2.10 "no support" message and status 1', async () => {
    const r = await run(ctx(makeRoot({}), { verbose: 1 }));
    expect(r.stderr).toContain("netstat: no support for `ip_masquerade' on this system.\n");
    expect(r.status).toBe(1);
    const live = await run(liveCtx(makeRoot({})), null);
    expect([live.stderr, live.status]).toEqual([
      "netstat: no support for `ip_masquerade' on this system.\n",
      1,
    ]);
  });

  it('bogus lines: skipped, counted, one warning; the rest still printed; every -c pass re-reads', async () => {
    const root = makeRoot({
      [PROC_NET_NF_CONNTRACK]: `garbage\n${readFileSync(`${LIVE}/proc/net/nf_conntrack`, 'latin1')}ipv4 2 tcp 6 1 src=1\n`,
    });
    const c = ctx(root);
    const r = await run(c);
    expect(r.stderr).toBe(
      'netstat: warning: skipped 2 bogus lines of /proc/net/nf_conntrack (first: line 1: too few fields).\n',
    );
    expect(r.table.diagnostics.filter((d) => d.level === 'warning')).toHaveLength(3);
    expect(r.stdout.split('\n')).toHaveLength(12);
    const again = await run({ ...c, pass: 1 });
    expect(again.stdout).toBe(r.stdout);
  });

  it('a legacy /proc/net/ip_masquerade still wins (2.10 byte for byte)', async () => {
    const root = makeRoot({
      '/proc/net/ip_masquerade': 'PDelta\nTCP C0A80002:0400 0A000001:0016 F000 0001E240 5 -3 15012\n',
      [PROC_NET_NF_CONNTRACK]: readFileSync(`${LIVE}/proc/net/nf_conntrack`),
    });
    const r = await run(ctx(root));
    expect(r.stdout).toBe(
      `${HEAD}tcp   2:30.12 192.168.0.2          10.0.0.1             1024 -> 22 (61440)\n`,
    );
  });
});

describe('-M -n rows written as bytes', () => {
  /** The text of a pass through an Output without byte access (every row by the string formatter). */
  async function viaStrings(c: PluginContext) {
    const o = new CollectingSink();
    const e = new CollectingSink();
    const inner = new ChunkedOutput(o, e);
    const sections = await masqueradeSections(c, { ctnetlink: null });
    for (const s of sections) s.write({ out: (t) => inner.out(t), err: (t) => inner.err(t) });
    inner.flush();
    return { stdout: o.text(), stderr: e.text() };
  }
  const v4 = fc.tuple(fc.nat(255), fc.nat(255)).map(([a, b]) => `10.${a}.${b}.1`);
  const v6 = fc.constantFrom(
    'fd00:0000:0000:0000:0000:0000:0000:0001',
    '0000:0000:0000:0000:0000:ffff:0a00:0001',
    '0000:0000:0000:0000:0000:0000:0a00:0001',
    '::ffff:192.0.2.7',
    '2001:db8::1',
    '0000:0000:0000:0000:0000:0000:0000:0000',
  );
  const port = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 65535 }));
  const line = fc
    .tuple(
      fc.boolean(),
      fc.constantFrom(
        'tcp      6',
        'udp      17',
        'icmp     1',
        'icmpv6   58',
        'unknown  99',
        'sctp     132',
      ),
      fc.oneof(fc.constant(''), fc.nat(0xffffffff).map(String)),
      fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
      fc.array(port, { minLength: 4, maxLength: 4 }),
      fc.tuple(v4, v4, v6, v6),
    )
    .map(([six, proto, timeout, same, ports, [a4, b4, a6, b6]]) => {
      const a = six ? a6 : a4;
      const b = six ? b6 : b4;
      const l3 = six ? 'ipv6     10' : 'ipv4     2';
      const icmp = proto.startsWith('icmp');
      const pp = (s: number, d: number) =>
        icmp ? `type=8 code=0 id=${ports[s]}` : `sport=${ports[s]} dport=${ports[d]}`;
      const rdst = same[0] ? a : six ? '2001:db8::fe' : '203.0.113.5';
      const rsrc = same[1] ? b : six ? '2001:db8::fd' : '198.51.100.1';
      return `${l3} ${proto} ${timeout} src=${a} dst=${b} ${pp(0, 1)} src=${rsrc} dst=${rdst} ${pp(2, 3)} mark=0 use=1`;
    });

  it('the same bytes as the string formatter, for random entries, with -a and -e', async () => {
    let rows = 0;
    let mapped = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { maxLength: 40 }),
        fc.boolean(),
        fc.boolean(),
        async (ls, all, ext) => {
          const root = makeRoot({ [PROC_NET_NF_CONNTRACK]: `${ls.join('\n')}\n` });
          const c = ctx(root, { all, extend: ext ? 2 : 0 });
          const bytes = await run(c);
          const strings = await viaStrings(c);
          expect(bytes.stdout).toBe(strings.stdout);
          expect(bytes.stderr).toBe(strings.stderr);
          rows += bytes.stdout.split('\n').length;
          if (bytes.stdout.includes('192.0.2.7')) mapped++;
        },
      ),
      { numRuns: 60 },
    );
    // Not vacuous: rows were printed, IPv4-mapped ones (the string formatter's) among them.
    expect(rows).toBeGreaterThan(200);
    expect(mapped).toBeGreaterThan(0);
  });
});
