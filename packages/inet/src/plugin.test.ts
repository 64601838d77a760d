import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ChunkedOutput, CollectingSink, createContext, type NetstatOptions } from '@netstat-ts/core';
import { makeRoot, pluginContract, underReadCap } from '@netstat-ts/core/testing';
import { describe, expect, it } from 'vitest';
import plugin from './plugin.js';

const H =
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
const TCP = `${H}   0: 0100007F:0016 0200007F:D431 01 00000010:00000020 02:000005DC 00000003  1000        5 23456 1 0\n`;
const TCP6 = `${H}   0: 00000000000000000000000001000000:0016 00000000000000000000000001000000:D431 01 0:0 00:0 0 0 0 777 1 0\n`;

pluginContract({
  plugin,
  options: { all: true, groups: 1, families: new Set(['inet', 'inet6']), flagArg: 1 },
  malformed: {
    '/proc/net/tcp': `${H}garbage\n${TCP.split('\n')[1]}\n`,
    '/proc/net/sctp/eps': ' ENDPT\nshort line\n',
    '/proc/net/igmp': 'Idx\tDevice\nxyz\n',
  },
});

const TCP_ONLY: Partial<NetstatOptions> = {
  protocols: { tcp: true, sctp: false, udp: false, udplite: false, raw: false },
  families: new Set(['inet', 'inet6']),
  flagArg: 1,
  numericHosts: true,
  numericPorts: true,
  numericUsers: true,
};

async function run(root: string, options: Partial<NetstatOptions>, pass = 0) {
  const ctx = { ...createContext({ root, options }), pass };
  const o = new CollectingSink();
  const e = new CollectingSink();
  const out = new ChunkedOutput(o, e);
  const sections = [
    ...(options.groups ? [] : await plugin.sockets!(ctx)),
    ...(options.groups ? await plugin.groups!(ctx) : []),
  ];
  let status = 0;
  for (const s of sections) {
    s.write(out);
    out.flush();
    if (s.status !== 0) {
      status = s.status;
      break;
    }
  }
  return { stdout: o.text(), stderr: e.text(), status, sections };
}

describe('inet plugin', () => {
  it('prints tcp6 before the exit status of a missing tcp file takes effect (spec §1.6)', async () => {
    const r = await run(makeRoot({ '/proc/net/tcp6': TCP6 }), TCP_ONLY);
    expect(r.stderr).toBe("netstat: no support for `AF INET (tcp)' on this system.\n");
    expect(r.stdout.split('\n').slice(2)).toEqual([
      'tcp6       0      0 ::1:22                  ::1:54321               ESTABLISHED',
      '',
    ]);
    expect(r.status).toBe(1);
  });

  it('is silent with noprot and reports other open errors with perror and 255', async () => {
    const quiet = await run(makeRoot({}), { ...TCP_ONLY, noprot: true });
    expect(quiet.stderr).toBe('');
    expect(quiet.status).toBe(0);
    const root = makeRoot({});
    mkdirSync(join(root, 'proc/net/tcp'));
    const dir = await run(root, TCP_ONLY);
    expect(dir.stderr).toBe('/proc/net/tcp: Is a directory\n');
    expect(dir.status).toBe(255);
  });

  it('adds the -e, -p and -o columns and resolves names from the root', async () => {
    const root = makeRoot({
      '/proc/net/tcp': TCP,
      '/proc/42/cmdline': '/usr/sbin/sshd\0-D\0',
      '/etc/passwd': 'alice:x:1000:1000::/home/alice:/bin/sh\n',
      '/etc/hosts': '127.0.0.1 localhost\n',
      '/etc/services': 'ssh 22/tcp\n',
      '/etc/nsswitch.conf': 'hosts: files\n',
    });
    const { symlinkSync } = await import('node:fs');
    mkdirSync(join(root, 'proc/42/fd'), { recursive: true });
    symlinkSync('socket:[23456]', join(root, 'proc/42/fd/3'));
    const r = await run(root, {
      ...TCP_ONLY,
      families: new Set(['inet']),
      numericHosts: false,
      numericPorts: false,
      numericUsers: false,
      extend: 2,
      programs: true,
      timers: true,
    });
    expect(r.stdout.split('\n')[1]).toBe(
      'Proto Recv-Q Send-Q Local Address           Foreign Address         State       User       Inode      PID/Program name     Timer',
    );
    expect(r.stdout.split('\n')[2]).toBe(
      'tcp       32     16 localhost:ssh           127.0.0.2:54321         ESTABLISHED alice      23456      42/sshd              keepalive (15.00/3/5)',
    );
    const row = r.sections[1]!.table!.rows[0];
    expect(row).toMatchObject({
      proto: 'tcp',
      local: { address: '127.0.0.1', port: 22, host: 'localhost', service: 'ssh' },
      remote: { address: '127.0.0.2', port: 54321 },
      state: 'ESTABLISHED',
      stateCode: 1,
      recvQ: 32,
      sendQ: 16,
      user: 'alice',
      inode: 23456,
      owner: { pid: 42, program: 'sshd' },
    });
  });

  it('prints bogus-line warnings and keeps them in the table', async () => {
    const r = await run(makeRoot({ '/proc/net/tcp': `${TCP}junk\n` }), { ...TCP_ONLY, all: true });
    expect(r.stderr).toBe('warning, got bogus tcp line.\n');
    expect(r.sections[1]!.table!.diagnostics).toEqual([
      { level: 'warning', message: 'warning, got bogus tcp line.' },
    ]);
  });

  it('prints the group table, and the same table again on later -c passes (no 2.10 sticky-IPv6 garbage)', async () => {
    const root = makeRoot({
      '/proc/net/igmp':
        'Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter\n1\tlo        :     1      V3\n\t\t\t\t010000E0     1 0:00000000\t\t1\n',
      '/proc/net/igmp6': '1    lo              ff020000000000000000000000000001     1 00000004 0\n',
    });
    const o = { groups: 1, flagArg: 1, families: new Set(['inet', 'inet6']), numericHosts: true };
    const first = await run(root, o, 0);
    expect(first.stdout).toBe(
      'IPv6/IPv4 Group Memberships\nInterface       RefCnt Group\n--------------- ------ ---------------------\nlo              1      224.0.0.1\nlo              1      ff02::1\n',
    );
    const second = await run(root, o, 1);
    expect(second.stderr).toBe('');
    expect(second.stdout).toBe(first.stdout);
  });

  it('prefetches reverse DNS when allowed and falls back to numbers without an answer', async () => {
    const line =
      '   0: 010200C0:0016 020200C0:D431 01 00000010:00000020 02:000005DC 00000003  1000        5 23456 1 0';
    const root = makeRoot({ '/proc/net/tcp': `${H}${line}\n`, '/etc/nsswitch.conf': 'hosts: files dns\n' });
    const options = { ...TCP_ONLY, families: new Set(['inet']), numericHosts: false };
    const ctx = createContext({
      root,
      options,
      dns: { enabled: true, servers: ['127.0.0.1:9'], timeoutMs: 200 },
    });
    expect(ctx.resolver.dnsAllowed).toBe(true);
    const sections = await plugin.sockets!(ctx);
    const o = new CollectingSink();
    const out = new ChunkedOutput(o, new CollectingSink());
    for (const s of sections) s.write(out);
    out.flush();
    expect(o.text().split('\n')[2]).toBe(
      'tcp       32     16 192.0.2.1:22            192.0.2.2:54321         ESTABLISHED',
    );
  });

  it('streams igmp and igmp6: a Host that refuses files over 64 bytes prints the same', async () => {
    // igmp's first line lacks "Device": the sticky IPv6 flag it sets carries over into igmp6, and
    // the IPv6 word buffer keeps the words of earlier lines (short addresses).
    const igmp = `1 lo ff020000000000000000000000000001 1\nbad\n${'2 eth0 ff02 3\n'.repeat(30)}`;
    const igmp6 = `Device x\n${'3 eth1 ff0500000000000000000000000000fb 2 0 0\n'.repeat(30)}4 eth2 ab 1\n`;
    const root = makeRoot({ '/proc/net/igmp': igmp, '/proc/net/igmp6': igmp6 });
    const o = { groups: 1, flagArg: 1, families: new Set(['inet', 'inet6']), numericHosts: true };
    const { normal, capped } = await underReadCap(root, o, plugin.groups!);
    expect(capped).toEqual(normal);
    expect(normal.rows[0]).toHaveLength(31);
    expect(normal.rows[1]).toHaveLength(31);
    expect(normal.stderr).toBe('warning, got bogus igmp6 line 1.\n');
    const lines = normal.stdout.split('\n');
    expect(lines[3]).toBe('lo              1      ff02::1');
    expect(lines[5]).toBe('eth0            3      0:ff02::1');
    // igmp6 starts with the words igmp's last line left (converted in place once more).
    expect(lines.at(-2)).toBe('eth2            1      0:ab::fb00:0');
  });

  it('streams the SCTP files: a Host that refuses files over 64 bytes prints the same', async () => {
    const eps = ` ENDPT     SOCK   STY SST HBKT LPORT   UID INODE LADDRS\nshort\n${'ffff8880 ffff8881 2 10 12 9999 0 4444 10.0.0.1 192.168.1.1 \t 1.2.3.4\n'.repeat(30)}`;
    const assocs = ` ASSOC     SOCK   STY SST ST HBKT ASSOC-ID TX_QUEUE RX_QUEUE UID INODE LPORT RPORT LADDRS <-> RADDRS\n${'a b 2 1 3 4 1 100 200 0 5555 9999 40000 *10.0.0.1 <-> *10.0.0.2 10.0.0.3 \t 1\n'.repeat(30)}bad\n`;
    const root = makeRoot({
      '/proc/net/sctp/eps': eps,
      '/proc/net/sctp/assocs': assocs,
      '/proc/net/sctp6/eps': eps,
    });
    const o: Partial<NetstatOptions> = {
      ...TCP_ONLY,
      protocols: { tcp: false, sctp: true, udp: false, udplite: false, raw: false },
      all: true,
    };
    const { normal, capped } = await underReadCap(root, o, plugin.sockets!);
    expect(capped).toEqual(normal);
    expect(normal.rows.map((r) => r.length)).toEqual([30, 30, 30, 0]);
    expect(normal.stderr).toBe(
      'warning, got bogus sctp eps line.\nwarning, got bogus sctp eps line.\nwarning, got bogus sctp assoc line.\n',
    );
    expect(normal.stdout.split('\n').length).toBeGreaterThan(90);
  });
});
