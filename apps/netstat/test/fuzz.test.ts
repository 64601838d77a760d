/**
 * Fuzz suite over hostile snapshot roots (issue 11): the CLI is run on generated roots made from
 * a captured fixture with files mutated (random and mutated lines, long lines, NUL bytes) or
 * replaced (symbolic links into and out of the root, absolute and relative, loops; FIFOs; devices;
 * unreadable files; directories), and must never: show a file from outside the root (marker files
 * there), hang (time limit), use unbounded memory, print a stack trace or a Node error code, or
 * exit with a status outside the documented set. Bounded in time (fast-check's time limit).
 *
 * Seeds: a failing run prints fast-check's seed and the concrete case; the concrete case goes into
 * `fuzz-regressions.json` (replayed by the last test), so the failure stays covered whatever the
 * generators become. `NETSTAT_FUZZ_SEED=N` replays one seed; `NETSTAT_FUZZ_RUNS=N` (CLI runs, default 40) and
 * `NETSTAT_FUZZ_PARSER_RUNS=N` (in-process runs, default 300) run more.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { CollectingSink } from '@netstat-ts/core';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { FIXTURES } from './fixtures.js';

const BIN = resolve(__dirname, '../dist/cli.cjs');
const BASE = join(FIXTURES, 'genproc-s4-all/root');
const REGRESSIONS = join(__dirname, 'fuzz-regressions.json');
const STATUSES = new Set([0, 1, 3, 255]);
/** Peak resident memory a run may use (KiB): the fixtures are small, the longest line 2 MB. */
const MAX_RSS_KB = 400 * 1024;
const TIME_LIMIT_MS = 15_000;
const RUNS = Number(process.env.NETSTAT_FUZZ_RUNS ?? '40');
const PARSER_RUNS = Number(process.env.NETSTAT_FUZZ_PARSER_RUNS ?? '300');
const SEED = process.env.NETSTAT_FUZZ_SEED ? Number(process.env.NETSTAT_FUZZ_SEED) : undefined;
const isRoot = process.geteuid?.() === 0;
const canDropPrivileges = isRoot && existsSync('/usr/bin/setpriv');

/** Strings that appear only in the marker tree outside the root. */
const MARKERS = ['HOSTILE-MARKER', 'HMARK', ':48879'];

// The work directory holds the marker tree `outside/` and the generated roots side by side, so a
// relative link can climb from a root into `outside/` (only a lookup that escapes reaches it).
const WORK = mkdtempSync(join(tmpdir(), 'hostile-fuzz-'));
chmodSync(WORK, 0o755);
const OUTSIDE = join(WORK, 'outside');

function writeMarkerTree(): void {
  const tcpLine =
    '   0: 0100007F:BEEF 0200007F:BEEF 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000000000000000 100 0 0 10 0\n';
  const files: Record<string, string> = {
    secret: 'HOSTILE-MARKER root:$6$x:19000:0:99999:7:::\n',
    'proc/net/tcp': `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n${tcpLine}`,
    'proc/net/unix':
      'Num       RefCount Protocol Flags    Type St Inode Path\n0000000000000000: 00000002 00000000 00010000 0001 01  4242 /HOSTILE-MARKER\n',
    'proc/net/route':
      'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\nHMARK\t00000000\t0100007F\t0003\t0\t0\t0\t00000000\t0\t0\t0\n',
    'proc/net/dev':
      'Inter-|   Receive\n face |bytes    packets errs drop fifo frame compressed multicast|bytes\n HMARK: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n',
    'proc/1/cmdline': 'HOSTILE-MARKER\0',
    'etc/services': 'HOSTILE-MARKER 48879/tcp\n',
    'etc/hosts': '127.0.0.1 HOSTILE-MARKER\n',
  };
  for (const name of ['tcp6', 'udp', 'udp6', 'raw', 'raw6', 'udplite'])
    files[`proc/net/${name}`] = files['proc/net/tcp']!;
  for (const name of [
    'ipv6_route',
    'snmp',
    'snmp6',
    'netstat',
    'igmp',
    'igmp6',
    'ax25',
    'ax25_route',
    'nr',
    'nr_nodes',
    'nr_neigh',
    'rose',
    'rose_nodes',
    'rose_neigh',
    'rose_routes',
    'atalk_route',
    'appletalk',
    'ip_masquerade',
    'rt_cache',
    'ipx/socket',
    'ipx/route',
    'x25/socket',
    'x25/route',
  ])
    files[`proc/net/${name}`] = 'HOSTILE-MARKER HMARK 48879\nHOSTILE-MARKER HMARK 1 2 3 4 5 6 7 8 9 10\n';
  for (const [p, c] of Object.entries(files)) {
    const full = join(OUTSIDE, p);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, c);
  }
  mkdirSync(join(OUTSIDE, 'proc/1/fd'));
  symlinkSync('socket:[4242]', join(OUTSIDE, 'proc/1/fd/3'));
}
writeMarkerTree();

/** Every file of the base root (relative paths), the targets of the mutations. */
function listFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(dir, rel))) {
    const r = rel ? `${rel}/${name}` : name;
    const st = lstatSync(join(dir, r));
    if (st.isDirectory()) out.push(...listFiles(dir, r));
    else out.push(r);
  }
  return out;
}
const ALL_FILES = listFiles(BASE);
/** The files the parsers read (proc/net, etc, and a few per-process files). */
const TARGETS = ALL_FILES.filter(
  (f) => f.startsWith('proc/net/') || f.startsWith('etc/') || /^proc\/[0-9]+\/(cmdline|fd\/[0-9]+)$/.test(f),
).slice(0, 400);
const DIRS = ['proc', 'proc/net', 'etc', 'proc/net/ipx', 'proc/net/x25', 'sys'];

/** One change to a root. */
type Action =
  | { kind: 'mutate'; target: string; ops: Op[] }
  | { kind: 'random'; target: string; data: string }
  | { kind: 'link'; target: string; to: LinkTo }
  | { kind: 'fifo' | 'zero' | 'tty' | 'unreadable' | 'dir' | 'missing'; target: string };
type LinkTo =
  | 'outside-abs'
  | 'outside-rel'
  | 'self-abs'
  | 'loop'
  | 'dev-zero'
  | 'dev-tty'
  | 'live-proc'
  | 'etc-shadow';
type Op =
  | { op: 'nul'; at: number }
  | { op: 'long'; at: number; len: number; fill: string }
  | { op: 'dup'; at: number }
  | { op: 'drop'; at: number }
  | { op: 'byte'; at: number; value: number }
  | { op: 'truncate'; at: number };

/** A generated case: the changes and the arguments. */
interface Case {
  actions: Action[];
  args: string[];
  unprivileged?: boolean;
}

const ARGS: string[][] = [
  ['-tanp'],
  ['-an'],
  ['-a'],
  ['-xa'],
  ['-xlp'],
  ['-tulpen'],
  ['-r'],
  ['-rn', '-A', 'inet6'],
  ['-rC'],
  ['-s'],
  ['-s', '-6'],
  ['-st'],
  ['-i'],
  ['-ie'],
  ['-g'],
  ['-gn'],
  ['-M'],
  ['-A', 'ipx'],
  ['-A', 'ax25'],
  ['-A', 'rose'],
  ['-A', 'netrom'],
  ['-A', 'x25'],
  ['-r', '-A', 'ddp'],
  ['-r', '-A', 'ipx'],
  ['-r', '-A', 'ax25'],
  ['-r', '-A', 'rose'],
  ['-r', '-A', 'netrom'],
  ['-r', '-A', 'x25'],
  ['-tanp', '--json'],
  ['-aee'],
  ['-anpZ'],
  ['-rn', '--json'],
  ['-i', '--json'],
  ['-s', '--json'],
];

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('nul' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('long' as const),
    at: fc.nat(),
    len: fc.oneof(fc.integer({ min: 250, max: 9000 }), fc.integer({ min: 9000, max: 2_000_000 })),
    fill: fc.constantFrom('A', '0', ' ', '0:', 'F ', '\t', ':', 'x\0'),
  }),
  fc.record({ op: fc.constant('dup' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('byte' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);

const fileArb = fc.constantFrom(...TARGETS);
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('mutate' as const),
      target: fileArb,
      ops: fc.array(opArb, { minLength: 1, maxLength: 4 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('random' as const),
      target: fileArb,
      data: fc.string({ unit: 'binary-ascii', maxLength: 400 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('link' as const),
      target: fc.oneof(fileArb, fc.constantFrom(...DIRS)),
      to: fc.constantFrom<LinkTo>(
        'outside-abs',
        'outside-rel',
        'self-abs',
        'loop',
        'dev-zero',
        'dev-tty',
        'live-proc',
        'etc-shadow',
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constantFrom(
        'fifo' as const,
        'zero' as const,
        'tty' as const,
        'unreadable' as const,
        'dir' as const,
        'missing' as const,
      ),
      target: fileArb,
    }),
  },
);

const caseArb: fc.Arbitrary<Case> = fc.record({
  actions: fc.array(actionArb, { minLength: 1, maxLength: 6 }),
  args: fc.constantFrom(...ARGS),
  unprivileged: fc.boolean(),
});

/** Applies line and byte edits to a file's content. */
function mutate(data: Buffer, ops: Op[]): Buffer {
  let b = data;
  for (const o of ops) {
    const at = b.length === 0 ? 0 : o.at % (b.length + 1);
    const lineStart = b.lastIndexOf(10, at - 1) + 1;
    let lineEnd = b.indexOf(10, at);
    if (lineEnd < 0) lineEnd = b.length;
    switch (o.op) {
      case 'nul':
        b = Buffer.concat([b.subarray(0, at), Buffer.from([0]), b.subarray(at)]);
        break;
      case 'long':
        b = Buffer.concat([
          b.subarray(0, at),
          Buffer.from(o.fill.repeat(Math.ceil(o.len / o.fill.length)).slice(0, o.len), 'latin1'),
          b.subarray(at),
        ]);
        break;
      case 'dup':
        b = Buffer.concat([
          b.subarray(0, lineEnd),
          Buffer.from('\n'),
          b.subarray(lineStart, lineEnd),
          b.subarray(lineEnd),
        ]);
        break;
      case 'drop':
        b = Buffer.concat([b.subarray(0, lineStart), b.subarray(Math.min(b.length, lineEnd + 1))]);
        break;
      case 'byte':
        if (b.length > 0) {
          b = Buffer.from(b);
          b[Math.min(at, b.length - 1)] = o.value;
        }
        break;
      case 'truncate':
        b = b.subarray(0, at);
        break;
    }
  }
  return b;
}

let rootCount = 0;

/** Builds the root of a case next to `outside/`. */
function buildRoot(c: Case): string {
  const root = join(WORK, `root-${rootCount++}`);
  cpSync(BASE, root, { recursive: true, verbatimSymlinks: true });
  for (const a of c.actions) {
    const full = join(root, a.target);
    if (!existsSync(dirname(full))) continue; // an earlier action replaced a parent
    const replace = () => rmSync(full, { recursive: true, force: true });
    try {
      switch (a.kind) {
        case 'mutate':
          if (existsSync(full) && statSync(full).isFile())
            writeFileSync(full, mutate(readFileSync(full), a.ops));
          break;
        case 'random':
          replace();
          writeFileSync(full, Buffer.from(a.data, 'latin1'));
          break;
        case 'link': {
          replace();
          const depth = a.target.split('/').length - 1;
          const to = {
            'outside-abs': join(OUTSIDE, a.target),
            'outside-rel': `${'../'.repeat(depth + 1)}../outside/${a.target}`,
            'self-abs': `/${a.target}`,
            loop: a.target.split('/').pop()!,
            'dev-zero': '/dev/zero',
            'dev-tty': '/dev/tty',
            'live-proc': a.target.startsWith('proc')
              ? `/proc/self/${a.target.slice(5)}`
              : '/proc/self/environ',
            'etc-shadow': '../../../../../../etc/shadow',
          }[a.to];
          symlinkSync(to, full);
          break;
        }
        case 'fifo':
          replace();
          execFileSync('mkfifo', [full]);
          break;
        case 'zero':
        case 'tty':
          replace();
          if (isRoot)
            execFileSync('mknod', [full, 'c', a.kind === 'zero' ? '1' : '5', a.kind === 'zero' ? '5' : '0']);
          else execFileSync('mkfifo', [full]);
          break;
        case 'unreadable':
          if (existsSync(full)) chmodSync(full, 0);
          break;
        case 'dir':
          replace();
          mkdirSync(full);
          break;
        case 'missing':
          replace();
          break;
      }
    } catch {
      /* a target that an earlier action made impossible */
    }
  }
  return root;
}

/** Reports the child's peak memory on fd 3 as it exits. */
const HOOK = join(WORK, 'rss-hook.cjs');
writeFileSync(
  HOOK,
  "process.on('exit', () => { try { require('fs').writeSync(3, String(process.resourceUsage().maxRSS)); } catch {} });\n",
);

interface RunResult {
  status: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  rssKb: number;
  error?: string;
  ms: number;
}

/** Runs the built CLI on a root (as nobody when asked and possible). */
function runBin(root: string, args: string[], unprivileged = false): RunResult {
  const node = [process.execPath, '-r', HOOK, BIN, ...args, '--root', root];
  const cmd =
    unprivileged && canDropPrivileges
      ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...node]
      : node;
  const t0 = Date.now();
  const r = spawnSync(cmd[0]!, cmd.slice(1), {
    timeout: TIME_LIMIT_MS,
    killSignal: 'SIGKILL',
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' },
    maxBuffer: 256 << 20,
  });
  return {
    status: r.status,
    signal: r.signal,
    stdout: r.stdout?.toString('latin1') ?? '',
    stderr: r.stderr?.toString('latin1') ?? '',
    rssKb: Number(r.output?.[3]?.toString() || '0'),
    error: r.error ? String(r.error) : undefined,
    ms: Date.now() - t0,
  };
}

/** What every run must satisfy. */
function checkRun(r: RunResult, what: string): void {
  const ctx = `${what}\nstatus=${r.status} signal=${r.signal} error=${r.error} ms=${r.ms} rss=${r.rssKb}KB\nstderr: ${r.stderr.slice(0, 2000)}`;
  expect(r.error, ctx).toBeUndefined();
  expect(r.signal, ctx).toBeNull();
  expect(STATUSES.has(r.status ?? -1), ctx).toBe(true);
  expect(r.stderr, ctx).not.toMatch(/^\s+at .+[:(]\d+:\d+\)?$/m);
  expect(r.stderr, ctx).not.toMatch(/node:internal|ERR_[A-Z_]{3,}|internal error|\bError: /);
  for (const m of MARKERS) {
    expect(r.stdout.includes(m), `${ctx}\nmarker ${m} on stdout`).toBe(false);
    expect(r.stderr.includes(m), `${ctx}\nmarker ${m} on stderr`).toBe(false);
  }
  expect(r.rssKb, ctx).toBeLessThan(MAX_RSS_KB);
}

function runCase(c: Case): void {
  const root = buildRoot(c);
  try {
    const r = runBin(root, c.args, c.unprivileged);
    checkRun(r, `case ${JSON.stringify(c).slice(0, 4000)}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

afterAll(() => rmSync(WORK, { recursive: true, force: true }));

describe('fuzz: the CLI over generated hostile roots', () => {
  it('the base root and the marker tree are sound (no marker in the base output)', () => {
    for (const args of ARGS) checkRun(runBin(BASE, args), `base ${args.join(' ')}`);
    // Read as a root of its own, the marker tree shows its markers: an escape would be seen.
    for (const [args, marker] of [
      [['-tan'], ':48879'],
      [['-xa'], 'HOSTILE-MARKER'],
      [['-rn'], 'HMARK'],
      [['-tap'], 'HOSTILE-MARKER'],
    ] as const) {
      const r = runBin(OUTSIDE, [...args]);
      expect(r.stdout, `${args} on the marker tree`).toContain(marker);
    }
  }, 180_000);

  it('no escape, no hang, bounded memory, no stack trace, documented status', () => {
    fc.assert(
      fc.property(caseArb, (c) => runCase(c)),
      { numRuns: RUNS, seed: SEED, interruptAfterTimeLimit: 120_000, endOnFailure: true },
    );
  }, 300_000);

  it('replays the kept regression cases', () => {
    const cases = existsSync(REGRESSIONS)
      ? (JSON.parse(readFileSync(REGRESSIONS, 'utf8')) as { cases: Case[] }).cases
      : [];
    for (const c of cases) runCase(c);
  }, 300_000);
});

/** The text files of the base root, for the in-process parser fuzz. */
const TEXT_TARGETS = TARGETS.filter((f) => !f.includes('/fd/'));

describe('fuzz: every parser through the in-process CLI', () => {
  it('mutated and random /proc and /etc content gives messages or skipped lines, never a throw', async () => {
    const caseIn = fc.record({
      edits: fc.array(
        fc.record({
          target: fc.constantFrom(...TEXT_TARGETS),
          ops: fc.array(opArb, { minLength: 1, maxLength: 5 }),
          random: fc.option(fc.string({ unit: 'binary-ascii', maxLength: 300 }), { freq: 4 }),
        }),
        { minLength: 1, maxLength: 8 },
      ),
      args: fc.constantFrom(...ARGS.filter((a) => !a.includes('-Z'))),
    });
    const root = join(WORK, 'inproc');
    cpSync(BASE, root, { recursive: true });
    const originals = new Map(TEXT_TARGETS.map((t) => [t, readFileSync(join(root, t))]));
    await fc.assert(
      fc.asyncProperty(caseIn, async (c) => {
        const touched: string[] = [];
        for (const e of c.edits) {
          const data =
            e.random !== null
              ? Buffer.from(e.random, 'latin1')
              : mutate(readFileSync(join(root, e.target)), e.ops);
          writeFileSync(join(root, e.target), data);
          touched.push(e.target);
        }
        try {
          const stdout = new CollectingSink();
          const stderr = new CollectingSink();
          const status = await main(c.args, { stdout, stderr, env: { NETSTAT_ROOT: root }, euid: 0 });
          const ctx = `${JSON.stringify(c).slice(0, 3000)}\nstatus ${status}\n${stderr.text().slice(0, 1000)}`;
          expect(STATUSES.has(status), ctx).toBe(true);
          expect(stderr.text(), ctx).not.toMatch(/internal error|ERR_[A-Z_]{3,}|\bError: /);
          if (c.args.includes('--json') && status === 0) JSON.parse(stdout.text());
        } finally {
          for (const t of touched) writeFileSync(join(root, t), originals.get(t)!);
        }
      }),
      { numRuns: PARSER_RUNS, seed: SEED, interruptAfterTimeLimit: 60_000, endOnFailure: true },
    );
  }, 300_000);
});
