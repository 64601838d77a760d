import { describe, expect, it } from 'vitest';
import {
  currEstabFromNetstatCapture,
  parseIpNetns,
  procGroupsFromNetstatCapture,
  procNetFromNetstatCapture,
  procRouteFromIpRoute,
  procSnmpFromNstat,
  sosNetnsFile,
} from './sos-netns.js';

describe('sosreport namespace outputs -> /proc/net files', () => {
  it('names: ip netns lines with and without an nsid; file names as sos makes them', () => {
    expect(parseIpNetns('web (id: 0)\ndb\n\nbad name here\n../x\n')).toEqual(['web', 'db']);
    expect(sosNetnsFile('web', 'ip route show table all')).toBe(
      '/sos_commands/networking/namespaces/web/ip_netns_exec_web_ip_route_show_table_all',
    );
  });

  it('netstat -W -neopa rows become kernel-format lines; rows it cannot read are counted', () => {
    const d = procNetFromNetstatCapture(
      [
        'Active Internet connections (servers and established)',
        'Proto Recv-Q Send-Q Local Address           Foreign Address         State       User       Inode      PID/Program name     Timer',
        'tcp        3      7 127.0.0.1:5432          10.0.0.2:40000          ESTABLISHED 1000       77         12/pg                keepalive (7199.55/0/2)',
        'udp6       0      0 ::ffff:10.1.2.3:53      :::*                                0          78         -                    off (0.00/0/0)',
        'raw        0      0 0.0.0.0:1               0.0.0.0:*               7           0          79         -                    off (0.00/0/0)',
        'tcp        0      0 999.0.0.1:1             0.0.0.0:*               LISTEN      0          80         -                    off (0.00/0/0)',
        'Active UNIX domain sockets (servers and established)',
        'Proto RefCnt Flags       Type       State         I-Node   PID/Program name     Path',
        'unix  2      [ ACC ]     SEQPACKET  LISTENING     90       1/init               /run/a b',
        'unix  2      [ ]         DGRAM                    91       -                    ',
      ].join('\n'),
    );
    expect(d.skipped).toBe(1);
    expect(d.files.tcp!.split('\n')[1]).toBe(
      '   0: 0100007F:1538 0200000A:9C40 01 00000007:00000003 02:000AFC53 00000000  1000        2 77 1 0000000000000000 20 4 0 10 -1',
    );
    expect(d.files.udp6!.split('\n')[1]).toMatch(
      /^ {3}0: 0000000000000000FFFF00000302010A:0035 0{32}:0000 07 /,
    );
    expect(d.files.raw!.split('\n')[1]).toMatch(/^ {3}0: 00000000:0001 00000000:0000 07 /);
    expect(d.files.unix!.split('\n').slice(1)).toEqual([
      '0000000000000000: 00000002 00000000 00010000 0005 01 90 /run/a b',
      '0000000000000000: 00000002 00000000 00000000 0002 01 91',
      '',
    ]);
    expect(
      currEstabFromNetstatCapture(
        'tcp 0 0 a b ESTABLISHED 0 1\ntcp6 0 0 a b CLOSE_WAIT 0 1\nudp 0 0 a b ESTABLISHED\n',
      ),
    ).toBe(2);
  });

  it('ip route show table all: main-table IPv4 routes with the kernel flags; other tables and IPv6 left out', () => {
    const d = procRouteFromIpRoute(
      'default via 10.0.0.1 dev eth0 proto dhcp metric 100 \n10.9.9.9 via 10.0.0.1 dev eth0 mtu lock 1400 \nunreachable 10.8.0.0/16 \nlocal 10.0.0.5 dev eth0 table local proto kernel\nfe80::/64 dev eth0 proto kernel metric 256\nnonsense/99 dev x\n',
    );
    expect(d.skipped).toBe(1);
    expect(d.files.route!.split('\n').slice(1, -1)).toEqual([
      'eth0\t00000000\t0100000A\t0003\t0\t0\t100\t00000000\t0\t0\t0',
      'eth0\t0909090A\t0100000A\t0007\t0\t0\t0\tFFFFFFFF\t1400\t0\t0',
      '*\t0000080A\t00000000\t0201\t0\t0\t0\t0000FFFF\t0\t0\t0',
    ]);
  });

  it('group memberships split into igmp and igmp6 with the interface index of ip -d address show', () => {
    const d = procGroupsFromNetstatCapture(
      'IPv6/IPv4 Group Memberships\nInterface       RefCnt Group\n--------------- ------ ---------------------\neth0            2      239.1.2.3\neth0            1      ff02::1\n',
      new Map([['eth0', 7]]),
    );
    expect(d.files.igmp).toBe(
      'Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter\n7\teth0      :     1      V3\n\t\t\t\t030201EF     2 0:00000000\t\t0\n',
    );
    expect(d.files.igmp6).toBe('7    eth0            ff020000000000000000000000000001     1 00000004 0\n');
  });

  it('nstat -zas plus sysctl: the snmp files, with the fields nstat leaves out', () => {
    const d = procSnmpFromNstat(
      '#kernel\nIpInReceives 5 0.0\nTcpActiveOpens 1 0.0\nTcpInSegs 7 0.0\nIp6InReceives 9 0.0\nTcpExtTW 2 0.0\nbogus\n',
      'net.ipv4.ip_forward = 1\nnet.ipv4.ip_default_ttl = 63\n',
      4,
    );
    expect(d.skipped).toBe(1);
    expect(d.files.snmp).toBe(
      'Ip: Forwarding DefaultTTL InReceives\nIp: 1 63 5\nTcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens CurrEstab InSegs\nTcp: 1 200 120000 -1 1 4 7\n',
    );
    expect(d.files.netstat).toBe('TcpExt: TW\nTcpExt: 2\n');
    expect(d.files.snmp6).toBe(`${'Ip6InReceives'.padEnd(32)}\t9\n`);
  });
});
