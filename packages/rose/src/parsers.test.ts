import { describe, expect, it } from 'vitest';
import { parseProcNetRose, ROSE_PROBLEM } from './proc-net-rose.js';
import {
  formatRoseRouteRow,
  formatRoseSocketRow,
  roseRouteRows,
  roseSocketRow,
  roseStateName,
} from './render.js';
import { parseRoseNeigh, parseRoseNodes } from './rose-route.js';

const HDR =
  'dest_addr  dest_call src_addr   src_call  dev   lci neigh st vs vr va   t  t1  t2  t3  hb    idle Snd-Q Rcv-Q inode\n';
const L1 =
  '2080175521 G4ABC     2080175520 G8BPQ-1   rose0 001 00001  3  0  0  0    0/0   0/200   0/180   0/180   0/0   0/0     0     0 1235\n';

describe('parseProcNetRose', () => {
  it('keeps every field whole (deviation: 2.10 blanks dest_addr here, spec §4.4)', () => {
    const r = parseProcNetRose(HDR + L1);
    expect(r.records).toEqual([
      {
        line: 1,
        destAddr: '2080175521',
        destCall: 'G4ABC',
        srcAddr: '2080175520',
        srcCall: 'G8BPQ-1',
        device: 'rose0',
        lci: 1,
        neigh: 1,
        state: 3,
      },
    ]);
    // 2.10: `            G4ABC      2080175520  G8BPQ-1   rose0   1     1   ESTABLISHED`
    expect(formatRoseSocketRow(roseSocketRow(r.records[0]!))).toBe(
      '2080175521  G4ABC      2080175520  G8BPQ-1   rose0   1     1   ESTABLISHED\n',
    );
  });

  it('prints 9-character calls and 6-character devices whole', () => {
    const r = parseProcNetRose(`${HDR}12345 G4ABCDEFG 123 VK2XYZ-15 rose10 12 -7 1\n`);
    expect(formatRoseSocketRow(roseSocketRow(r.records[0]!))).toBe(
      '12345       G4ABCDEFG  123         VK2XYZ-15 rose10  12    -7   CONN SENT\n',
    );
  });

  it('reports lines without 8 values (hex lci) as problems', () => {
    const r = parseProcNetRose(`${HDR}1 2 3 4 5 FFF 7 1\n1 2 3 4 5 1B2 7 1\n1 2 3\n`);
    expect(r.records).toEqual([]);
    expect(r.diagnostics.map((d) => [d.line, d.message, d.stream])).toEqual([
      [1, ROSE_PROBLEM, 'stdout'],
      [2, ROSE_PROBLEM, 'stdout'],
      [3, ROSE_PROBLEM, 'stdout'],
    ]);
  });

  it('names states outside 0–3 UNKNOWN(n) (deviation)', () => {
    expect(roseStateName(2)).toBe('DISC SENT');
    expect(roseStateName(4)).toBe('UNKNOWN(4)');
  });
});

const NODES = 'address    mask n neigh neigh neigh\n';
const NEIGH = 'addr  callsign  dev  count use mode restart  t0  tf digipeaters\n';

describe('routing table', () => {
  it('prints every matching neighbour line per neighbour (spec §4.6 sample)', () => {
    const nodes = parseRoseNodes(`${NODES}2080175520 0010 2 00001 00002\n2080175521 0010 1 00009\n`);
    expect(nodes[0]).toEqual({ line: 1, address: '2080175520', count: 2, neighbourNumbers: [1, 2] });
    const neigh = parseRoseNeigh(
      `${NEIGH}00001 G8BPQ-1   ax0      1   2  DTE      no 130 214\n00002 G4ABC     ax1      1   2  DTE      no 130 214\n00002 TWICE     rose12   1\n`,
    );
    expect(neigh[2]).toEqual({ line: 3, number: 2, callsign: 'TWICE', device: 'rose1', deviceText: 'rose1' });
    expect(roseRouteRows(nodes, neigh).map(formatRoseRouteRow)).toEqual([
      '2080175520   00001  G8BPQ-1      ax0  00002  G4ABC        ax1  TWICE        rose1\n',
      '2080175521   00009  \n',
    ]);
  });

  it('reads the neighbour count from one byte and 0 past the line (deviation: 2.10 reads stale bytes)', () => {
    const nodes = parseRoseNodes(`${NODES}2080175520 0010 12 00001\n2080175521 0010 4 00001\n`);
    expect(nodes[0]!.count).toBe(1);
    expect(nodes[1]!.neighbourNumbers).toEqual([1, 0, 0, 0]);
  });

  it('survives hostile input', () => {
    let seed = 5;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    for (let k = 0; k < 200; k++) {
      const bytes = Buffer.alloc(rnd() % 700);
      for (let i = 0; i < bytes.length; i++)
        bytes[i] = [32, 10, 0, 45, 48 + (rnd() % 10), rnd() & 255][rnd() % 6]!;
      for (const x of parseProcNetRose(bytes).records) formatRoseSocketRow(roseSocketRow(x));
      for (const x of roseRouteRows(parseRoseNodes(bytes), parseRoseNeigh(bytes))) formatRoseRouteRow(x);
    }
  });
});
