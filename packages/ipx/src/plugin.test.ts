import { ChunkedOutput, CollectingSink, createContext, type NetstatOptions } from '@netstat-ts/core';
import { makeRoot, pluginContract, underReadCap } from '@netstat-ts/core/testing';
import { describe, expect, it } from 'vitest';
import plugin from './plugin.js';

const HEADER = 'Local_Address  Remote_Address  Tx_Queue  Rx_Queue  State  Uid\n';
const ROUTE_HEADER = 'Network    Router_Net   Router_Node\n';
const IPX: Partial<NetstatOptions> = { families: new Set(['ipx']), familyList: ['ipx'], flagArg: 1 };

pluginContract({
  plugin,
  options: { all: true, extend: 2 },
  routeFamily: 'ipx',
  malformed: {
    '/proc/net/ipx/socket': `${HEADER}1:1 Not_Connected 0 0 0A 5\n\n1:1 Not_Connected zz\n`,
    '/proc/net/ipx/route': `${ROUTE_HEADER}1 2\n00001234 Directly Connected\n`,
  },
});

async function run(
  files: Record<string, string>,
  options: Partial<NetstatOptions>,
  mode: 'sockets' | 'routes' = 'sockets',
  family = 'ipx',
) {
  const ctx = createContext({ root: makeRoot(files), options });
  const o = new CollectingSink();
  const e = new CollectingSink();
  const out = new ChunkedOutput(o, e);
  const sections = mode === 'sockets' ? await plugin.sockets!(ctx) : await plugin.routes!(ctx, family);
  for (const s of sections) s.write(out);
  out.flush();
  return { stdout: o.text(), stderr: e.text(), status: sections.at(-1)?.status ?? 0, sections };
}

describe('ipx sockets', () => {
  it('missing file: ESYSNOT and status 1 when asked for, silent in the default listing', async () => {
    expect(await run({}, IPX)).toMatchObject({
      stdout: '',
      stderr: "netstat: no support for `AF IPX' on this system.\n",
      status: 1,
    });
    expect(await run({}, {})).toMatchObject({ stdout: '', stderr: '', status: 0 });
    expect(await run({}, { verbose: 1 })).toMatchObject({
      stderr: "netstat: no support for `AF IPX' on this system.\n",
      status: 0,
    });
  });

  it('2.4 layout (/proc/net/ipx is a file): perror and status 255', async () => {
    const r = await run({ '/proc/net/ipx': HEADER }, {});
    expect(r).toMatchObject({ stdout: '', stderr: '/proc/net/ipx/socket: Not a directory\n', status: 255 });
  });

  it('a directory in place of the file prints the header only', async () => {
    const r = await run({ '/proc/net/ipx/socket/x': '' }, IPX);
    expect(r.stdout).toBe(
      'Active IPX sockets\nProto Recv-Q Send-Q Local Address              Foreign Address            State\n',
    );
    expect(r.status).toBe(0);
  });

  it('prints rows, then the format error on stderr with status 255', async () => {
    const r = await run({ '/proc/net/ipx/socket': `${HEADER}1:0451 Not_Connected 0 0 07 0\nbad\n` }, IPX);
    expect(r.stdout.split('\n')[2]).toBe(
      'IPX        0      0 00000001:0451              -                               ',
    );
    expect(r.stderr).toBe("netstat.c: Internal Error `ipx socket format error in source port'.\n");
    expect(r.status).toBe(255);
  });

  it('-e adds the User column: names, or the uid with -n and for unknown uids', async () => {
    const files = {
      '/proc/net/ipx/socket': `${HEADER}1:1 Not_Connected 0 0 07 0\n1:1 Not_Connected 0 0 07 4242\n1:1 Not_Connected 0 0 07 4294967295\n`,
      '/etc/passwd': 'root:x:0:0::/root:/bin/sh\n',
    };
    const named = await run(files, { ...IPX, extend: 2 });
    expect(named.stdout.split('\n')[1]).toMatch(/State User$/);
    expect(
      named.stdout
        .split('\n')
        .slice(2, 5)
        .map((l) => l.slice(80)),
    ).toEqual(['root      ', '4242      ', '-1        ']);
    const numeric = await run(files, { ...IPX, extend: 2, numericUsers: true });
    expect(numeric.stdout.split('\n')[2]!.slice(80)).toBe('0         ');
    const rows = numeric.sections[0]!.table!.rows as Array<{ uid: number; user: string }>;
    expect(rows.map((x) => [x.uid, x.user])).toEqual([
      [0, '0'],
      [4242, '4242'],
      [4294967295, '-1'],
    ]);
  });
});

describe('ipx routes', () => {
  it('reads /proc/net/ipx/route, else /proc/net/ipx_route', async () => {
    const want =
      'Kernel IPX routing table\nDestination               Router Net                Router Node\n' +
      '00001234                  0000000D                  C00000000000             \n';
    const line = `${ROUTE_HEADER}00001234 Directly Connected\n`;
    expect((await run({ '/proc/net/ipx/route': line }, {}, 'routes')).stdout).toBe(want);
    const old = await run({ '/proc/net/ipx': HEADER, '/proc/net/ipx_route': line }, {}, 'routes');
    expect(old.stdout).toBe(want);
    expect(old.sections[0]!.table!.sources).toEqual(['/proc/net/ipx_route']);
  });

  it('neither file: strerror on stderr, the message on stdout, status 1', async () => {
    const r = await run({}, {}, 'routes');
    expect(r).toMatchObject({
      stdout: 'IPX routing not in file /proc/net/ipx/route or /proc/net/ipx_route found.\n',
      stderr: 'No such file or directory\n',
      status: 1,
    });
  });

  it('a directory in place of the file prints the header only', async () => {
    const r = await run({ '/proc/net/ipx/route/x': '' }, {}, 'routes');
    expect(r.stdout.split('\n')).toHaveLength(3);
    expect(r.status).toBe(0);
  });

  it('answers only for ipx', async () => {
    expect((await run({}, {}, 'routes', 'ddp')).sections).toEqual([]);
  });
});

describe('ipx tables are streamed', () => {
  const socket = '1:0451 Not_Connected 0 0 07 0\n';
  // A line longer than a read (254 bytes): its rest is read as a blank line (the socket again).
  const long = `2:0452 1:0453 10 20 01 0${' '.repeat(300)}\n`;
  const sockets = `${HEADER}${socket.repeat(30)}${long}${socket.repeat(10)}`;

  it('sockets: a Host that refuses files over 64 bytes prints the same (with -e, and after a format error)', async () => {
    for (const [files, status] of [
      [{ '/proc/net/ipx/socket': sockets }, 0],
      [{ '/proc/net/ipx/socket': `${sockets}bad\n${socket}` }, 255],
    ] as const) {
      const root = makeRoot({ ...files, '/etc/passwd': 'root:x:0:0::/root:/bin/sh\n' });
      for (const options of [{ all: true }, { all: true, extend: 2 }]) {
        const { normal, capped } = await underReadCap(root, options, plugin.sockets!);
        expect(capped).toEqual(normal);
        expect(normal.status).toBe(status);
        expect(normal.rows[0]).toHaveLength(42);
        expect(normal.stdout.split('\n')).toHaveLength(45);
        expect(normal.stderr).toBe(
          status ? "netstat.c: Internal Error `ipx socket format error in source port'.\n" : '',
        );
      }
    }
  });

  it('sockets: the status is known before the text is written (the file is read for it)', async () => {
    const ctx = createContext({ root: makeRoot({ '/proc/net/ipx/socket': `${HEADER}bad\n` }), options: IPX });
    const [s] = await plugin.sockets!(ctx);
    expect(s!.status).toBe(255);
    expect(s!.table!.diagnostics.map((d) => d.level)).toEqual(['info', 'error']);
  });

  it('routes: both files, under the same 64-byte cap, print the same', async () => {
    const routes = `${ROUTE_HEADER}${'00001234 Directly Connected\n'.repeat(30)}1 2 ${'3'.repeat(1100)}\nshort\n`;
    for (const files of [
      { '/proc/net/ipx/route': routes } as Record<string, string>,
      { '/proc/net/ipx': HEADER, '/proc/net/ipx_route': routes },
    ]) {
      const { normal, capped } = await underReadCap(makeRoot(files), {}, (c) => plugin.routes!(c, 'ipx'));
      expect(capped).toEqual(normal);
      expect(normal.rows[0]).toHaveLength(31);
      expect(normal.stdout.split('\n')).toHaveLength(34);
      expect(normal.stderr).toBe('');
    }
  });
});
