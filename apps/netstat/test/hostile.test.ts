/**
 * Issue 11's hostile snapshots, end to end through the built CLI: the root is a wall (items 1),
 * nothing hangs and SIGTERM ends a pass at once (3), files that never end or are too big are
 * refused with a message (5). Each case is one the issue reported (or its exact kind).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES } from './fixtures.js';

const BIN = resolve(__dirname, '../dist/cli.cjs');
const BASE = join(FIXTURES, 'genproc-s4-all/root');
const isRoot = process.geteuid?.() === 0;
const WORK = mkdtempSync(join(tmpdir(), 'hostile-cli-'));
const MARKER = 'HOSTILE-MARKER';
// A file outside every root, in the shape of the files the links below stand for.
const OUTSIDE = join(WORK, 'outside');
mkdirSync(OUTSIDE);
writeFileSync(
  join(OUTSIDE, 'shadow'),
  `${MARKER} ${MARKER} 1 2 3 4 5 6 7 8 9\n${MARKER}:$6$x:19000:0:99999:7:::\n`,
);
afterAll(() => rmSync(WORK, { recursive: true, force: true }));

let n = 0;
/** A copy of the base root with `change` applied. */
function root(change: (r: string) => void): string {
  const r = join(WORK, `r${n++}`);
  cpSync(BASE, r, { recursive: true });
  change(r);
  return r;
}

function replaceWithLink(r: string, p: string, to: string): void {
  rmSync(join(r, p), { recursive: true, force: true });
  symlinkSync(to, join(r, p));
}

function run(r: string, args: string[], timeout = 20_000) {
  const t0 = Date.now();
  const x = spawnSync(process.execPath, [BIN, ...args, '--root', r], {
    encoding: 'latin1',
    timeout,
    killSignal: 'SIGKILL',
    env: { PATH: process.env.PATH, LC_ALL: 'C' },
  });
  return { ...x, ms: Date.now() - t0, all: `${x.stdout}${x.stderr}` };
}

describe.skipIf(!existsSync(BIN))('hostile snapshots through the CLI (issue 11)', { timeout: 60_000 }, () => {
  it('links out of the root (relative .. chains, absolute) never show a file of this machine', () => {
    const rel = `../../../../../../../../..${OUTSIDE}/shadow`;
    const cases: [string, string, string[]][] = [
      ['proc/net/atalk_route', rel, ['-r', '-A', 'ddp']],
      ['proc/net/rose', join(OUTSIDE, 'shadow'), ['-A', 'rose']],
      ['proc/net/ax25', join(OUTSIDE, 'shadow'), ['-A', 'ax25']],
      ['proc/net/snmp6', rel, ['-s', '-6']],
      ['etc/services', join(OUTSIDE, 'shadow'), ['-ta']],
    ];
    for (const [p, to, args] of cases) {
      const r = run(
        root((d) => replaceWithLink(d, p, to)),
        args,
      );
      expect(r.error, `${p} ${args}`).toBeUndefined();
      expect(r.all.includes(MARKER), `${p} -> ${to}: ${r.all}`).toBe(false);
    }
  });

  it('proc -> /proc and proc/net -> /proc/net are loops inside the root, not the live /proc', () => {
    const live = spawnSync('cat', ['/proc/net/snmp6'], { encoding: 'latin1' }).stdout;
    const firstCounter = /^Ip6InReceives\s+(\d+)/m.exec(live)?.[1];
    for (const [p, to] of [
      ['proc', '/proc'],
      ['proc/net', '/proc/net'],
    ] as const) {
      const d = root((x) => replaceWithLink(x, p, to));
      const s = run(d, ['-s', '-6']);
      expect(s.stderr).toContain('/proc/net/snmp6: Too many levels of symbolic links');
      if (firstCounter)
        expect(s.stdout).not.toMatch(new RegExp(`\\b${firstCounter} total datagrams received`));
      const t = run(d, ['-tan']);
      expect(t.stderr).toContain('/proc/net/tcp: Too many levels of symbolic links');
      expect(t.stdout.split('\n').length).toBeLessThan(4);
    }
  });

  it('a FIFO in place of /proc/net/tcp or /etc/services does not block: a clear message', () => {
    for (const [p, args] of [
      ['proc/net/tcp', ['-tan']],
      ['etc/services', ['-ta']],
    ] as const) {
      const d = root((x) => {
        rmSync(join(x, p));
        execFileSync('mkfifo', [join(x, p)]);
      });
      const r = run(d, [...args], 15_000);
      expect(r.error, `${p}: ${r.error}`).toBeUndefined();
      if (p === 'proc/net/tcp') {
        expect(r.status).toBe(1);
        expect(r.stderr).toBe('/proc/net/tcp: Not a regular file (a FIFO, device or socket is not read)\n');
      } else expect(r.status).toBe(0);
    }
  });

  it.runIf(isRoot)('/dev/zero as tcp and as proc/PID/cmdline: refused at once, small memory', () => {
    const d = root((x) => {
      rmSync(join(x, 'proc/net/tcp'));
      execFileSync('mknod', [join(x, 'proc/net/tcp'), 'c', '1', '5']);
    });
    const r = run(d, ['-tan'], 15_000);
    expect(r.error).toBeUndefined();
    expect(r.stderr).toBe('/proc/net/tcp: Not a regular file (a FIFO, device or socket is not read)\n');
    // Every process's cmdline a /dev/zero node: -tanp still lists its sockets.
    const e = root((x) => {
      for (const pid of ['1', '555', '10905']) {
        const c = join(x, 'proc', pid, 'cmdline');
        if (!existsSync(join(x, 'proc', pid))) continue;
        rmSync(c, { force: true });
        execFileSync('mknod', [c, 'c', '1', '5']);
      }
    });
    const p = run(e, ['-tanp'], 15_000);
    expect(p.error).toBeUndefined();
    expect(p.status).toBe(0);
    expect(p.stdout).toMatch(/^tcp /m);
  });

  it('--plugin /dev/zero is refused before it is read', () => {
    const r = run(BASE, ['-an', '--plugin', '/dev/zero'], 15_000);
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      "netstat: cannot load plugin '/dev/zero': /dev/zero: Not a regular file (a FIFO, device or socket is not read).\n",
    );
  });

  it('SIGTERM ends a long pass at once (a JS handler would wait for the pass to end)', async () => {
    const d = join(WORK, 'big');
    mkdirSync(join(d, 'proc/net'), { recursive: true });
    mkdirSync(join(d, 'etc'));
    const row =
      '   0: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0000000000000000 100 0 0 10 0\n';
    writeFileSync(join(d, 'proc/net/tcp'), `  sl  local_address rem_address   st\n${row.repeat(600_000)}`);
    const child = spawn(process.execPath, [BIN, '-tan', '--root', d], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let started = 0;
    const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>((ok) =>
      child.on('exit', (code, signal) => ok({ code, signal, ms: Date.now() - started })),
    );
    // Wait until the file has been read (the pass is parsing it): `rchar` of /proc/PID/io.
    const size = 600_000 * row.length;
    for (let i = 0; i < 2000; i++) {
      const io = existsSync(`/proc/${child.pid}/io`) ? readFileSync(`/proc/${child.pid}/io`, 'latin1') : '';
      if (Number(/^rchar: (\d+)/m.exec(io)?.[1] ?? 0) > size) break;
      await new Promise((ok) => setTimeout(ok, 5));
    }
    started = Date.now();
    child.kill('SIGTERM');
    const r = await done;
    expect(r.signal).toBe('SIGTERM');
    expect(r.ms).toBeLessThan(3000);
  }, 30_000);
});
