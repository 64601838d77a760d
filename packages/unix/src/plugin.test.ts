import { ChunkedOutput, CollectingSink, createContext, Host, type NetstatOptions } from '@netstat-ts/core';
import { makeRoot, pluginContract } from '@netstat-ts/core/testing';
import { describe, expect, it } from 'vitest';
import plugin from './plugin.js';

const HEADER = 'Num       RefCount Protocol Flags    Type St Inode Path\n';

pluginContract({
  plugin,
  options: { all: true },
  malformed: { '/proc/net/unix': `${HEADER}garbage\n1: 2 0 0 1 3 9 /ok\n` },
});

async function run(files: Record<string, string>, options: Partial<NetstatOptions>) {
  const ctx = createContext({ root: makeRoot(files), options });
  const o = new CollectingSink();
  const e = new CollectingSink();
  const out = new ChunkedOutput(o, e);
  const sections = await plugin.sockets!(ctx);
  for (const s of sections) s.write(out);
  out.flush();
  return { stdout: o.text(), stderr: e.text(), status: sections.at(-1)!.status, sections };
}

describe('unix plugin', () => {
  it('prints the header and ESYSNOT when the file is missing and unix was asked for', async () => {
    const r = await run({}, { families: new Set(['unix']), flagArg: 1 });
    expect(r.stdout).toBe(
      'Active UNIX domain sockets (w/o servers)\nProto RefCnt Flags       Type       State         I-Node   Path\n',
    );
    expect(r.stderr).toBe("netstat: no support for `AF UNIX' on this system.\n");
    expect(r.status).toBe(1);
  });

  it('is silent about a missing file in the default listing', async () => {
    const r = await run({}, {});
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('filters listening sockets and formats -p and -Z columns', async () => {
    const files = {
      '/proc/net/unix': `${HEADER}1: 00000002 0 00010000 0001 01 100 /run/l\n2: 3 0 0 2 3 101\n`,
      '/proc/42/cmdline': '/usr/sbin/sshd\0-D\0',
      '/proc/42/fd/3': '',
    };
    const l = await run(files, { listening: true, programs: true });
    expect(l.stdout.split('\n').slice(1)).toEqual([
      'Proto RefCnt Flags       Type       State         I-Node   PID/Program name     Path',
      'unix  2      [ ACC ]     STREAM     LISTENING     100      -                    /run/l',
      '',
    ]);
    const z = await run(files, { context: true, programs: true });
    expect(z.stdout.split('\n')[1]).toBe(
      `Proto RefCnt Flags       Type       State         I-Node   PID/Program name    ${' Security Context'.padEnd(50)} Path`,
    );
    expect(z.stdout.split('\n')[2]).toBe(
      `unix  3      [ ]         DGRAM      CONNECTED     101      -                    ${'-'.padEnd(50)} `,
    );
  });

  it('prints bogus-line warnings on stderr and keeps rows in order', async () => {
    const r = await run({ '/proc/net/unix': `${HEADER}bad\n1: 2 0 0 1 3 9 /ok\n` }, { all: true });
    expect(r.stderr).toBe('warning, got bogus unix line.\n');
    expect(r.stdout).toContain('unix  2      [ ]         STREAM     CONNECTED     9        /ok\n');
    expect(r.sections[1]!.table!.diagnostics).toHaveLength(1);
  });

  it('shows `-` for inode and program when the header lacks Inode', async () => {
    const r = await run({ '/proc/net/unix': 'Num RefCount\n1: 2 0 0 1 3 77 /p\n' }, { programs: true });
    expect(r.stdout.split('\n')[2]).toBe(
      'unix  2      [ ]         STREAM     CONNECTED     -        -                    77',
    );
  });

  it('streams the file on a terminal too: names with newlines are joined under a 64-byte read cap', async () => {
    const real = '000000006529d6f5: 00000003 00000000 00010000 0001 01    48 /run/real.sock\n';
    const forged = '0000000000000000: 00000002 00000000 00010000 0001 01 99999 /run/FORGED-sshd.sock\n';
    const root = makeRoot({
      '/proc/net/unix': `${HEADER}${real.repeat(20)}00000000009cf592: 00000002 00000000 00010000 0001 01 12935 @x\n${forged}`,
    });
    const texts: string[] = [];
    for (const host of [new Host(root), new Host(root, { maxFileSize: 64 })]) {
      for (const terminal of [true, false]) {
        const ctx = { ...createContext({ root, options: { all: true } }), host, terminal };
        const o = new CollectingSink();
        const out = new ChunkedOutput(o, new CollectingSink());
        for (const sec of await plugin.sockets!(ctx)) sec.write(out);
        out.flush();
        texts.push(o.text());
      }
    }
    expect(texts[2]).toBe(texts[0]);
    expect(texts[3]).toBe(texts[1]);
    expect(texts[0]).toContain('@x\\n0000000000000000:');
    expect(texts[0]).not.toContain('FORGED');
    expect(texts[1]).toContain('/run/FORGED-sshd.sock'); // a pipe keeps 2.10's reading
    expect(texts[0].split('\n')).toHaveLength(24); // title, header, 20 + 1 joined rows, final newline
  });
});
