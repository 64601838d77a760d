import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  LARGE_WALK_FDS,
  LARGE_WALK_PROCESSES,
  PARALLEL_WALK_FDS,
  PARALLEL_WALK_FDS_NATIVE,
} from '@netstat-ts/core';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from './fixtures.js';
import { canUnshare } from './reference.js';

// The built bin (ADR 0011): dist/cli.cjs loads dist/bundle/*.cjs with V8's code cache.
const DIST = resolve(__dirname, '../dist');
const BUNDLE = join(DIST, 'bundle');

/**
 * A preload that reports, at exit, which bundle files the process read: the bin's loader reads
 * them with fs.readFileSync, outside Node's module system (src/loader.ts).
 */
const REPORT = join(tmpdir(), `netstat-ts-bundle-report-${process.pid}.cjs`);
writeFileSync(
  REPORT,
  `const fs = require('fs'); const read = fs.readFileSync; const seen = new Set();
   fs.readFileSync = function (f, ...rest) {
     if (typeof f === 'string' && f.startsWith(${JSON.stringify(`${BUNDLE}/`)}) && f.endsWith('.cjs')) seen.add(f.slice(${BUNDLE.length + 1}));
     return read.call(this, f, ...rest);
   };
   process.on('exit', () => process.stderr.write('LOADED ' + [...seen].sort().join(',') + '\\n'));\n`,
);

function filesLoaded(args: string[], env: Record<string, string> = {}): string[] {
  const r = spawnSync(process.execPath, ['-r', REPORT, join(DIST, 'cli.cjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  const line = /^LOADED (.*)$/m.exec(r.stderr);
  expect(line, r.stderr).not.toBeNull();
  return line![1]!.split(',').filter(Boolean);
}

/**
 * Runs `body` (an ES module's text) in a fresh node process, after it has made `bundles`: the bin's
 * loader over `dir`, with the code cache. Fresh: vitest's own process has loaded the files already.
 */
function withLoader(dir: string, body: string) {
  const script = `
    const { bundleLoader } = await import(${JSON.stringify(join(DIST, 'loader.js'))});
    const { createRequire } = await import('node:module');
    const bundles = bundleLoader(${JSON.stringify(dir)}, true, createRequire(import.meta.url));
    ${body}`;
  return spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
}

describe('the bin reads only the bundle files a command needs', () => {
  const root = `--root=${FIXTURES}/genproc-s1/root`;
  it.each([
    // What ends at the parse needs the CLI's file only (its option parser is in it, ADR 0011).
    [['-V'], ['netstat.cjs']],
    [['-h'], ['netstat.cjs']],
    [['-Q'], ['netstat.cjs']],
    [[root, '-V'], ['netstat.cjs']],
    // -Z asks the parse whether SELinux is on, which only core's Host may answer under the root.
    [
      [root, '-Z'],
      ['core.cjs', 'netstat.cjs'],
    ],
    [
      [root, '-xa'],
      ['core.cjs', 'netstat.cjs', 'unix.cjs'],
    ],
    [
      [root, '-tan'],
      ['core.cjs', 'inet.cjs', 'netstat.cjs'],
    ],
    [
      [root, '-rn'],
      ['core.cjs', 'netstat.cjs', 'routing.cjs'],
    ],
    [
      [root, '-s'],
      ['core.cjs', 'netstat.cjs', 'statistics.cjs'],
    ],
  ])('%j loads %j', (args, files) => {
    expect(filesLoaded(args)).toEqual(files);
  });

  it('every workspace package has its bundle file, and each has a code cache', () => {
    const names = readdirSync(BUNDLE);
    for (const f of names.filter((n) => n.endsWith('.cjs'))) expect(names).toContain(`${f}.cache`);
    expect(names.filter((n) => n.endsWith('.cjs')).length).toBe(16); // 15 packages + the CLI
  });

  it('V8 accepts the code cache made at build time (same Node)', async () => {
    // cachedDataRejected is false when V8 used the cache, undefined when none was given.
    const r = withLoader(
      BUNDLE,
      `bundles.require('netstat.cjs');
       bundles.require('core.cjs');
       bundles.require('inet.cjs');
       console.log(JSON.stringify(bundles.loaded.map((l) => [l.file.split('/').pop(), l.script.cachedDataRejected])));`,
    );
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual([
      ['netstat.cjs', false],
      ['core.cjs', false],
      ['inet.cjs', false],
    ]);
  });

  it('a bundle file is written as the function the loader compiles (no wrapped copy at start)', async () => {
    const { MODULE_WRAPPER } = (await import(join(DIST, 'loader.js'))) as { MODULE_WRAPPER: string };
    for (const f of readdirSync(BUNDLE).filter((n) => n.endsWith('.cjs'))) {
      const text = readFileSync(join(BUNDLE, f), 'utf8');
      expect(text.startsWith(MODULE_WRAPPER), f).toBe(true);
      expect(text).toMatch(/\n\}\)\n\/\/# netstat-ts-build=[0-9a-f]{64}\n$/);
    }
  });

  it('a bundle file exports plain values, not getters (V8 inlines calls through them)', () => {
    const r = withLoader(
      BUNDLE,
      `const m = bundles.require('core.cjs');
       const d = Object.getOwnPropertyDescriptor(m, 'rowsSection');
       console.log(JSON.stringify([typeof d.value, 'get' in d, m.__esModule, Object.keys(m).includes('__esModule')]));`,
    );
    expect(JSON.parse(r.stdout)).toEqual(['function', false, true, false]);
  });

  it('a cache from another build (other stamp) is not given to V8', () => {
    const copy = mkdtempSync(join(tmpdir(), 'netstat-ts-bundle-'));
    try {
      cpSync(BUNDLE, copy, { recursive: true });
      const cache = readFileSync(join(copy, 'core.cjs.cache'));
      cache.write('0'.repeat(64), 0, 'latin1');
      writeFileSync(join(copy, 'core.cjs.cache'), cache);
      const r = withLoader(
        copy,
        `bundles.require('netstat.cjs');
         bundles.require('core.cjs');
         console.log(JSON.stringify(bundles.loaded.map((l) => [l.file.split('/').pop(), l.script.cachedDataRejected ?? null])));`,
      );
      expect(JSON.parse(r.stdout)).toEqual([
        ['netstat.cjs', false],
        ['core.cjs', null],
      ]);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('the native layer opens koffi by its addon', () => {
  it("-i on the live system dlopens koffi.node without running koffi's JS loader; NETSTAT_NO_NATIVE=1 opens nothing", () => {
    const probe = join(tmpdir(), `netstat-ts-koffi-${process.pid}.cjs`);
    writeFileSync(
      probe,
      `const dl = process.dlopen; const opened = [];
       process.dlopen = function (m, f, ...rest) { opened.push(require('path').basename(f)); return dl.call(this, m, f, ...rest); };
       const M = require('module'); const load = M._load; const koffiJs = [];
       M._load = function (r, ...rest) { if (String(r).includes('koffi')) koffiJs.push(r); return load.call(this, r, ...rest); };
       process.on('exit', () => process.stderr.write('PROBE ' + JSON.stringify({ opened, koffiJs }) + '\\n'));\n`,
    );
    // The live counters move between two runs (eth0 carries the machine's traffic), so as root both
    // runs see a fresh network namespace of their own, loopback up and quiet, where the counters
    // stand still; elsewhere the eight counter columns are masked and the rest compared.
    const isolated = canUnshare().ok;
    const argv = [process.execPath, '-r', probe, join(DIST, 'cli.cjs'), '-i'];
    const run = (env: Record<string, string>) => {
      const [cmd, ...args] = isolated
        ? ['unshare', '-n', 'sh', '-c', 'ip link set lo up && exec "$@"', 'sh', ...argv]
        : argv;
      const r = spawnSync(cmd!, args, { encoding: 'utf8', env: { ...process.env, ...env } });
      expect(r.status, r.stderr).toBe(0);
      return { out: r.stdout, ...(JSON.parse(/^PROBE (.*)$/m.exec(r.stderr)?.[1] ?? 'null') as object) };
    };
    try {
      const native = run({});
      const plain = run({ NETSTAT_NO_NATIVE: '1' });
      expect(native).toMatchObject({ opened: ['koffi.node'], koffiJs: [] });
      expect(plain).toMatchObject({ opened: [], koffiJs: [] });
      const counters = (out: string) =>
        isolated ? out : out.replace(/^(\S+ +\d+)(?: +\d+){8}/gm, '$1 <counters>');
      expect(native.out).toMatch(/^lo +65536 /m);
      expect(counters(native.out)).toBe(counters(plain.out));
    } finally {
      rmSync(probe, { force: true });
    }
  });
});

describe("the start-up breakdown's probe (bench/startup-breakdown.mjs)", () => {
  it('is made from this bin: it loads the named file with the bin loader, then stops (before running it, with PROBE_COMPILE_ONLY)', async () => {
    const { probeSource } = (await import(resolve(__dirname, '../../../bench/startup-breakdown.mjs'))) as {
      probeSource: (text: string) => string;
    };
    const dir = mkdtempSync(join(tmpdir(), 'netstat-ts-probe-'));
    try {
      writeFileSync(join(dir, 'probe.cjs'), probeSource(readFileSync(join(DIST, 'cli.cjs'), 'utf8')));
      writeFileSync(join(dir, 'hello.cjs'), "process.stdout.write('ran');");
      const run = (env: Record<string, string>) =>
        spawnSync(process.execPath, [join(dir, 'probe.cjs')], {
          encoding: 'utf8',
          env: { ...process.env, PROBE_DIR: dir, PROBE_MODULE: 'hello.cjs', ...env },
        });
      expect(run({})).toMatchObject({ status: 0, stdout: 'ran' });
      expect(run({ PROBE_COMPILE_ONLY: '1' })).toMatchObject({ status: 0, stdout: '' });
      expect(run({ PROBE_DIR: BUNDLE, PROBE_MODULE: 'netstat.cjs' })).toMatchObject({
        status: 0,
        stdout: '',
      });
      expect(() => probeSource('#!/bin/sh\n')).toThrow(/update this probe/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * A node process running `script` with room for `fds` open files (a process may have 20 000 at
 * most here); the script writes a line once it holds what it opens.
 */
function holdFiles(script: string, fds: number): ChildProcess {
  return spawn('sh', ['-c', `ulimit -n ${fds + 1000} && exec "$0" -e "$1"`, process.execPath, script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** Resolves once `holder` wrote its line; rejects if it ends first. */
function up(holder: ChildProcess): Promise<unknown> {
  return new Promise((ok, fail) => {
    holder.stdout!.once('data', ok);
    holder.once('exit', (code) => fail(new Error(`holder exited with ${code}`)));
  });
}

describe('the launcher line', () => {
  it('starts node without V8 flags (one V8 worker thread); the young generation is capped at run time for JSON and owners', () => {
    // A 100 000-row tcp table: text lets V8's young generation grow past its first 2 MB, the
    // JSON document and the -p walk do not (the cap comes at run time, bin.ts bigData). The text
    // case is `-to` (a port name and a timer text per row): `-tn` now allocates so little that
    // the young generation sometimes stays at 2 MB without any cap.
    const root = mkdtempSync(join(tmpdir(), 'netstat-ts-young-'));
    const rows = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
    ];
    for (let i = 0; i < 100_000; i++) {
      const port = (1024 + (i % 60000)).toString(16).toUpperCase().padStart(4, '0');
      rows.push(
        `${String(i).padStart(6)}: 0100007F:${port} 0100007F:0050 01 00000000:00000000 00:00000000 00000000     0        0 ${100000 + i} 1 0000000000000000 20 4 30 10 -1`,
      );
    }
    mkdirSync(join(root, 'proc', 'net'), { recursive: true });
    writeFileSync(join(root, 'proc', 'net', 'tcp'), `${rows.join('\n')}\n`);
    // 2 000 processes of 50 sockets each, as on the bench tree: a large walk (the cap comes with it).
    for (let pid = 1; pid <= 2000; pid++) {
      const fdDir = join(root, 'proc', String(pid), 'fd');
      mkdirSync(fdDir, { recursive: true });
      writeFileSync(join(root, 'proc', String(pid), 'cmdline'), 'holder\0');
      for (let fd = 0; fd < 50; fd++)
        symlinkSync(`socket:[${100000 + (pid - 1) * 50 + fd}]`, join(fdDir, String(fd)));
    }
    const probe = join(tmpdir(), `netstat-ts-young-${process.pid}.cjs`);
    writeFileSync(
      probe,
      `process.on('exit', () => process.stderr.write('PROBE ' + JSON.stringify({ argv: process.execArgv, young: require('v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size }) + '\\n'));\n`,
    );
    const run = (args: string[]) => {
      const r = spawnSync(join(DIST, 'cli.cjs'), [`--root=${root}`, ...args], {
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: `-r ${probe}` },
        maxBuffer: 1 << 28,
      });
      return JSON.parse(/^PROBE (.*)$/m.exec(r.stderr)?.[1] ?? 'null') as { argv: string[]; young: number };
    };
    try {
      const text = run(['-to']);
      const json = run(['-tn', '--json']);
      const owners = run(['-tnp']);
      // Node's own --v8-pool-size only: no V8 flag (it would invalidate both code caches).
      for (const r of [text, json, owners, run(['-V'])]) expect(r.argv).toEqual(['--v8-pool-size=1']);
      expect(text.young).toBeGreaterThan(2 << 20);
      expect(json.young).toBeLessThanOrEqual(2 << 20);
      expect(owners.young).toBeLessThanOrEqual(2 << 20);
    } finally {
      rmSync(root, { recursive: true, force: true });
      rmSync(probe, { force: true });
    }
  });

  it.skipIf(availableParallelism() < 2)(
    'keeps the young generation capped on the live system while the -p walk starts its helper thread',
    async () => {
      // A process holding 10 500 UDP sockets, and more holding /dev/null, more than
      // PARALLEL_WALK_FDS_NATIVE fds in all (a process may have 20 000 at most here): the live walk
      // starts a second thread, whose new V8 heap resets the cap (V8 raises
      // --semi-space-growth-factor to 2 for every heap it makes); the bin sets it again. Without
      // that, the young generation grew to 4-8 MB here.
      const sockets = 10_500;
      const holder = holdFiles(
        `const dgram = require('node:dgram'); let up = 0; const n = ${sockets};
         for (let i = 0; i < n; i++) dgram.createSocket('udp4').bind(0, '127.0.0.1', () => { if (++up === n) process.stdout.write('up\\n'); });
         setInterval(() => {}, 1e6);`,
        sockets,
      );
      const fillers = Array.from({ length: Math.ceil(PARALLEL_WALK_FDS_NATIVE / 15_000) }, () =>
        holdFiles(
          `const fs = require('node:fs'); for (let i = 0; i < 15000; i++) fs.openSync('/dev/null', 'r');
           process.stdout.write('up\\n'); setInterval(() => {}, 1e6);`,
          15_000,
        ),
      );
      const probe = join(tmpdir(), `netstat-ts-young-live-${process.pid}.cjs`);
      try {
        await Promise.all([holder, ...fillers].map(up));
        writeFileSync(
          probe,
          `process.on('exit', () => process.stderr.write('PROBE ' + require('v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size + ' ' + process.moduleLoadList.includes('NativeModule worker_threads') + '\\n'));\n`,
        );
        for (const args of [['-uanp'], ['-uanp', '--json']]) {
          const r = spawnSync(join(DIST, 'cli.cjs'), args, {
            encoding: 'utf8',
            env: { ...process.env, NODE_OPTIONS: `-r ${probe}` },
            maxBuffer: 1 << 28,
          });
          expect(r.status).toBe(0);
          // The walk found the holder's sockets (a helper thread read part of them).
          const owner = args.includes('--json')
            ? `"pid":${holder.pid},"program":"node"`
            : `${holder.pid}/node`;
          expect(r.stdout.split(owner).length - 1).toBe(sockets);
          const [, young, helper] = /^PROBE (\d+) (\w+)$/m.exec(r.stderr) ?? [];
          expect(helper).toBe('true');
          expect(Number(young)).toBeLessThanOrEqual(2 << 20);
        }
      } finally {
        for (const c of [holder, ...fillers]) c.kill();
        rmSync(probe, { force: true });
      }
    },
    60_000,
  );

  it('reads fd links through the native layer on a live system with many files open, as NETSTAT_NO_NATIVE=1 prints them', async () => {
    // 12 000 open files (more than LARGE_WALK_FDS in /proc/sys/fs/file-nr) and 200 sockets.
    const holder = holdFiles(
      `const fs = require('node:fs'), net = require('node:net');
       for (let i = 0; i < 12000; i++) fs.openSync('/dev/null', 'r');
       let up = 0; const keep = [];
       for (let i = 0; i < 200; i++) keep.push(net.createServer().listen(0, '127.0.0.1', () => { if (++up === 200) process.stdout.write('up\\n'); }));`,
      12_000,
    );
    const probe = join(tmpdir(), `netstat-ts-links-${process.pid}.cjs`);
    try {
      await up(holder);
      // Counts the fd links read through Node's readlinkSync.
      writeFileSync(
        probe,
        `const fs = require('node:fs'); const real = fs.readlinkSync; let n = 0;
         fs.readlinkSync = function (p, ...rest) { if (/^\\/proc\\/\\d+\\/fd\\//.test(String(p))) n++; return real.call(this, p, ...rest); };
         process.on('exit', () => process.stderr.write('PROBE ' + n + '\\n'));\n`,
      );
      const run = (env: Record<string, string>) =>
        spawnSync(join(DIST, 'cli.cjs'), ['-tlnp'], {
          encoding: 'utf8',
          env: { ...process.env, NODE_OPTIONS: `-r ${probe}`, ...env },
          maxBuffer: 1 << 26,
        });
      const native = run({});
      const plain = run({ NETSTAT_NO_NATIVE: '1' });
      expect(native.status).toBe(0);
      expect(native.stdout.split(`${holder.pid}/node`).length - 1).toBe(200);
      expect(native.stdout).toBe(plain.stdout);
      // Through readlinkat: no fd link read by readlinkSync; without the native layer, all.
      expect(Number(/^PROBE (\d+)$/m.exec(native.stderr)?.[1])).toBe(0);
      expect(Number(/^PROBE (\d+)$/m.exec(plain.stderr)?.[1])).toBeGreaterThan(200);
    } finally {
      holder.kill();
      rmSync(probe, { force: true });
    }
  }, 60_000);

  it('starts node without NODE_EXTRA_CA_CERTS (Node would read that file at every start)', () => {
    const env = { ...process.env, NODE_EXTRA_CA_CERTS: '/nonexistent/netstat-ts-ca.pem' };
    // Node itself warns when it cannot read the file: the check can fail.
    const plain = spawnSync(process.execPath, [join(DIST, 'cli.cjs'), '-V'], { encoding: 'utf8', env });
    expect(plain.stderr).toContain('netstat-ts-ca.pem');
    const bin = spawnSync(join(DIST, 'cli.cjs'), ['-V'], { encoding: 'utf8', env });
    expect(bin.status).toBe(0);
    expect(bin.stderr).toBe('');
    expect(bin.stdout).toContain('net-tools');
  });
});

describe("Node's own modules", () => {
  // What a command loads beyond `node -e 0` costs every start: node:child_process or node:tty
  // bring node:net and the streams with them (7-10 M instructions), AbortController its module.
  const PROBE = join(tmpdir(), `netstat-ts-modules-${process.pid}.cjs`);
  writeFileSync(
    PROBE,
    `const base = new Set(process.moduleLoadList);
process.on('exit', () => require('fs').writeSync(2, 'MODULES ' + process.moduleLoadList.filter((m) => !base.has(m) && m.startsWith('NativeModule ')).map((m) => m.slice(13)).join(',') + '\\n'));\n`,
  );
  const modules = (args: string[], stdout: 'pipe' | number): string[] => {
    const r = spawnSync(join(DIST, 'cli.cjs'), args, {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: `-r ${PROBE}` },
      stdio: ['ignore', stdout, 'pipe'],
    });
    const line = /^MODULES (.*)$/m.exec(r.stderr);
    expect(line, r.stderr).not.toBeNull();
    return line![1]!.split(',').filter(Boolean);
  };

  it('-V, -s and -tan load none beyond the CommonJS loader and node:vm, to a pipe and to /dev/null', () => {
    const devNull = openSync('/dev/null', 'w');
    try {
      for (const args of [['-V'], ['-s'], ['-tan']]) {
        const root = [`--root=${join(FIXTURES, 'live-capture', 'root')}`, ...args];
        for (const out of ['pipe', devNull] as const) {
          const extra = modules(root, out)
            .filter((m) => !m.startsWith('internal/modules/') && m !== 'internal/source_map/source_map')
            .sort();
          expect(extra, `${args.join(' ')} > ${out === 'pipe' ? 'pipe' : '/dev/null'}`).toEqual([
            'module',
            'vm',
          ]);
        }
      }
    } finally {
      closeSync(devNull);
    }
  });

  it('-tunap on a live system with a small walk loads neither node:v8 nor node:worker_threads', () => {
    // Either comes only with a large walk (ScanOptions.onLargeWalk, .threads): here each would
    // add 8-10 M instructions (node:v8 brings the streams) to a command of ~130 M.
    let fds = 0;
    const pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
    for (const pid of pids) {
      try {
        fds += readdirSync(`/proc/${pid}/fd`).length;
      } catch {}
    }
    // Not a small walk on this machine: nothing to check.
    if (fds >= Math.min(PARALLEL_WALK_FDS, LARGE_WALK_FDS) || pids.length >= LARGE_WALK_PROCESSES) return;
    const loaded = modules(['-tunap'], 'pipe');
    expect(loaded).toContain('vm');
    for (const m of ['v8', 'worker_threads', 'stream', 'os']) expect(loaded).not.toContain(m);
  });
});
