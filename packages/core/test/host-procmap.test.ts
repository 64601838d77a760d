import { mkdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Host, type HostError } from '../src/host.js';
import { openInfoFile } from '../src/info-file.js';
import { defaultOptions } from '../src/options.js';
import { ChunkedOutput, CollectingSink } from '../src/output.js';
import {
  type FdLinkReader,
  LARGE_WALK_FDS,
  LARGE_WALK_PROCESSES,
  programFromCmdline,
  scanProcesses,
  socketInodeOfLink,
} from '../src/process-map.js';
import { Resolver } from '../src/resolver.js';
import { makeRoot } from '../src/testing.js';

describe('Host', () => {
  it('reads a link target as bytes (latin1), or decoded as UTF-8 when asked, live and under a root', () => {
    const root = makeRoot({});
    try {
      mkdirSync(join(root, 'proc/7/fd'), { recursive: true });
      symlinkSync('socket:[4242]', join(root, 'proc/7/fd/3'));
      symlinkSync(Buffer.from([0x2f, 0x61, 0xe9, 0x80]), join(root, 'proc/7/fd/4'));
      for (const [host, base] of [
        [new Host('/'), join(root, 'proc/7/fd')],
        [new Host(root), '/proc/7/fd'],
      ] as const) {
        expect(host.readLink(`${base}/3`)).toBe('socket:[4242]');
        expect(host.readLink(`${base}/3`, 'utf8')).toBe('socket:[4242]');
        expect(host.readLink(`${base}/4`)).toBe('/a\u00e9\u0080');
        expect(host.readLink(`${base}/4`, 'utf8')).toBe('/a\ufffd');
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('reads under its root and reports errors with glibc texts', () => {
    const root = makeRoot({ '/proc/net/tcp': 'x\n' });
    const h = new Host(root);
    const ok = h.read('/proc/net/tcp');
    expect(ok.ok && ok.data.toString()).toBe('x\n');
    expect(h.read('/proc/net/nope')).toMatchObject({
      ok: false,
      code: 'ENOENT',
      message: 'No such file or directory',
    });
    expect(h.read('/proc/net')).toMatchObject({ ok: false, code: 'EISDIR', path: '/proc/net' });
    expect(h.isLive).toBe(false);
    expect(new Host('/').isLive).toBe(true);
  });

  it('reads files that report size 0 (empty files, procfs) to their end', () => {
    const root = makeRoot({ '/etc/empty': '' });
    const empty = new Host(root).read('/etc/empty');
    expect(empty.ok && empty.data.length).toBe(0);
    const live = new Host('/');
    for (let i = 0; i < 2; i++) {
      const v = live.read('/proc/version');
      expect(v.ok && v.data.toString('latin1')).toMatch(/^Linux version .*\n$/);
    }
  });

  it('applies net-tools missing-file rules (spec §1.6)', () => {
    const h = new Host(makeRoot({}));
    const o = { ...defaultOptions(), flagArg: 1 };
    expect(openInfoFile(h, '/proc/net/tcp', 'AF INET (tcp)', true, o)).toEqual({
      ok: false,
      message: "netstat: no support for `AF INET (tcp)' on this system.",
      status: 1,
    });
    expect(openInfoFile(h, '/proc/net/tcp6', 'AF INET (tcp)', false, o)).toEqual({
      ok: false,
      message: null,
      status: 0,
    });
    expect(openInfoFile(h, '/proc/net/tcp', 'x', true, defaultOptions())).toEqual({
      ok: false,
      message: null,
      status: 0,
    });
    expect(openInfoFile(h, '/proc/net', 'x', true, o)).toEqual({
      ok: false,
      message: '/proc/net: Is a directory',
      status: 255,
    });
  });
});

describe('process map (-p)', () => {
  it('parses fd links like strtoul(base 0)', () => {
    expect(socketInodeOfLink('socket:[12345]')).toBe(12345);
    expect(socketInodeOfLink('socket:[0x10]')).toBe(16);
    expect(socketInodeOfLink('socket:[010]')).toBe(8);
    expect(socketInodeOfLink('[0000]:777')).toBe(777);
    expect(socketInodeOfLink('pipe:[1]')).toBeNull();
  });

  it('derives program names as 2.10 does', () => {
    expect(programFromCmdline('/sbin/init\0splash\0')).toBe('init');
    expect(programFromCmdline('nginx: master process /usr/sbin/nginx\0')).toBe(
      'nginx: master process /usr/sbin/nginx',
    );
    expect(programFromCmdline('/usr/bin/foo --path=/a/b')).toBe('b');
    expect(programFromCmdline('')).toBe('');
  });

  it('maps inodes to the first owner in readdir order and cuts the text at 19 bytes', () => {
    const root = makeRoot({
      '/proc/10/cmdline': 'nginx: master process /x\0',
      '/proc/20/cmdline': '/usr/bin/python3\0',
    });
    for (const [pid, fds] of [
      ['10', { '3': 'socket:[100]', '4': 'pipe:[5]' }],
      ['20', { '3': 'socket:[100]', '5': 'socket:[200]' }],
    ] as const) {
      mkdirSync(join(root, 'proc', pid, 'fd'), { recursive: true });
      for (const [fd, target] of Object.entries(fds)) symlinkSync(target, join(root, 'proc', pid, 'fd', fd));
    }
    writeFileSync(join(root, 'proc/uptime'), '1 2\n');
    const m = scanProcesses(new Host(root), { euid: 0 });
    expect(m.warning).toBeNull();
    expect(m.owners.get(200)?.text).toBe('20/python3');
    expect(['10/nginx: master pr', '20/python3']).toContain(m.owners.get(100)?.text);
  });
});

describe('scanProcesses (lazy)', () => {
  /** 30 processes; inode 1000+k is held by processes k, k+10 and k+20 (fd 3, 4, 5). */
  function tree(): string {
    const files: Record<string, string> = {};
    for (let pid = 1; pid <= 30; pid++) files[`/proc/${pid}/cmdline`] = `/bin/p${pid}\0`;
    const root = makeRoot(files);
    for (let pid = 1; pid <= 30; pid++) {
      const dir = join(root, 'proc', String(pid), 'fd');
      mkdirSync(dir, { recursive: true });
      symlinkSync(`socket:[${1000 + (pid % 10)}]`, join(dir, '3'));
      symlinkSync(`socket:[${2000 + pid}]`, join(dir, '4'));
      symlinkSync('pipe:[7]', join(dir, '5'));
    }
    return root;
  }
  /** A Host that counts readlink calls. */
  class CountingHost extends Host {
    links = 0;
    override readLink(p: string) {
      this.links++;
      return super.readLink(p);
    }
  }

  it('gives every inode the owner of the full walk, in any lookup order', () => {
    const root = tree();
    const full = scanProcesses(new Host(root), { euid: 0 }).owners;
    expect(full.size).toBe(40);
    const wanted = [2005, 1003, 2030, 1000, 9999, 1007, 2001];
    const lazy = scanProcesses(new Host(root), { euid: 0, lazy: true }).owners;
    for (const inode of wanted) expect(lazy.get(inode)).toEqual(full.get(inode));
    for (const inode of [...wanted].reverse()) expect(lazy.get(inode)).toEqual(full.get(inode));
  });

  it('stops reading links once the looked-up inodes are found', () => {
    const host = new CountingHost(tree());
    const lazy = scanProcesses(host, { euid: 0, lazy: true }).owners;
    expect(host.links).toBe(0);
    // Order of the fd directory entries is the file system's; the owner of 1003 is found within
    // the first processes of the walk, well before the end.
    expect(lazy.get(1003)).toBeDefined();
    expect(host.links).toBeLessThan(90);
    const seen = host.links;
    expect(lazy.get(1003)).toBeDefined();
    expect(host.links).toBe(seen);
    // An inode nobody holds makes the walk read every link once.
    expect(lazy.get(9999)).toBeUndefined();
    expect(host.links).toBe(90);
    expect(lazy.get(2017)?.pid).toBe(17);
    expect(host.links).toBe(90);
  });

  it('tries no more links of a process once one is denied (the kernel allows or denies them per process)', () => {
    // Links of pids 4 and 14 are denied, as the kernel does for another user's process.
    class DenyingHost extends Host {
      tried: string[] = [];
      override readLink(p: string): string | HostError {
        this.tried.push(p);
        if (/^\/proc\/(4|14)\/fd\//.test(p))
          return { ok: false, code: 'EACCES', message: 'Permission denied', path: p };
        return super.readLink(p);
      }
    }
    const host = new DenyingHost(tree());
    const owners = scanProcesses(host, { euid: 0, lazy: true }).owners;
    expect(owners.get(9999)).toBeUndefined();
    for (const pid of [4, 14])
      expect(host.tried.filter((p) => p.startsWith(`/proc/${pid}/fd/`))).toHaveLength(1);
    expect(host.tried).toHaveLength(90 - 2 * 2);
    // The denied processes own nothing; the owners of the others are those of a walk without denials.
    const full = scanProcesses(new Host(tree()), { euid: 0 }).owners;
    expect(owners.get(2004)).toBeUndefined();
    expect(owners.get(2014)).toBeUndefined();
    for (const [inode, owner] of full)
      if (owner.pid !== 4 && owner.pid !== 14) expect(owners.get(inode)).toEqual(owner);
    // Another error (a vanished fd) skips only that fd.
    class VanishingHost extends DenyingHost {
      override readLink(p: string): string | HostError {
        this.tried.push(p);
        if (p === '/proc/4/fd/3')
          return { ok: false, code: 'ENOENT', message: 'No such file or directory', path: p };
        return Host.prototype.readLink.call(this, p);
      }
    }
    const v = new VanishingHost(tree());
    const vo = scanProcesses(v, { euid: 0, lazy: true }).owners;
    expect(vo.get(9999)).toBeUndefined();
    expect(v.tried).toHaveLength(90);
    expect(vo.get(2004)?.pid).toBe(4);
  });

  it('reads the links through a native reader on a live system: the same owners, and a denial ends the process', () => {
    // The tree stands in for a live /proc: the reader gets the real paths of its directories.
    class LiveTree extends Host {
      hostLinks = 0;
      override get isLive(): boolean {
        return true;
      }
      override readLink(p: string) {
        if (p.includes('/fd/')) this.hostLinks++;
        return super.readLink(p);
      }
    }
    const root = tree();
    const opened: string[] = [];
    const tried: string[] = [];
    let closed = 0;
    const links: FdLinkReader = {
      open(dir) {
        opened.push(dir);
        const denied = /\/proc\/(4|14)\/fd$/.test(dir);
        return {
          read(name) {
            tried.push(`${dir}/${name}`);
            if (denied) return false;
            const l = readlinkSync(join(dir, name));
            return l.startsWith('socket:[') ? l.slice(0, 29) : null;
          },
          close: () => void closed++,
        };
      },
    };
    const host = new LiveTree(root);
    const owners = scanProcesses(host, { euid: 0, lazy: true, links }).owners;
    // A lookup that stops the walk in the middle of a directory leaves nothing open.
    const first = scanProcesses(new Host(root), { euid: 0 }).owners.get(1001);
    expect(owners.get(1001)).toEqual(first);
    expect(opened.length).toBeGreaterThan(0);
    expect(closed).toBe(opened.length);
    expect(owners.get(9999)).toBeUndefined();
    expect(host.hostLinks).toBe(0);
    expect(closed).toBe(opened.length);
    // Every directory once, and the one the first lookup stopped in once more.
    expect(opened.length).toBeGreaterThanOrEqual(30);
    expect(new Set(opened).size).toBe(30);
    opened.splice(0, opened.length, ...new Set(opened));
    for (const d of opened) expect(d.startsWith(root)).toBe(true);
    for (const pid of [4, 14]) expect(tried.filter((p) => p.includes(`/proc/${pid}/fd/`))).toHaveLength(1);
    const full = scanProcesses(new Host(root), { euid: 0 }).owners;
    for (const [inode, owner] of full)
      if (owner.pid !== 4 && owner.pid !== 14) expect(owners.get(inode)).toEqual(owner);
    expect(owners.get(2004)).toBeUndefined();
    // Under a snapshot root the reader is never used.
    opened.length = 0;
    const snap = scanProcesses(new Host(root), { euid: 0, lazy: true, links }).owners;
    expect(snap.get(9999)).toBeUndefined();
    expect(opened).toHaveLength(0);
  });

  it('reports a large walk once, when LARGE_WALK_FDS fds are listed, and never for a small one', () => {
    let calls = 0;
    const small = scanProcesses(new Host(tree()), { euid: 0, lazy: true, onLargeWalk: () => calls++ });
    expect(small.owners.get(9999)).toBeUndefined();
    expect(calls).toBe(0);
    // 12 processes of 1 000 fds each: large from the 10th directory on.
    const per = 1000;
    const files: Record<string, string> = {};
    for (let pid = 1; pid <= 12; pid++) files[`/proc/${pid}/cmdline`] = `p${pid}\0`;
    const root = makeRoot(files);
    for (let pid = 1; pid <= 12; pid++) {
      const dir = join(root, 'proc', String(pid), 'fd');
      mkdirSync(dir, { recursive: true });
      for (let fd = 0; fd < per; fd++) symlinkSync(`socket:[${pid * per + fd}]`, join(dir, String(fd)));
    }
    expect(12 * per).toBeGreaterThan(LARGE_WALK_FDS);
    const listed: string[] = [];
    class ListingHost extends Host {
      override names(p: string) {
        listed.push(p);
        return super.names(p);
      }
    }
    const large = scanProcesses(new ListingHost(root), {
      euid: 0,
      lazy: true,
      onLargeWalk: () => {
        calls++;
        expect(listed).toHaveLength(LARGE_WALK_FDS / per);
      },
    });
    expect(calls).toBe(0);
    expect(large.owners.get(1)).toBeUndefined();
    expect(calls).toBe(1);
    expect(large.owners.get(12 * per)?.pid).toBe(12);
    expect(calls).toBe(1);
    // LARGE_WALK_PROCESSES processes: large from the start, and told only once.
    const many: Record<string, string> = {};
    for (let pid = 1; pid <= LARGE_WALK_PROCESSES; pid++) many[`/proc/${pid}/cmdline`] = 'x\0';
    const manyRoot = makeRoot(many);
    for (let pid = 1; pid <= LARGE_WALK_PROCESSES; pid++) {
      mkdirSync(join(manyRoot, 'proc', String(pid), 'fd'), { recursive: true });
      symlinkSync(`socket:[${pid}]`, join(manyRoot, 'proc', String(pid), 'fd', '3'));
    }
    calls = 0;
    const m = scanProcesses(new Host(manyRoot), { euid: 0, lazy: true, onLargeWalk: () => calls++ });
    expect(calls).toBe(1);
    expect(m.owners.get(LARGE_WALK_PROCESSES)?.pid).toBe(LARGE_WALK_PROCESSES);
    expect(calls).toBe(1);
    for (const r of [root, manyRoot]) rmSync(r, { recursive: true, force: true });
  }, 30_000);

  it('lists an fd directory only when the walk reaches it, and keeps one owner per process', () => {
    class ListingHost extends Host {
      listed: string[] = [];
      override names(p: string) {
        this.listed.push(p);
        return super.names(p);
      }
    }
    const host = new ListingHost(tree());
    const lazy = scanProcesses(host, { euid: 0, lazy: true }).owners;
    // Opening each fd directory is enough for the permission warning: no names are held yet.
    expect(host.listed).toEqual([]);
    const owner = lazy.get(1003);
    expect(owner).toBeDefined();
    expect(host.listed.length).toBeLessThan(30);
    expect(lazy.get(9999)).toBeUndefined();
    expect(host.listed.length).toBe(30);
    // Both sockets of a process name the same owner object (no object per socket).
    expect(lazy.get(2000 + owner!.pid)).toBe(owner);
  });
});

describe('Resolver', () => {
  it('answers from the root etc/ and never asks DNS when not allowed', async () => {
    const root = makeRoot({
      '/etc/hosts': '10.0.0.1 box\n',
      '/etc/services': 'ssh 22/tcp\n',
      '/etc/nsswitch.conf': 'hosts: files dns\n',
    });
    const r = new Resolver(new Host(root), { enabled: false });
    expect(r.dnsAllowed).toBe(false);
    await r.prefetch([{ addr: '10.9.9.9', family: 4 }]);
    expect(r.hostName('10.0.0.1', 4)).toBe('box');
    expect(r.hostName('10.9.9.9', 4)).toBeUndefined();
    expect(r.service(22, 'tcp')).toBe('ssh');
  });
});

describe('ChunkedOutput', () => {
  it('writes byte strings back as the same bytes', () => {
    const o = new CollectingSink();
    const e = new CollectingSink();
    const out = new ChunkedOutput(o, e);
    const bytes = Buffer.from('caf\u00e9 \u2603', 'utf8');
    out.out(bytes.toString('latin1'));
    out.err('warn\n');
    out.flush();
    expect(o.bytes().equals(bytes)).toBe(true);
    expect(e.text()).toBe('warn\n');
  });
});
