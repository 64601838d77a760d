import { describe, expect, it } from 'vitest';
import { parseHosts, parseNetworks } from '../src/etc/hosts.js';
import { parseNsswitch } from '../src/etc/nsswitch.js';
import { parsePasswd } from '../src/etc/passwd.js';
import { parseProtocols, parseServices } from '../src/etc/services.js';

describe('etc parsers', () => {
  it('services: official names of tcp/udp/raw entries, the last one for a port wins', () => {
    const t = parseServices(
      'ssh 22/tcp\nfirst 80/tcp www\nhttp 80/tcp # later wins\nsctpish 9/sctp\ndomain 53/udp\nbad line\n',
    );
    expect(t.tcp.get(22)).toBe('ssh');
    expect(t.tcp.get(80)).toBe('http');
    expect(t.udp.get(53)).toBe('domain');
    expect(t.tcp.get(9)).toBeUndefined();
    parseProtocols('icmp 1 ICMP\nipv6-icmp 58\n# c\nbroken x\n', t);
    expect([t.raw.get(1), t.raw.get(58)]).toEqual(['icmp', 'ipv6-icmp']);
  });

  it('passwd: the first entry for a uid wins; junk is skipped', () => {
    const u = parsePasswd(
      'root:x:0:0::/root:/bin/sh\ntoor:x:0:0::/:/bin/sh\n+nis\nnouid:x:abc:1\nwww:x:33:33::/:/x\n',
    );
    expect([u.get(0), u.get(33), u.size]).toEqual(['root', 'www', 2]);
  });

  it('hosts: first line for an address, first name of it; v4 and v6 apart', () => {
    const h = parseHosts(
      '127.0.0.1 localhost lh\n127.0.0.1 other\n::1 ip6-localhost\n0:0::1 later\nbogus name\n',
    );
    expect(h.v4.get('127.0.0.1')).toBe('localhost');
    expect(h.v6.get('::1')).toBe('ip6-localhost');
  });

  it('networks: numbers padded with .0 as glibc does', () => {
    const n = parseNetworks('labnet 192.168.7\nloopback 127\ndefault 0.0.0.0\nhex 0x0a.1\n');
    expect(n.get(0xc0a80700)).toBe('labnet');
    expect(n.get(0x7f000000)).toBe('loopback');
    expect(n.get(0)).toBe('default');
    expect(n.get(0x0a010000)).toBe('hex');
  });

  it('nsswitch: sources per database, actions dropped', () => {
    const n = parseNsswitch('hosts: files [NOTFOUND=return] dns\n# x\npasswd:   files systemd\n');
    expect(n.get('hosts')).toEqual(['files', 'dns']);
    expect(n.get('passwd')).toEqual(['files', 'systemd']);
  });
});
