import { createSocket } from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { Host } from '../src/host.js';
import { Resolver } from '../src/resolver.js';
import { makeRoot } from '../src/testing.js';

/** A stub DNS server on 127.0.0.1 answering PTR queries from a table (no traffic leaves the machine). */
async function stubDns(
  answers: Record<string, string>,
  /** Holds every answer back until this many queries have arrived (or 1.5 s have passed). */
  holdUntil = 0,
): Promise<{ port: number; close(): void; queries: string[]; heldAtOnce(): number }> {
  const sock = createSocket('udp4');
  const queries: string[] = [];
  const held: (() => void)[] = [];
  let most = 0;
  let fallback: ReturnType<typeof setTimeout> | undefined;
  const release = () => {
    clearTimeout(fallback);
    most = Math.max(most, held.length);
    for (const send of held.splice(0)) send();
    holdUntil = 0;
  };
  sock.on('message', (msg, rinfo) => {
    if (holdUntil > 0) {
      held.push(() => answer(msg, rinfo));
      fallback ??= setTimeout(release, 1500);
      if (held.length >= holdUntil) release();
      return;
    }
    answer(msg, rinfo);
  });
  function answer(msg: Buffer, rinfo: { port: number; address: string }): void {
    let p = 12;
    const labels: string[] = [];
    while (msg[p]! > 0) {
      labels.push(msg.subarray(p + 1, p + 1 + msg[p]!).toString());
      p += msg[p]! + 1;
    }
    const qname = labels.join('.');
    queries.push(qname);
    const question = msg.subarray(12, p + 5);
    const name = answers[qname];
    const header = Buffer.from([
      msg[0]!,
      msg[1]!,
      0x81,
      name ? 0x80 : 0x83,
      0,
      1,
      0,
      name ? 1 : 0,
      0,
      0,
      0,
      0,
    ]);
    const parts = [header, question];
    if (name) {
      const rdata = Buffer.concat([
        ...name.split('.').map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l)])),
        Buffer.from([0]),
      ]);
      const rr = Buffer.alloc(12);
      rr.writeUInt16BE(0xc00c, 0);
      rr.writeUInt16BE(12, 2);
      rr.writeUInt16BE(1, 4);
      rr.writeUInt32BE(60, 6);
      rr.writeUInt16BE(rdata.length, 10);
      parts.push(rr, rdata);
    }
    sock.send(Buffer.concat(parts), rinfo.port, rinfo.address);
  }
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
  return { port: sock.address().port, close: () => sock.close(), queries, heldAtOnce: () => most };
}

describe('reverse DNS (only when allowed)', () => {
  it('prefetches PTR names concurrently from the configured server, after etc/hosts', async () => {
    const dns = await stubDns({ '4.3.2.10.in-addr.arpa': 'peer.example.test' });
    try {
      const root = makeRoot({
        '/etc/hosts': '10.2.3.5 fromfile\n',
        '/etc/nsswitch.conf': 'hosts: files dns\n',
      });
      const r = new Resolver(new Host(root), {
        enabled: true,
        servers: [`127.0.0.1:${dns.port}`],
        timeoutMs: 1000,
      });
      await r.prefetch([
        { addr: '10.2.3.4', family: 4 },
        { addr: '10.2.3.5', family: 4 },
        { addr: '10.2.3.6', family: 4 },
      ]);
      expect(r.hostName('10.2.3.4', 4)).toBe('peer.example.test');
      expect(r.hostName('10.2.3.5', 4)).toBe('fromfile');
      expect(r.hostName('10.2.3.6', 4)).toBeUndefined();
      expect(dns.queries.sort()).toEqual(['4.3.2.10.in-addr.arpa', '6.3.2.10.in-addr.arpa']);
    } finally {
      dns.close();
    }
  });

  it('asks for every name at once: 200 slow answers cost one answer time, not 200 (or 7 of 32)', async () => {
    const answers: Record<string, string> = {};
    const addrs: { addr: string; family: 4 }[] = [];
    for (let i = 1; i <= 200; i++) {
      answers[`${i}.1.0.10.in-addr.arpa`] = `peer${i}.example.test`;
      addrs.push({ addr: `10.0.1.${i}`, family: 4 });
    }
    const dns = await stubDns(answers, 200);
    try {
      const root = makeRoot({ '/etc/nsswitch.conf': 'hosts: files dns\n' });
      const r = new Resolver(new Host(root), {
        enabled: true,
        servers: [`127.0.0.1:${dns.port}`],
        timeoutMs: 3000,
      });
      await r.prefetch(addrs);
      // The server held its answers until all 200 queries had arrived: they were in flight together.
      expect(dns.heldAtOnce()).toBe(200);
      for (let i = 1; i <= 200; i++) expect(r.hostName(`10.0.1.${i}`, 4)).toBe(`peer${i}.example.test`);
    } finally {
      dns.close();
    }
  });

  it('does not query when nsswitch.conf lists no dns', async () => {
    const dns = await stubDns({});
    try {
      const root = makeRoot({ '/etc/nsswitch.conf': 'hosts: files\n' });
      const r = new Resolver(new Host(root), { enabled: true, servers: [`127.0.0.1:${dns.port}`] });
      await r.prefetch([{ addr: '10.2.3.4', family: 4 }]);
      expect(dns.queries).toEqual([]);
    } finally {
      dns.close();
    }
  });
});

describe('ptrName', () => {
  it('builds in-addr.arpa and ip6.arpa names', async () => {
    const { ptrName } = await import('../src/resolver.js');
    expect(ptrName('10.2.3.4')).toBe('4.3.2.10.in-addr.arpa');
    expect(ptrName('2001:db8::1')).toBe(`1.0.0.0.${'0.'.repeat(20)}8.b.d.0.1.0.0.2.ip6.arpa`);
  });
});
