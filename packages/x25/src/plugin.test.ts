import {
  ChunkedOutput,
  CollectingSink,
  createContext,
  type NetstatOptions,
  type Section,
} from '@netstat-ts/core';
import { makeRoot, pluginContract, underReadCap } from '@netstat-ts/core/testing';
import { describe, expect, it } from 'vitest';
import plugin from './plugin.js';

const HEADER = 'dest_addr  src_addr   dev   lci st vs vr va   t  t2 t21 t22 t23 Snd-Q Rcv-Q inode\n';
const TITLE =
  'Active X.25 sockets\nDest         Source          Device  LCI  State        Vr/Vs  Send-Q  Recv-Q\n';

pluginContract({
  plugin,
  options: { all: true, families: new Set(['x25']), familyList: ['x25'], flagArg: 1 },
  routeFamily: 'x25',
  malformed: {
    '/proc/net/x25': `${HEADER}garbage\n1          2          x25   001  3  1  2  0   0   3 200 180 180    10    20 5001\n`,
    '/proc/net/x25_routes': 'Address Digits Device\nshort\n',
  },
});

const X25: Partial<NetstatOptions> = { families: new Set(['x25']), familyList: ['x25'], flagArg: 1 };

async function run(sections: Section[]) {
  const o = new CollectingSink();
  const e = new CollectingSink();
  const out = new ChunkedOutput(o, e);
  for (const s of sections) s.write(out);
  out.flush();
  return { stdout: o.text(), stderr: e.text(), status: sections.at(-1)!.status };
}

describe('x25 sockets', () => {
  it('ESYSNOT and status 1 when the file is missing and X.25 was asked for; no header', async () => {
    const r = await run(await plugin.sockets!(createContext({ root: makeRoot({}), options: X25 })));
    expect(r).toEqual({
      stdout: '',
      stderr: "netstat: no support for `AF X25' on this system.\n",
      status: 1,
    });
  });

  it('is silent in the default listing, and speaks with -v (status 0)', async () => {
    const quiet = await run(await plugin.sockets!(createContext({ root: makeRoot({}) })));
    expect(quiet).toEqual({ stdout: '', stderr: '', status: 0 });
    const v = await run(
      await plugin.sockets!(createContext({ root: makeRoot({}), options: { verbose: 1 } })),
    );
    expect(v.stderr).toBe("netstat: no support for `AF X25' on this system.\n");
    expect(v.status).toBe(0);
  });

  it('prints only the headers when /proc/net/x25 is a directory (2.6+ layout)', async () => {
    const root = makeRoot({ '/proc/net/x25/socket': `${HEADER}` });
    const sections = await plugin.sockets!(createContext({ root, options: X25 }));
    const r = await run(sections);
    expect(r).toEqual({ stdout: TITLE, stderr: '', status: 0 });
    expect(sections[0]!.table!.present).toBe(true);
  });

  it('filters lci 0 unless -a and keeps raw values in the rows', async () => {
    const root = makeRoot({
      '/proc/net/x25': `${HEADER}1          2          x25   000  0  0  0  0   0   3 200 180 180     0     0 1\n3          4          x25   01F  3  1  2  0   0   3 200 180 180     0     0 2\n`,
    });
    const s = await plugin.sockets!(createContext({ root, options: X25 }));
    const r = await run(s);
    expect(r.stdout).toBe(
      `${TITLE}3               4               x25     1F   ESTABLISHED  02/01  0       0     \n`,
    );
    const rows = s[0]!.table!.rows;
    expect(rows.map((x) => x.lci)).toEqual([0x1f]);
    const all = await run(await plugin.sockets!(createContext({ root, options: { ...X25, all: true } })));
    expect(all.stdout.split('\n')).toHaveLength(5);
  });
});

describe('x25 routes', () => {
  it('prints the stdout message and status 1 when neither file exists', async () => {
    const r = await run(await plugin.routes!(createContext({ root: makeRoot({}) }), 'x25'));
    expect(r).toEqual({ stdout: 'X.25 not configured in this system.\n', stderr: '', status: 1 });
  });

  it('prefers /proc/net/x25/route over /proc/net/x25_routes', async () => {
    const root = makeRoot({
      '/proc/net/x25/route': 'h\n1234             4       new0\n',
      '/proc/net/x25_routes': 'h\n5678             4       old0\n',
    });
    const s = await plugin.routes!(createContext({ root }), 'x25');
    const r = await run(s);
    expect(r.stdout).toBe(
      'Kernel X.25 routing table\nDestination          Iface\n1234/4               new0 \n',
    );
    expect(s[0]!.table!.sources).toEqual(['/proc/net/x25/route']);
  });

  it('falls back to /proc/net/x25_routes when /proc/net/x25 is a file (2.4 layout)', async () => {
    const root = makeRoot({
      '/proc/net/x25': HEADER,
      '/proc/net/x25_routes': 'h\n5678             0       old0\n',
    });
    const r = await run(await plugin.routes!(createContext({ root }), 'x25'));
    expect(r.stdout).toBe(
      'Kernel X.25 routing table\nDestination          Iface\n*                    old0 \n',
    );
  });
});

describe('x25 streaming', () => {
  const REC = '3          4          x25   01F  3  1  2  0   0   3 200 180 180     0     0 2\n';
  const LCI0 = '1          2          x25   000  0  0  0  0   0   3 200 180 180     0     0 1\n';
  const sockets = `${HEADER}garbage\n${(REC + LCI0).repeat(20)}${'9'.repeat(400)} 2 dev 001 1 2 3 4 5 6 7 8 9 10 11 12\n`;
  const routes = `h\n${'1234             4       new0\n'.repeat(40)}short\n`;

  it('streams /proc/net/x25: a Host that refuses files over 64 bytes prints the same, -a or not', async () => {
    const root = makeRoot({ '/proc/net/x25': sockets });
    for (const all of [false, true]) {
      const { normal, capped } = await underReadCap(root, { ...X25, all }, plugin.sockets);
      expect(capped).toEqual(normal);
      expect(normal.rows[0]).toHaveLength(all ? 41 : 21);
      expect(normal.stderr).toBe('');
      expect(normal.status).toBe(0);
      const lines = normal.stdout.split('\n');
      expect(lines.slice(0, 3)).toEqual([
        ...TITLE.split('\n').slice(0, 2),
        '3               4               x25     1F   ESTABLISHED  02/01  0       0     ',
      ]);
      expect(lines.at(-2)!.startsWith('9'.repeat(400))).toBe(true);
    }
    // The notes are kept in the table (never printed), also under the cap.
    const { Host } = await import('@netstat-ts/core');
    const ctx = { ...createContext({ root, options: X25 }), host: new Host(root, { maxFileSize: 64 }) };
    const table = (await plugin.sockets(ctx))[0]!.table!;
    // line 2: garbage; the 01F lines (an lci with a hex letter, which 2.10 misreads) and
    // the 400-byte line: shown from their own fields.
    const lines = [2, ...Array.from({ length: 20 }, (_, i) => 3 + 2 * i), 43];
    expect(table.diagnostics.map((d) => [d.level, (d as { line?: number }).line])).toEqual(
      lines.map((l) => ['info', l]),
    );
  });

  it('streams the routing table the same way (the first file that opens)', async () => {
    const root = makeRoot({
      '/proc/net/x25/route': routes,
      '/proc/net/x25_routes': 'h\n5678             4       old0\n',
    });
    const { normal, capped } = await underReadCap(root, {}, (c) => plugin.routes(c, 'x25'));
    expect(capped).toEqual(normal);
    expect(normal.rows[0]).toHaveLength(40);
    expect(normal.stdout).toBe(
      `Kernel X.25 routing table\nDestination          Iface\n${'1234/4               new0 \n'.repeat(40)}`,
    );
    expect(normal.stderr).toBe('');
    const fallback = makeRoot({ '/proc/net/x25': HEADER, '/proc/net/x25_routes': routes });
    const r = await underReadCap(fallback, {}, (c) => plugin.routes(c, 'x25'));
    expect(r.capped).toEqual(normal);
  });
});
