import { ChunkedOutput, CollectingSink, Host, Resolver } from '@netstat-ts/core';
import { makeRoot } from '@netstat-ts/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TailSettings } from './columns.js';
import { InetNamer } from './names.js';
import type { IpProto, IpSocketRecord } from './proc-net-ip.js';
import { ipRowWriter, protoLabel, renderIpRow } from './render-ip.js';

const root = makeRoot({
  '/etc/hosts':
    '127.0.0.1 localhost\n10.1.2.3 a-very-long-host-name-for-trimming.example.com\n::1 ip6-localhost\n',
  '/etc/services': 'ssh 22/tcp\nhttp-alternative-long-name 8080/tcp\ndomain 53/udp\n',
  '/etc/passwd': 'root:x:0:0:root:/root:/bin/sh\n',
});
const resolver = new Resolver(new Host(root), { enabled: false });

const v6 = fc.constantFrom(
  new Uint8Array(16),
  Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]),
  Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 10, 1, 2, 3]),
  Uint8Array.from([
    0x20, 1, 0xd, 0xb8, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0, 0x12, 0x34, 0x56, 0x78,
  ]),
  Uint8Array.from([0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0xab, 0xcd, 0xef, 1, 0x23, 0x45, 0x67, 0x89]),
);
const u64 = fc.oneof(
  fc.constantFrom(0, 1, 99999, 100000, 4294967295, 2 ** 53 - 1),
  fc.constantFrom(2n ** 63n, 2n ** 64n - 1n, 2n ** 60n),
);
const record = fc.record({
  family: fc.constantFrom(4 as const, 6 as const),
  v4a: fc.constantFrom(0, 0x7f000001, 0x0a010203, 0xffffffff, 0x00000005),
  v4b: fc.constantFrom(0, 0x7f000001, 0x0a010203, 0xc0000201),
  v6a: v6,
  v6b: v6,
  localPort: fc.constantFrom(0, 22, 53, 8080, 65535, 0x10016),
  remotePort: fc.constantFrom(0, 22, 8080, 40001),
  state: fc.integer({ min: 0, max: 20 }),
  txQueue: u64,
  rxQueue: u64,
  timerCode: fc.integer({ min: 0, max: 5 }),
  timerWhen: u64,
  retransmits: u64,
  uid: fc.constantFrom(0, 1000, -1),
  timeout: fc.integer({ min: -1, max: 3 }),
  inode: u64,
});

type Gen = typeof record extends fc.Arbitrary<infer T> ? T : never;

function toRecord(x: Gen): IpSocketRecord {
  return {
    slot: 0,
    family: x.family,
    localV4: x.family === 4 ? x.v4a : 0,
    remoteV4: x.family === 4 ? x.v4b : 0,
    localV6: x.family === 6 ? x.v6a : null,
    remoteV6: x.family === 6 ? x.v6b : null,
    localPort: x.localPort,
    remotePort: x.remotePort,
    state: x.state,
    txQueue: x.txQueue,
    rxQueue: x.rxQueue,
    timerCode: x.timerCode,
    timerWhen: x.timerWhen,
    retransmits: x.retransmits,
    uid: x.uid,
    timeout: x.timeout,
    inode: x.inode,
  };
}

const owners = new Map([
  [1, { pid: 1, program: 'init', text: '1/init' }],
  [99999, { pid: 4242, program: 'a-long-program-name', text: '4242/a-long-program' }],
  [100000, { pid: 7, program: 'x', text: '7/x', context: 'system_u:system_r:sshd_t:s0' }],
]);

describe('ipRowWriter', () => {
  it('writes the bytes of renderIpRow', () => {
    fc.assert(
      fc.property(
        fc.array(record, { minLength: 1, maxLength: 8 }),
        fc.constantFrom<IpProto>('tcp', 'udp', 'udplite', 'raw'),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.record({
          extended: fc.boolean(),
          programs: fc.boolean(),
          context: fc.boolean(),
          timers: fc.boolean(),
          numericUsers: fc.boolean(),
        }),
        (xs, proto, numericHosts, numericPorts, wide, t) => {
          const namer = new InetNamer(resolver, numericHosts, numericPorts);
          const tail: TailSettings = { ...t, resolver, owners };
          const settings = { proto, label: protoLabel(proto, xs[0]!.family === 6), namer, wide, tail };
          const sink = new CollectingSink();
          const out = new ChunkedOutput(sink, sink);
          const write = ipRowWriter(settings);
          let text = '';
          for (const x of xs) {
            const r = toRecord(x);
            text += renderIpRow(r, settings);
            write(r, out.bytes);
          }
          out.flush();
          expect(sink.text()).toBe(text);
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);
});
