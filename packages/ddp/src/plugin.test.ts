import { ChunkedOutput, CollectingSink, createContext } from '@netstat-ts/core';
import { makeRoot, pluginContract, underReadCap } from '@netstat-ts/core/testing';
import { describe, expect, it } from 'vitest';
import plugin from './plugin.js';

pluginContract({
  plugin,
  routeFamily: 'ddp',
  malformed: {
    '/proc/net/atalk_route': 'Target Router Flags Dev\na b notanumber d\nleft over\n',
    '/proc/net/appletalk': 'Type local_addr  remote_addr tx_queue rx_queue st uid\n02 zz\n',
  },
});

async function run(files: Record<string, string>, family = 'ddp') {
  const ctx = createContext({ root: makeRoot(files) });
  const o = new CollectingSink();
  const e = new CollectingSink();
  const out = new ChunkedOutput(o, e);
  const sections = await plugin.routes!(ctx, family);
  for (const s of sections) s.write(out);
  out.flush();
  return { stdout: o.text(), stderr: e.text(), status: sections.at(-1)?.status ?? 0, sections };
}

describe('ddp plugin', () => {
  it('has the family, its alias and (an addition) a socket listing', () => {
    expect(plugin.families).toEqual({ ddp: { title: 'Appletalk DDP', aliases: ['appletalk'] } });
    expect(typeof plugin.sockets).toBe('function');
  });

  it('missing file: two stderr lines, status 1', async () => {
    expect(await run({})).toMatchObject({
      stdout: '',
      stderr:
        'Error opening /proc/net/atalk_route: No such file or directory\nDDP (AppleTalk) not configured on this system.\n',
      status: 1,
    });
  });

  it('prints the header and rows; appletalk is the same family', async () => {
    const r = await run(
      { '/proc/net/atalk_route': 'Target Router Flags Dev\nDefault FF00:01 515 eth1\n' },
      'appletalk',
    );
    expect(r.stdout).toBe(
      'Destination     Gateway         Device          Flags\nDefault         FF00:01         eth1            UG!\n',
    );
    expect(r.status).toBe(0);
  });

  it('a directory or an empty file (2.10 crashes): header only', async () => {
    const trees: Record<string, string>[] = [
      { '/proc/net/atalk_route/x': '' },
      { '/proc/net/atalk_route': '' },
    ];
    for (const files of trees) {
      const r = await run(files);
      expect(r).toMatchObject({
        stdout: 'Destination     Gateway         Device          Flags\n',
        status: 0,
      });
      expect(r.sections[0]!.table!.diagnostics[0]!.message).toContain('crashes');
    }
  });

  it('answers only for ddp', async () => {
    expect((await run({}, 'ipx')).sections).toEqual([]);
  });
});

describe('ddp sockets (/proc/net/appletalk, an addition)', () => {
  // The kernel's atalk_seq_socket_show format, as ../shared/tools/genproc.mjs writes it.
  const FILE =
    'Type local_addr  remote_addr tx_queue rx_queue st uid\n' +
    '02   FF00:01:FD  0000:00:00  00000000:00000000 07 0\n' +
    'junk line\n' +
    '03   882B:D0:95  FF00:2A:04  00000010:00000442 01 1000\n';
  async function sockets(files: Record<string, string>, options: Record<string, unknown> = {}) {
    const ctx = createContext({
      root: makeRoot({ ...files, '/etc/passwd': 'alice:x:1000:1000::/:/bin/sh\n' }),
    });
    Object.assign(ctx.options, options);
    const o = new CollectingSink();
    const e = new CollectingSink();
    const out = new ChunkedOutput(o, e);
    const sections = await plugin.sockets!(ctx);
    for (const s of sections) s.write(out);
    out.flush();
    return { stdout: o.text(), stderr: e.text(), sections };
  }

  it('lists every socket under a title and header, bogus lines warned in file order', async () => {
    const r = await sockets({ '/proc/net/appletalk': FILE });
    expect(r.stdout).toBe(
      'Active DDP sockets\n' +
        'Proto Type      Recv-Q Send-Q Local Address        Foreign Address      State\n' +
        'DDP   DGRAM          0      0 65280.1:253          -                         \n' +
        'DDP   RAW         1090     16 34859.208:149        65280.42:4           ESTAB\n',
    );
    expect(r.stderr).toBe('warning, got bogus ddp line.\n');
    const t = r.sections[0]!.table!;
    expect(t).toMatchObject({ family: 'ddp', name: 'appletalk', present: true });
    expect(JSON.parse(JSON.stringify(t.rows))[1]).toMatchObject({
      type: 3,
      local: { net: 34859, node: 208, port: 149 },
      remote: { net: 65280, node: 42, port: 4 },
      sendQ: 16,
      recvQ: 1090,
      state: 1,
      uid: 1000,
    });
  });

  it('-e adds the user, -p a program column that stays `-` (the file has no inodes)', async () => {
    const r = await sockets({ '/proc/net/appletalk': FILE }, { extend: 2, programs: true });
    const lines = r.stdout.split('\n');
    expect(lines[1]).toBe(
      'Proto Type      Recv-Q Send-Q Local Address        Foreign Address      State User       PID/Program name',
    );
    expect(lines[3]).toBe(
      'DDP   RAW         1090     16 34859.208:149        65280.42:4           ESTAB alice      -',
    );
  });

  it("no /proc/net/appletalk: no section (the CLI prints 2.10's default listing)", async () => {
    expect((await sockets({})).sections).toEqual([]);
  });
});

describe('ddp tables are streamed', () => {
  it('sockets: a Host that refuses files over 64 bytes prints the same (-e, -p, bogus lines on stderr)', async () => {
    const file =
      'Type local_addr  remote_addr tx_queue rx_queue st uid\n' +
      '02   FF00:01:FD  0000:00:00  00000000:00000000 07 0\n'.repeat(20) +
      'junk line\n' +
      '03   882B:D0:95  FF00:2A:04  00000010:00000442 01 1000\n'.repeat(20) +
      'more junk\n';
    const root = makeRoot({ '/proc/net/appletalk': file, '/etc/passwd': 'alice:x:1000:1000::/:/bin/sh\n' });
    for (const options of [{}, { extend: 2, programs: true }]) {
      const { normal, capped } = await underReadCap(root, options, plugin.sockets!);
      expect(capped).toEqual(normal);
      expect(normal.rows[0]).toHaveLength(40);
      expect(normal.stdout.split('\n')).toHaveLength(43);
      expect(normal.stderr).toBe('warning, got bogus ddp line.\n'.repeat(2));
    }
  });

  it('routes: a Host that refuses files over 64 bytes prints the same', async () => {
    const file = `Target Router Flags Dev\n${'Default FF00:01 515 eth1\n'.repeat(40)}left over\n`;
    const { normal, capped } = await underReadCap(makeRoot({ '/proc/net/atalk_route': file }), {}, (c) =>
      plugin.routes!(c, 'ddp'),
    );
    expect(capped).toEqual(normal);
    expect(normal.rows[0]).toHaveLength(40);
    expect(normal.stdout.split('\n')).toHaveLength(42);
    expect(normal.stderr).toBe('');
  });
});
