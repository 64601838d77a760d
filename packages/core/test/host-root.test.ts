import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Host, SYMLINK_HOP_LIMIT } from '../src/host.js';
import { scanProcesses } from '../src/process-map.js';
import { makeRoot } from '../src/testing.js';

const MARKER = 'HOSTILE-MARKER-OUTSIDE-THE-ROOT';

/** A directory outside the root holding a marker file, and a root next to it. */
function setUp(): { root: string; outside: string; marker: string } {
  const outside = mkdtempSync(join(tmpdir(), 'hostile-outside-'));
  const marker = join(outside, 'secret');
  writeFileSync(marker, `${MARKER}\n`);
  mkdirSync(join(outside, 'proc/net'), { recursive: true });
  writeFileSync(join(outside, 'proc/net/tcp'), `${MARKER}\n`);
  const root = makeRoot({ '/etc/services': 'inside 1/tcp\n', '/data/tcp': 'inside data\n' });
  return { root, outside, marker };
}

function text(h: Host, p: string): string {
  const r = h.read(p);
  return r.ok ? r.data.toString('latin1') : `${r.code}: ${r.message}`;
}

describe('Host under a snapshot root: the root is a wall', () => {
  it('an absolute link resolves under the root, never to the machine', () => {
    const { root, marker } = setUp();
    symlinkSync(marker, join(root, 'proc/net/atalk_route'));
    symlinkSync('/data/tcp', join(root, 'proc/net/tcp'));
    const h = new Host(root);
    expect(text(h, '/proc/net/atalk_route')).toBe('ENOENT: No such file or directory');
    expect(text(h, '/proc/net/tcp')).toBe('inside data\n');
    expect(h.exists('/proc/net/atalk_route')).toBe(false);
  });

  it('a relative link climbing out with `..` stops at the root', () => {
    const { root } = setUp();
    // ../../../../etc/services from /proc/net: the `..` past the root stay at the root.
    symlinkSync('../../../../../../../etc/services', join(root, 'proc/net/atalk_route'));
    symlinkSync('../../../../../../../secret', join(root, 'proc/net/rose'));
    const h = new Host(root);
    expect(text(h, '/proc/net/atalk_route')).toBe('inside 1/tcp\n');
    expect(text(h, '/proc/net/rose')).toBe('ENOENT: No such file or directory');
  });

  it('`..` in the path itself stops at the root', () => {
    const { root } = setUp();
    const h = new Host(root);
    expect(text(h, '/../../../../etc/services')).toBe('inside 1/tcp\n');
    expect(text(h, '/proc/../../../secret')).toBe('ENOENT: No such file or directory');
  });

  it('proc -> /proc and proc/net -> /proc/net are loops inside the root (ELOOP), not the live /proc', () => {
    const a = setUp();
    const b = setUp();
    execFileSync('rm', ['-rf', join(a.root, 'proc')]);
    symlinkSync('/proc', join(a.root, 'proc'));
    execFileSync('rm', ['-rf', join(b.root, 'proc/net')]);
    symlinkSync('/proc/net', join(b.root, 'proc/net'));
    for (const root of [a.root, b.root]) {
      const h = new Host(root);
      const r = h.read('/proc/net/tcp');
      expect(r).toMatchObject({ ok: false, code: 'ELOOP', message: 'Too many levels of symbolic links' });
      expect(h.list('/proc/net')).toMatchObject({ ok: false, code: 'ELOOP' });
      expect(h.read('/proc/version')).toMatchObject({ ok: false });
    }
  });

  it('a link to a directory outside the root is looked up inside it', () => {
    const { root, outside } = setUp();
    execFileSync('rm', ['-rf', join(root, 'proc/net')]);
    symlinkSync(join(outside, 'proc/net'), join(root, 'proc/net'));
    const h = new Host(root);
    expect(h.read('/proc/net/tcp')).toMatchObject({ ok: false, code: 'ENOENT' });
    expect(h.names('/proc/net')).toMatchObject({ ok: false, code: 'ENOENT' });
  });

  it('link loops and long chains end in ELOOP after the hop limit', () => {
    const { root } = setUp();
    symlinkSync('b', join(root, 'proc/net/a'));
    symlinkSync('a', join(root, 'proc/net/b'));
    symlinkSync('self', join(root, 'proc/self'));
    // A chain of exactly the limit resolves; one more link is too many.
    for (let i = 0; i < SYMLINK_HOP_LIMIT + 1; i++)
      symlinkSync(i === 0 ? '/etc/services' : `c${i - 1}`, join(root, `proc/net/c${i}`));
    const h = new Host(root);
    expect(h.read('/proc/net/a')).toMatchObject({ code: 'ELOOP' });
    expect(h.read('/proc/self/net/tcp')).toMatchObject({ code: 'ELOOP' });
    expect(text(h, `/proc/net/c${SYMLINK_HOP_LIMIT - 1}`)).toBe('inside 1/tcp\n');
    expect(h.read(`/proc/net/c${SYMLINK_HOP_LIMIT}`)).toMatchObject({ code: 'ELOOP' });
  });

  it('the links of a real /proc (self, net -> self/net) resolve as on the live system', () => {
    const root = makeRoot({ '/proc/4242/net/tcp': 'pid tcp\n' });
    execFileSync('rm', ['-rf', join(root, 'proc/net')]);
    symlinkSync('4242', join(root, 'proc/self'));
    symlinkSync('self/net', join(root, 'proc/net'));
    const h = new Host(root);
    expect(text(h, '/proc/net/tcp')).toBe('pid tcp\n');
    expect(h.isDirectory('/proc/net')).toBe(true);
    expect(h.names('/proc/net')).toEqual(['tcp']);
  });

  it('readLink returns a link target as data, never followed (absolute or not)', () => {
    const { root, marker } = setUp();
    mkdirSync(join(root, 'proc/7/fd'), { recursive: true });
    symlinkSync('socket:[123]', join(root, 'proc/7/fd/3'));
    symlinkSync(marker, join(root, 'proc/7/fd/4'));
    const h = new Host(root);
    expect(h.readLink('/proc/7/fd/3')).toBe('socket:[123]');
    expect(h.readLink('/proc/7/fd/4')).toBe(marker);
    expect(h.readLink('/proc/7/fd/5')).toMatchObject({ code: 'ENOENT' });
    expect(h.readLink('/proc/7/fd')).toMatchObject({ code: 'EINVAL' });
  });

  it('-p reads cmdline under the root and at most 511 bytes of it', () => {
    const { root, marker } = setUp();
    mkdirSync(join(root, 'proc/7/fd'), { recursive: true });
    mkdirSync(join(root, 'proc/8/fd'), { recursive: true });
    symlinkSync('socket:[123]', join(root, 'proc/7/fd/3'));
    symlinkSync('socket:[124]', join(root, 'proc/8/fd/3'));
    symlinkSync(marker, join(root, 'proc/7/cmdline'));
    writeFileSync(join(root, 'proc/8/cmdline'), `${'x'.repeat(600)}\0`);
    const m = scanProcesses(new Host(root), { euid: 0 });
    expect(m.owners.get(123)?.program).toBe('');
    expect(m.owners.get(124)?.program).toBe('x'.repeat(511));
  });

  it('overrides act like bind mounts: an absolute link in /proc stays in the override', () => {
    const { root, marker } = setUp();
    const proc = mkdtempSync(join(tmpdir(), 'hostile-proc-'));
    mkdirSync(join(proc, 'net'));
    writeFileSync(join(proc, 'net/real'), 'override\n');
    symlinkSync('/proc/net/real', join(proc, 'net/tcp'));
    symlinkSync(marker, join(proc, 'net/udp'));
    const h = new Host({ root, proc });
    expect(text(h, '/proc/net/tcp')).toBe('override\n');
    expect(h.read('/proc/net/udp')).toMatchObject({ code: 'ENOENT' });
    expect(text(h, '/etc/services')).toBe('inside 1/tcp\n');
  });
});

describe('Host never blocks and never floods', () => {
  it('refuses a FIFO at once, under a snapshot and on the live root', () => {
    const { root } = setUp();
    execFileSync('mkfifo', [join(root, 'proc/net/tcp')]);
    const want = { ok: false, code: 'ENOTREG', message: expect.stringMatching(/^Not a regular file/) };
    expect(new Host(root).read('/proc/net/tcp')).toMatchObject(want);
    expect(new Host('/').read(join(root, 'proc/net/tcp'))).toMatchObject(want);
  });

  it('refuses character devices (/dev/zero, /dev/tty)', () => {
    for (const p of ['/dev/zero', '/dev/null', '/dev/tty'])
      expect(new Host('/').read(p)).toMatchObject({
        ok: false,
        code: expect.stringMatching(/ENOTREG|ENXIO/),
      });
    const { root } = setUp();
    try {
      execFileSync('mknod', [join(root, 'proc/net/udp'), 'c', '1', '5']);
    } catch {
      return; // not root: no device nodes
    }
    expect(new Host(root).read('/proc/net/udp')).toMatchObject({ ok: false, code: 'ENOTREG' });
  });

  it('a file over the size limit is refused with a clear message, not read whole', () => {
    const root = makeRoot({ '/proc/net/tcp': 'y'.repeat(5000), '/proc/net/udp': 'z'.repeat(100) });
    const h = new Host(root, { maxFileSize: 1000 });
    expect(h.read('/proc/net/tcp')).toEqual({
      ok: false,
      code: 'EFBIG',
      message: 'File too large (over 1000 bytes)',
      path: '/proc/net/tcp',
    });
    expect(text(h, '/proc/net/udp')).toBe('z'.repeat(100));
    expect(h.readText('/proc/net/tcp', 10)).toBe('y'.repeat(10));
  });

  it('a live procfs file that reports size 0 is still read to its end', () => {
    const r = new Host('/').read('/proc/self/status');
    expect(r.ok && r.data.toString('latin1')).toMatch(/^Name:/);
  });

  it('checkRegularFile refuses devices and large files without opening them', () => {
    expect(Host.checkRegularFile('/dev/zero', 100)).toMatchObject({ code: 'ENOTREG' });
    const root = makeRoot({ '/x.mjs': 'export default 1;\n' });
    expect(Host.checkRegularFile(join(root, 'x.mjs'), 100)).toBeNull();
    expect(Host.checkRegularFile(join(root, 'x.mjs'), 5)).toMatchObject({ code: 'EFBIG' });
  });
});
