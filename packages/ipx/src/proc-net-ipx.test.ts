import { type PieceFeed, PieceSplitter } from '@netstat-ts/core';
import { describe, expect, it } from 'vitest';
import {
  IPX_DESTINATION_PORT_ERROR,
  IPX_SOURCE_PORT_ERROR,
  parseIpxSockets,
  scanIpxSockets,
} from './proc-net-ipx.js';
import { formatIpxSocketRow, ipxSocketRow } from './render.js';

const HEADER = 'Local_Address               Remote_Address              Tx_Queue  Rx_Queue  State  Uid\n';
const parse = (s: string) => parseIpxSockets(Buffer.from(HEADER + s, 'latin1'));
const text = (s: string, extend = 1) =>
  parse(s)
    .records.map((r) => formatIpxSocketRow(ipxSocketRow(r, { extend, numericUsers: true })))
    .join('');

describe('parseIpxSockets', () => {
  it('reads kernel lines; ports as the kernel wrote them; tx under Recv-Q', () => {
    expect(
      text(
        '00001234:001122334455:4000  Not_Connected               00000010  00000020  07     000\n' +
          'ABCDEF01:001122334455:0451  0000FEDC:FFFFFFFFFFFF:0452  00000000  00000000  01     1000\n',
        2,
      ),
    ).toBe(
      'IPX       16     32 00001234:001122334455:4000 -                                0         \n' +
        'IPX        0      0 ABCDEF01:001122334455:0451 0000FEDC:FFFFFFFFFFFF:0452 ESTAB 1000      \n',
    );
    const [r] = parse('C9E58E29:0453  83A4AE57:3D519049AC0E:0C1E  0 0 01 107\n').records;
    expect(r).toMatchObject({
      local: { network: 0xc9e58e29, node: '000000000000', port: 0x453, text: 'C9E58E29:0453' },
      remote: { network: 0x83a4ae57, node: '3D519049AC0E', port: 0xc1e },
      state: 1,
      uid: 107,
    });
  });

  it('reads the uid from its own field after a hex state (2.10 keeps the previous uid)', () => {
    const p = parse(
      '1:1 Not_Connected 0 0 01 5\n1:1 Not_Connected 0 0 0A 1000\n1:1 Not_Connected 0 0 1F 0\n',
    );
    expect(p.records.map((r) => [r.state, r.uid])).toEqual([
      [1, 5],
      [0, 1000],
      [1, 0],
    ]);
    expect(p.diagnostics.filter((d) => d.message.includes('2.10 shows 5'))).toHaveLength(2);
  });

  it('keeps values of fields a line does not give, like 2.10', () => {
    const p = parse('00001234:AB:1234 00005678:CD:5678 10 20 01 33\n\n1:2 Not_Connected 5\n');
    expect(p.records).toHaveLength(3);
    expect(p.records[1]).toMatchObject({ local: { text: '00001234:AB0000000000:1234' }, recvQ: '16' });
    expect(p.records[2]).toMatchObject({
      local: { text: '00000001:0002' },
      recvQ: '5',
      sendQ: '32',
      uid: 33,
    });
    expect(p.diagnostics.some((d) => d.line === 3 && d.message.includes('repeats'))).toBe(true);
  });

  it('keeps the previous port when the port text is unreadable', () => {
    const p = parse(
      '1:0451 Not_Connected 0 0 07 0\n2:x5 Not_Connected 0 0 07 0\n3: Not_Connected 0 0 07 0\n',
    );
    expect(p.records.map((r) => r.local.text)).toEqual(['00000001:0451', '00000002:0451', '00000003:0451']);
  });

  it('narrows long ports, reads signed and prefixed numbers', () => {
    const p = parse(
      '1:12345 Not_Connected FFFFFFFFFFFFFFFF -1 07 4294967295\n1:-0x5 Not_Connected 0x 7 +1 -5\n',
    );
    expect(p.records.map((r) => [r.local.port, r.recvQ, r.sendQ, r.state, r.uid | 0])).toEqual([
      [0x2345, '-1', '-1', 7, -1],
      [0xfffb, '0', '7', 1, -5],
    ]);
  });

  it('ends with the source-port error for a local address without a colon', () => {
    const p = parse('1:1 Not_Connected 0 0 07 0\ngarbage\n1:1 Not_Connected 0 0 07 0\n');
    expect(p.records).toHaveLength(1);
    expect(p.error).toEqual({ line: 3, message: IPX_SOURCE_PORT_ERROR });
  });

  it('ends with the destination-port error for a remote address without a colon', () => {
    expect(parse('1:1 not_connected 0 0 07 0\n').error?.message).toBe(IPX_DESTINATION_PORT_ERROR);
    expect(parse('1:1 Not_ConnectedX 0 0 07 0\n').error?.message).toBe(IPX_DESTINATION_PORT_ERROR);
  });

  it('a blank first line has no previous socket: source-port error', () => {
    expect(parse('\n1:1 Not_Connected 0 0 07 0\n').error?.message).toBe(IPX_SOURCE_PORT_ERROR);
  });

  it('reads at most 254 bytes at a time; the rest is a line of its own', () => {
    const g = '00001234:AB:1234 00005678:CD:5678 10 20 01 33';
    const p = parse(`${g}${' '.repeat(254 - g.length - 1)}1:1 Not_Connected 1 2 01 5\n`);
    expect(p.records.map((r) => r.local.text)).toEqual(['00001234:AB0000000000:1234', ':0001']);
  });

  it('notes address fields 2.10 cannot hold', () => {
    const p = parse(`1234:AB${'0'.repeat(60)}:1 Not_Connected 1 2 01 5\n`);
    expect(p.diagnostics.some((d) => d.message.includes('overflows'))).toBe(true);
    expect(p.records[0]!.local.text).toBe('00001234:AB0000000000:0001');
  });

  it('never throws on binary garbage', () => {
    for (let seed = 1; seed < 40; seed++) {
      const junk = Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * seed * 7919 + seed) % 256));
      expect(() => parseIpxSockets(junk)).not.toThrow();
    }
  });
});

describe('scanIpxSockets', () => {
  it('hands over records and notes in file order and returns the fatal error, after which nothing is read', () => {
    const events: string[] = [];
    const error = scanIpxSockets(
      `${HEADER}1:1 Not_Connected 0 0 07 0\n\nbad\n2:2 Not_Connected 0 0 07 0\n`,
      (r) => events.push(`record ${r.line}`),
      (d) => events.push(`${d.level} ${d.line}`),
    );
    expect(events).toEqual(['record 2', 'info 3', 'info 3', 'record 3', 'info 4', 'error 4']);
    expect(error).toEqual({ line: 4, message: IPX_SOURCE_PORT_ERROR });
  });

  it('a streamed file (a piece feed, cut anywhere) reads as the same bytes do', () => {
    const data = Buffer.from(
      `${HEADER}${'1:0451 2:0452 1 2 01 5\n'.repeat(5)}${'x'.repeat(600)}\n1:1 Not_Connected 0 0 0A 7\0junk\n`,
      'latin1',
    );
    const want = parseIpxSockets(data);
    for (const chunk of [1, 7, 64, 255]) {
      const feed: PieceFeed = (max, each) => {
        const split = new PieceSplitter(max, each);
        for (let i = 0; i < data.length; i += chunk) split.push(data.subarray(i, i + chunk));
        split.end();
      };
      const records: unknown[] = [];
      const diagnostics: unknown[] = [];
      const error = scanIpxSockets(
        feed,
        (r) => records.push(r),
        (d) => diagnostics.push(d),
      );
      expect({ records, diagnostics, error }).toEqual(want);
    }
  });
});
