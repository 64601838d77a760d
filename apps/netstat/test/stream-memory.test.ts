/**
 * Tables larger than the Host's whole-file cap (500 MiB) are streamed with constant memory
 * (issue 11 item 5): a table file of 600 MiB under `--root` (sparse: a few real lines, a hole that
 * reads as NUL bytes, real lines after it) is read to its end by a child process whose peak RSS
 * stays far below the file's size. Before streaming, each was refused with `File too large`.
 */
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = resolve(__dirname, '../dist/cli.js');
const WORK = mkdtempSync(join(tmpdir(), 'stream-memory-'));
afterAll(() => rmSync(WORK, { recursive: true, force: true }));

/** Past the Host's 500 MiB cap for whole-file reads. */
const HOLE_END = 600 << 20;
/** Peak RSS allowed (KiB): Node itself takes ~45 MB; the file is 600 MiB. */
const RSS_LIMIT_KB = 100 * 1024;

const HOOK = join(WORK, 'rss-hook.cjs');
writeFileSync(
  HOOK,
  "process.on('exit', () => { try { require('fs').writeSync(3, String(process.resourceUsage().maxRSS)); } catch {} });\n",
);

/** Writes a sparse file: `head` at 0, then a hole, then `tail` at {@link HOLE_END}. */
function sparse(path: string, head: string, tail: string): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, head, 0, 'latin1');
    writeSync(fd, tail, HOLE_END, 'latin1');
  } finally {
    closeSync(fd);
  }
}

/** A root with only `proc/net/<name>` (plus an empty `etc`). */
function root(name: string, head: string, tail: string): string {
  const dir = mkdtempSync(join(WORK, 'root-'));
  mkdirSync(join(dir, 'proc', 'net'), { recursive: true });
  mkdirSync(join(dir, 'etc'));
  sparse(join(dir, 'proc', 'net', name), head, tail);
  return dir;
}

function run(
  dir: string,
  args: string[],
): { status: number | null; stdout: string; stderr: string; rssKb: number } {
  const r = spawnSync(process.execPath, ['-r', HOOK, BIN, '--root', dir, ...args], {
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    maxBuffer: 64 << 20,
    timeout: 300_000,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' },
  });
  return {
    status: r.status,
    stdout: r.stdout.toString('latin1'),
    stderr: r.stderr.toString('latin1'),
    rssKb: Number(r.output[3]?.toString() ?? 'NaN'),
  };
}

const TCP_HEAD =
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n' +
  '   0: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1001 1 0000000000000000 100 0 0 10 0\n';
const TCP_TAIL =
  '\n   1: 0100007F:0019 0200007F:C350 01 00000000:00000000 00:00000000 00000000     0        0 1002 1 0000000000000000 20 4 30 10 -1\n';

describe('tables over the whole-file cap are streamed with constant memory', () => {
  it('-tan reads a 600 MiB /proc/net/tcp to its end', () => {
    const r = run(root('tcp', TCP_HEAD, TCP_TAIL), ['-tan']);
    expect(r.stderr).not.toMatch(/too large/i);
    expect(r.stdout).toContain('127.0.0.1:22            0.0.0.0:*               LISTEN');
    expect(r.stdout).toContain('127.0.0.1:25            127.0.0.2:50000         ESTABLISHED');
    // the hole: 8191-byte pieces of NUL bytes, each a bogus line
    expect(r.stderr.split('warning, got bogus tcp line.').length - 1).toBeGreaterThan(70000);
    expect(r.status).toBe(0);
    expect(r.rssKb).toBeLessThan(RSS_LIMIT_KB);
  }, 300_000);

  it('-xa reads a 600 MiB /proc/net/unix to its end', () => {
    const r = run(
      root(
        'unix',
        'Num       RefCount Protocol Flags    Type St Inode Path\n0000000000000000: 00000002 00000000 00010000 0001 01 5001 /run/first.sock\n',
        '\n0000000000000000: 00000002 00000000 00000000 0001 03 5002 /run/last.sock\n',
      ),
      ['-xa'],
    );
    expect(r.stderr).not.toMatch(/too large/i);
    expect(r.stdout).toContain('/run/first.sock');
    expect(r.stdout).toContain('/run/last.sock');
    expect(r.status).toBe(0);
    expect(r.rssKb).toBeLessThan(RSS_LIMIT_KB);
  }, 300_000);

  it('--json writes 400 000 routes one at a time (rows never all held)', () => {
    const dir = mkdtempSync(join(WORK, 'root-'));
    mkdirSync(join(dir, 'proc', 'net'), { recursive: true });
    mkdirSync(join(dir, 'etc'));
    const n = 400_000;
    const lines = ['Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n'];
    for (let i = 0; i < n; i++) {
      const dst = ((i & 0xff) << 16) | (((i >> 8) & 0xff) << 8) | 10;
      lines.push(
        `eth0\t${dst.toString(16).toUpperCase().padStart(8, '0')}\t0100000A\t0003\t0\t0\t0\t00FFFFFF\t0\t0\t0\n`,
      );
    }
    writeFileSync(join(dir, 'proc', 'net', 'route'), lines.join(''));
    const outFile = join(WORK, 'routes.json');
    const fd = openSync(outFile, 'w');
    let r: ReturnType<typeof spawnSync>;
    try {
      // stdout to a file: a pipe the test reads slowly would make Node queue the output.
      r = spawnSync(process.execPath, ['-r', HOOK, BIN, '--root', dir, '-rn', '--json'], {
        stdio: ['ignore', fd, 'pipe', 'pipe'],
        timeout: 300_000,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' },
      });
    } finally {
      closeSync(fd);
    }
    expect(r.status).toBe(0);
    const doc = JSON.parse(readFileSync(outFile, 'utf8'));
    expect(doc.tables[0].rows.length).toBe(n);
    expect(doc.tables[0].rows[1]).toMatchObject({
      destination: '10.0.1.0',
      gateway: '10.0.0.1',
      iface: 'eth0',
    });
    expect(Number(r.output[3]?.toString())).toBeLessThan(RSS_LIMIT_KB);
  }, 300_000);
});
