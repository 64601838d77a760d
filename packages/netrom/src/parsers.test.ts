import { describe, expect, it } from 'vitest';
import { parseNrNeigh, parseNrNodes } from './nr-route.js';
import { NR_PROBLEM, parseProcNetNr } from './proc-net-nr.js';
import {
  formatNetromRouteRow,
  formatNetromSocketRow,
  netromRouteRows,
  netromSocketRow,
  netromStateName,
} from './render.js';

const HDR =
  'user_addr dest_node src_node  dev    my  your  st  vs  vr  va    t1     t2     t4      idle   n2  wnd Snd-Q Rcv-Q inode\n';
const L1 =
  'G4ABC-1   GB7XYZ-7  G8BPQ-2   nr0  01/02 03/04  3   5  12   0   0/120  0/05   0/180   0/900  0/03   4   256     0 101\n';

describe('parseProcNetNr', () => {
  it('reads the spec §4.3 sample', () => {
    const r = parseProcNetNr(HDR + L1);
    expect(r.records).toEqual([
      {
        line: 1,
        user: 'G4ABC-1',
        dest: 'GB7XYZ-7',
        source: 'G8BPQ-2',
        device: 'nr0',
        state: 3,
        vs: 5,
        vr: 12,
        sendQ: 256,
        recvQ: 0,
      },
    ]);
    expect(formatNetromSocketRow(netromSocketRow(r.records[0]!))).toBe(
      'G4ABC-1    GB7XYZ-7   G8BPQ-2    nr0     ESTABLISHED  012/005  256     0     \n',
    );
  });

  it('does not complete a short line with the previous line (deviation)', () => {
    // 2.10 reuses its buffer: `x\n` + the tail of L1 scans as a full row:
    // `x` on one output line, then `         GB7XYZ-7   G8BPQ-2    nr0     ESTABLISHED  012/005  256 …`.
    const r = parseProcNetNr(`${HDR}${L1}x\n`);
    expect(r.records).toHaveLength(1);
    expect(r.diagnostics).toEqual([{ level: 'warning', message: NR_PROBLEM, stream: 'stdout', line: 2 }]);
  });

  it('names states outside 0–3 UNKNOWN(n) (deviation: 2.10 prints unrelated strings)', () => {
    expect(netromStateName(1)).toBe('CONN SENT');
    expect(netromStateName(4)).toBe('UNKNOWN(4)');
    expect(netromStateName(-1)).toBe('UNKNOWN(-1)');
  });
});

const NODES = 'callsign  mnemonic w n qual obs neigh qual obs neigh qual obs neigh\n';
const NEIGH = 'addr  callsign  dev  qual lock count failed digipeaters\n';

describe('routing table', () => {
  it('joins the route in use to the first matching neighbour (spec §4.6 sample)', () => {
    const nodes = parseNrNodes(`${NODES}GB7XYZ-7  XYZ      2 2  200   6 00001  150   5 00002\n`);
    expect(nodes[0]).toMatchObject({
      callsign: 'GB7XYZ-7',
      mnemonic: 'XYZ',
      which: 2,
      quality: 150,
      neighbourNumber: 2,
    });
    const neigh = parseNrNeigh(
      `${NEIGH}00002 G8BPQ-1   ax0   200    0     2      0\n00002 OTHER     ax1   1 0 0 0\n`,
    );
    expect(neigh[0]).toEqual({ line: 1, number: 2, callsign: 'G8BPQ-1', device: 'ax0', deviceText: 'ax0 ' });
    const rows = netromRouteRows(nodes, neigh);
    expect(rows.map(formatNetromRouteRow)).toEqual(['GB7XYZ-7     XYZ       150      G8BPQ-1    ax0 \n']);
  });

  it('prints no newline for a node without neighbour (reproduced)', () => {
    const rows = netromRouteRows(parseNrNodes(`${NODES}NOPE      NONE     1 1  100   6 00077\n`), []);
    expect(rows[0]!.neighbour).toBeNull();
    expect(formatNetromRouteRow(rows[0]!)).toBe('NOPE         NONE      ');
  });

  it('reads 0 where the route index points past the line (deviation: 2.10 reads the previous line)', () => {
    const nodes = parseNrNodes(
      `${NODES}K1A       BBS      3 3  136   6 00203   59   1 00101  243   0 00202\nB         X        3 1   10   6 00001\n`,
    );
    expect(nodes[0]).toMatchObject({ quality: 243, neighbourNumber: 202 });
    expect(nodes[1]).toMatchObject({ which: 3, quality: 0, neighbourNumber: 0 });
    expect(parseNrNodes(`${NODES}B         X        99999 1\n`)[0]).toMatchObject({
      quality: 0,
      neighbourNumber: 0,
    });
  });

  it('survives hostile input', () => {
    let seed = 11;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    for (let k = 0; k < 200; k++) {
      const bytes = Buffer.alloc(rnd() % 700);
      for (let i = 0; i < bytes.length; i++)
        bytes[i] = [32, 10, 0, 47, 45, 48 + (rnd() % 10), rnd() & 255][rnd() % 7]!;
      for (const x of parseProcNetNr(bytes).records) formatNetromSocketRow(netromSocketRow(x));
      for (const x of netromRouteRows(parseNrNodes(bytes), parseNrNeigh(bytes))) formatNetromRouteRow(x);
    }
  });
});
