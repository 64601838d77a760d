import { describe, expect, it } from 'vitest';
import { parseAx25Route } from './ax25-route.js';
import { ax25Problem, parseProcNetAx25 } from './proc-net-ax25.js';
import { ax25SocketRow, ax25StateName, formatAx25RouteRow, formatAx25SocketRow } from './render.js';

const LINE =
  'ffff8880deadbeef ax0 G8BPQ-1 G4ABC-2,WIDE1-1,RELAY 3 1 2 0 0 3 0 3 0 300 0 900 10 10 0 4 256 10 20 12345';

describe('parseProcNetAx25', () => {
  it('reads the new format (spec §4.2 sample)', () => {
    const r = parseProcNetAx25(
      `${LINE}\nffff8880deadbee0 ax0 G8BPQ-1 * 0 0 0 0 0 3 0 3 0 300 0 900 0 10 0 4 256 * * *\n`,
    );
    expect(r.format).toBe('new');
    expect(r.diagnostics).toEqual([]);
    expect(r.records[0]).toMatchObject({
      line: 0,
      dest: 'G4ABC-2',
      digipeaters: ['WIDE1-1', 'RELAY'],
      source: 'G8BPQ-1',
      device: 'ax0',
      state: 3,
      vs: 1,
      vr: 2,
      sendQ: 10,
      recvQ: 20,
    });
    expect(r.records.map((x) => formatAx25SocketRow(ax25SocketRow(x)))).toEqual([
      'G4ABC-2    G8BPQ-1    ax0     ESTABLISHED  002/001  10      20    \n',
      '*          G8BPQ-1    ax0     LISTENING    000/000  0       0     \n',
    ]);
  });

  it('reads the old format and spells its message with a capital P', () => {
    const r = parseProcNetAx25(
      'dest_addr src_addr  dev  st vs\nG4ABC-2   G8BPQ-1   ax0   3  1  2  0  0/3   0/3    0/300   0/900   0/10  0   4   0   10    20   0\nshort\n',
    );
    expect(r.format).toBe('old');
    expect(r.records[0]).toMatchObject({
      dest: 'G4ABC-2',
      source: 'G8BPQ-1',
      device: 'ax0',
      sendQ: 10,
      recvQ: 20,
    });
    expect(r.diagnostics).toEqual([
      { level: 'warning', message: ax25Problem('old'), stream: 'stdout', line: 2 },
    ]);
    expect(ax25Problem('new')).toBe('problem reading data from /proc/net/ax25');
  });

  it('never reads a previous record: short records are problems, not stale rows (deviation)', () => {
    // 2.10 prints `3 0 0 LISTENING 000/003 ...` for the `ff` record, built from the line before.
    const r = parseProcNetAx25('ff ax0 A B 3 1 2 4\n\nff\nff ax0\n');
    expect(r.records).toHaveLength(1);
    expect(r.diagnostics.map((d) => d.line)).toEqual([1, 2, 3]);
  });

  it('names states outside 0–4 UNKNOWN(n) (deviation: 2.10 prints (null) or crashes)', () => {
    expect(ax25StateName(4)).toBe('RECOVERY');
    expect(ax25StateName(5)).toBe('UNKNOWN(5)');
    expect(ax25StateName(-1)).toBe('UNKNOWN(-1)');
    const r = parseProcNetAx25('ff ax0 A B 100 1 2\n');
    expect(formatAx25SocketRow(ax25SocketRow(r.records[0]!))).toBe(
      'B          A          ax0     UNKNOWN(100)  002/001  0       0     \n',
    );
  });

  it('survives hostile input', () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    for (let k = 0; k < 200; k++) {
      const bytes = Buffer.alloc(rnd() % 700);
      for (let i = 0; i < bytes.length; i++)
        bytes[i] = [32, 10, 0, 44, 45, 48 + (rnd() % 10), rnd() & 255][rnd() % 7]!;
      const r = parseProcNetAx25(bytes);
      for (const x of r.records) formatAx25SocketRow(ax25SocketRow(x));
      for (const x of parseAx25Route(bytes)) formatAx25RouteRow(x);
    }
  });
});

describe('parseAx25Route', () => {
  it('cuts fixed columns and reads Use from byte 15 (spec §4.6 sample)', () => {
    const rows = parseAx25Route(
      'callsign  dev  mode digipeaters\nG4ABC-2   ax0   v   WIDE1-1\nCALL3     ax01234 -5\n',
    );
    expect(rows).toEqual([
      { line: 1, callsign: 'G4ABC-2', iface: 'ax0', use: 0 },
      { line: 2, callsign: 'CALL3', iface: 'ax01', use: 34 },
    ]);
    expect(rows.map(formatAx25RouteRow)).toEqual([
      'G4ABC-2      ax0        0\n',
      'CALL3        ax01      34\n',
    ]);
  });

  it('reads nothing past a short record (deviation: 2.10 shows the previous line there)', () => {
    const rows = parseAx25Route(`hdr\nCALL1     ax0  v  ${'X'.repeat(30)}\nAB\n`);
    expect(rows[1]).toEqual({ line: 2, callsign: 'AB\n', iface: '', use: 0 });
    // 2.10: `AB\n` + `          XXXX       0` (iface from the previous line).
    expect(formatAx25RouteRow(rows[1]!)).toBe(`AB\n${' '.repeat(17)}    0\n`);
  });
});
