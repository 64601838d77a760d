/**
 * The native layer against the live kernel: netlink requests and errors, the thread-pool poll
 * and its wake-up, ioctl, setns (in a namespace this test makes; root only), and the rule that
 * exactly one module imports koffi.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildGetLinkDump,
  buildGetRouteDump,
  decodeLink,
  encodeMessage,
  NETLINK,
  NLM_F_REQUEST,
  parseMessages,
  RTM,
  RTMGRP,
} from '../src/codec/index.js';
import { isErrno, loadNative, type Native, NativeError } from '../src/index.js';

const isRoot = process.getuid?.() === 0;
const native = (async () => {
  const n = await loadNative();
  if (!n.ok) throw new Error(n.reason);
  return n as Native;
})();

describe('loadNative', () => {
  it('is disabled without importing anything when asked', async () => {
    expect(await loadNative({ disabled: true })).toEqual({
      ok: false,
      reason: 'disabled by NETSTAT_NO_NATIVE=1',
    });
  });

  it('loads koffi once and reports its version', async () => {
    const n = await native;
    expect(n.version).toMatch(/^\d+\.\d+/);
    expect(await loadNative()).toBe(n);
  });
});

describe('netlink sockets', () => {
  it('dumps links: lo is index 1 and every message is one whole RTM_NEWLINK', async () => {
    const s = (await native).netlinkSocket(NETLINK.ROUTE);
    try {
      expect(s.portId).toBeGreaterThan(0);
      const msgs = s.request(buildGetLinkDump(0));
      expect(msgs.length).toBeGreaterThan(0);
      for (const m of msgs) expect(parseMessages(m).map((x) => x.type)).toEqual([RTM.NEWLINK]);
      const names = msgs.map((m) => decodeLink(parseMessages(m)[0]!.payload)?.name);
      expect(names).toContain('lo');
    } finally {
      s.close();
    }
  });

  it('turns NLMSG_ERROR into a NativeError with the errno (RTM_GETLINK of a missing index: ENODEV)', async () => {
    const s = (await native).netlinkSocket(NETLINK.ROUTE);
    const p = Buffer.alloc(16);
    p.writeInt32LE(0x7ffffff0, 4);
    try {
      expect(() => s.request(encodeMessage({ type: RTM.GETLINK, flags: NLM_F_REQUEST }, p))).toThrowError(
        NativeError,
      );
      try {
        s.request(encodeMessage({ type: RTM.GETLINK, flags: NLM_F_REQUEST }, p));
      } catch (err) {
        expect(isErrno(err, 'ENODEV')).toBe(true);
        expect((err as NativeError).syscall).toBe('netlink');
      }
    } finally {
      s.close();
    }
  });

  it('recv returns null when nothing is queued; a closed socket throws EBADF', async () => {
    const s = (await native).netlinkSocket(NETLINK.ROUTE);
    expect(s.recv()).toBeNull();
    s.close();
    expect(s.closed).toBe(true);
    expect(() => s.recv()).toThrowError(/EBADF/);
  });

  it('readable() does not block the event loop and ends promptly on abort and on close', async () => {
    const s = (await native).netlinkSocket(NETLINK.ROUTE, { groups: RTMGRP.LINK });
    const ac = new AbortController();
    let ticks = 0;
    const iv = setInterval(() => ticks++, 5);
    const t0 = performance.now();
    setTimeout(() => ac.abort(), 100);
    await s.readable(ac.signal);
    clearInterval(iv);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(ticks).toBeGreaterThan(5);
    const pending = s.readable();
    s.close();
    await pending;
    expect(s.closed).toBe(true);
  });

  it('a process with a pending readable() exits at once on process.exit()', () => {
    const url = new URL('../dist/index.js', import.meta.url).pathname; // built before tests (turbo)
    const code = `import('${url}').then(async ({ loadNative }) => { const n = await loadNative(); const s = n.netlinkSocket(0, { groups: 1 }); s.readable(); setTimeout(() => process.exit(3), 50); });`;
    const t0 = performance.now();
    let status = 0;
    try {
      execFileSync(process.execPath, ['-e', code], { timeout: 10_000, stdio: 'ignore' });
    } catch (err) {
      status = (err as { status: number }).status;
    }
    expect(status).toBe(3);
    expect(performance.now() - t0).toBeLessThan(8000);
  });
});

describe('ioctl', () => {
  it('SIOCGIFFLAGS on lo has IFF_LOOPBACK', async () => {
    const n = await native;
    const fd = n.inetSocket();
    try {
      const ifr = Buffer.alloc(40);
      ifr.write('lo', 0, 'latin1');
      expect(n.ioctl(fd, 0x8913, ifr)).toBe(0);
      expect(ifr.readUInt16LE(16) & 0x8).toBe(0x8);
      const bad = Buffer.alloc(40);
      bad.write('nl-no-such-if', 0, 'latin1');
      expect(() => n.ioctl(fd, 0x8913, bad)).toThrowError(/ENODEV/);
    } finally {
      n.closeFd(fd);
    }
  });
});

describe.skipIf(!isRoot)('network namespaces (root)', () => {
  const ns = `nlnative${process.pid}`;
  afterAll(() => {
    try {
      execFileSync('ip', ['netns', 'del', ns], { stdio: 'ignore' });
    } catch {
      /* not made */
    }
  });

  it('withNetns runs the function in the namespace and always switches back', async () => {
    const n = await native;
    execFileSync('ip', ['netns', 'add', ns]);
    execFileSync('ip', ['-n', ns, 'link', 'add', 'nlns0', 'type', 'veth', 'peer', 'name', 'nlns1']);
    const linkNames = () => {
      const s = n.netlinkSocket(NETLINK.ROUTE);
      try {
        return s.request(buildGetLinkDump(0)).map((m) => decodeLink(parseMessages(m)[0]!.payload)?.name);
      } finally {
        s.close();
      }
    };
    const self = execFileSync('readlink', ['/proc/self/ns/net'], { encoding: 'latin1' });
    const inside = n.withNetns(`/run/netns/${ns}`, linkNames);
    expect(inside.sort()).toEqual(['lo', 'nlns0', 'nlns1']);
    expect(linkNames()).not.toContain('nlns0');
    expect(() =>
      n.withNetns(`/run/netns/${ns}`, () => {
        throw new Error('boom');
      }),
    ).toThrowError('boom');
    expect(linkNames()).not.toContain('nlns0');
    expect(execFileSync('readlink', ['/proc/self/ns/net'], { encoding: 'latin1' })).toBe(self);
    expect(() => n.openNetns('/run/netns/nl-missing')).toThrowError(/ENOENT/);
  });
});

describe.skipIf(!isRoot)('requestEach: a dump handed out message by message (root)', () => {
  const ns = `ct2-nlnative-each${process.pid}`;
  afterAll(() => {
    try {
      execFileSync('ip', ['netns', 'del', ns], { stdio: 'ignore' });
    } catch {
      /* not made */
    }
  });

  it('the messages of request(), each as a view of one reused buffer, given while the dump is read', async () => {
    const n = await native;
    execFileSync('ip', ['netns', 'add', ns]);
    execFileSync('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
    // 3000 routes: a dump of many datagrams.
    const batch = Array.from(
      { length: 3000 },
      (_, i) => `route add 10.${i >> 8}.${i & 255}.0/24 dev lo`,
    ).join('\n');
    execFileSync('ip', ['-n', ns, '-batch', '-'], { input: `${batch}\n` });
    n.withNetns(`/run/netns/${ns}`, () => {
      const s = n.netlinkSocket(NETLINK.ROUTE);
      try {
        const whole = s.request(buildGetRouteDump(0, 2));
        expect(whole.length).toBeGreaterThanOrEqual(3000);
        const copies: Buffer[] = [];
        const views: Buffer[] = [];
        const r = s.requestEach(buildGetRouteDump(0, 2), (m) => {
          views.push(m);
          copies.push(Buffer.from(m));
        });
        expect(r).toEqual({ messages: whole.length, interrupted: false });
        // Same messages (but the sequence numbers, fresh per request).
        const noSeq = (b: Buffer) => Buffer.concat([b.subarray(0, 8), b.subarray(12)]).toString('hex');
        expect(copies.map(noSeq)).toEqual(whole.map(noSeq));
        // One receive buffer for every message (not a copy each) ...
        expect(new Set(views.map((v) => v.buffer)).size).toBe(1);
        // ... reused: the first views were overwritten by later datagrams, so they were handed out
        // before the dump ended (not collected first).
        expect(views.some((v, i) => !v.equals(copies[i]!))).toBe(true);
        // A callback that throws ends the request; the socket stays usable.
        expect(() =>
          s.requestEach(buildGetRouteDump(0, 2), () => {
            throw new Error('stop');
          }),
        ).toThrowError('stop');
      } finally {
        s.close();
      }
    });
  });
});

describe('fd links (readlinkat)', () => {
  it('reads the socket links of a live fd directory as readlink does, and nothing else', async () => {
    const n = await native;
    const server = createServer().listen(0, '127.0.0.1');
    await new Promise((ok) => server.once('listening', ok));
    const file = openSync('/dev/null', 'r');
    try {
      const dir = `/proc/${process.pid}/fd`;
      const links = n.fdLinks();
      const open = links.open(dir)!;
      expect(open).not.toBeNull();
      let sockets = 0;
      for (const fd of readdirSync(dir)) {
        let want: string | null = null;
        try {
          const l = readlinkSync(`${dir}/${fd}`);
          if (l.startsWith('socket:[') || l.startsWith('[0000]:')) want = l.slice(0, 29);
        } catch {
          // the fd readdir itself had open
        }
        if (want !== null) sockets++;
        if (want !== null || fd === String(file)) expect(open.read(fd)).toBe(want);
      }
      expect(sockets).toBeGreaterThan(0);
      expect(open.read(String(file))).toBeNull(); // /dev/null: no socket
      expect(open.read('999999')).toBeNull(); // no such fd
      open.close();
      open.close(); // twice: harmless
      expect(links.open('/proc/nonexistent/fd')).toBeNull();
    } finally {
      closeSync(file);
      server.close();
    }
  });
});

describe('koffi stays behind one module', () => {
  it('only packages/native/src/libc.ts imports koffi', () => {
    const repo = new URL('../../../', import.meta.url).pathname;
    const hits: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir)) {
        if (e === 'node_modules' || e === 'dist' || e.startsWith('.')) continue;
        const p = join(dir, e);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ts|mts|js|mjs)$/.test(e) && !e.endsWith('.test.ts')) {
          if (/(from\s+|import\s*\(\s*|require\s*\(\s*)['"]koffi['"]/.test(readFileSync(p, 'latin1')))
            hits.push(p.slice(repo.length));
        }
      }
    };
    for (const top of ['packages', 'apps']) walk(join(repo, top));
    expect(hits).toEqual(['packages/native/src/libc.ts']);
  });
});

describe('memory for pointer-carrying structs', () => {
  it('SIOCGIFCONF through memory() lists lo with 127.0.0.1', async () => {
    const n = await native;
    const fd = n.inetSocket();
    const mem = n.memory(4096);
    try {
      const ifc = Buffer.alloc(16);
      ifc.writeInt32LE(4096, 0);
      ifc.writeBigUInt64LE(mem.address, 8);
      n.ioctl(fd, 0x8912, ifc);
      const len = ifc.readInt32LE(0);
      const names: string[] = [];
      for (let o = 0; o + 40 <= len; o += 40)
        names.push(
          `${mem.view.toString('latin1', o, o + 16).replace(/\0.*$/s, '')} ${mem.view.subarray(o + 20, o + 24).join('.')}`,
        );
      expect(names).toContain('lo 127.0.0.1');
    } finally {
      mem.free();
      n.closeFd(fd);
    }
  });
});
