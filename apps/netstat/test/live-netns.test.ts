import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canUnshare, referenceNetstat, sectionsByCase } from './reference.js';

const BIN = resolve(__dirname, '../dist/cli.cjs');
const CASES = ['-tan', '-tuan', '-xa', '-tulpn', '-n', '-an', '-anp', '-tanpe', '-xanp', '-tuwanpeo'];
const ns = canUnshare();
const ref = referenceNetstat();
const skip = !ns.ok ? ns.why : ref.bin === null ? ref.why : !existsSync(BIN) ? 'CLI not built' : null;
if (skip) console.warn(`live namespace comparison skipped: ${skip}`);

/**
 * The live system, made stable: a fresh network namespace (so /proc/net shows only what this
 * test opens) with loopback listeners and connections of every kind, then the reference netstat
 * and ours run back to back on the real /proc, as root.
 */
describe.skipIf(skip !== null)(
  'live system in a private network namespace: same output as net-tools 2.10',
  () => {
    it('prints what the reference netstat prints', () => {
      const dir = mkdtempSync(join(tmpdir(), 'netstat-live-'));
      const server = join(dir, 'server.cjs');
      writeFileSync(
        server,
        `const net=require('net'),dgram=require('dgram');
       net.createServer(()=>{}).listen(8022,'127.0.0.1');
       net.createServer(()=>{}).listen(8443,'::1');
       net.createServer(()=>{}).listen(9000);
       net.createServer(()=>{}).listen(${JSON.stringify(join(dir, 'live.sock'))});
       dgram.createSocket('udp4').bind(5353,'127.0.0.1');
       dgram.createSocket('udp6').bind(5354,'::1');
       setTimeout(()=>{net.connect(8022,'127.0.0.1');net.connect(8443,'::1');net.connect(${JSON.stringify(join(dir, 'live.sock'))});},100);
       setTimeout(()=>process.exit(0),300000);`,
      );
      const script = [
        'ip link set lo up',
        `node ${server} & srv=$!`,
        'sleep 0.6',
        ...CASES.flatMap((c) => [
          `echo "=== ref ${c}"; ${ref.bin} ${c} 2>/dev/null; echo "=== status $?"`,
          `echo "=== ours ${c}"; node ${BIN} ${c} 2>/dev/null; echo "=== status $?"`,
        ]),
        'kill $srv 2>/dev/null; true',
      ].join('\n');
      const r = spawnSync('unshare', ['-n', 'bash', '-c', script], {
        encoding: 'latin1',
        env: { ...process.env, LC_ALL: 'C' },
      });
      expect(r.status, r.stderr).toBe(0);
      const seen = sectionsByCase(r.stdout, ['ref', 'ours']);
      for (const c of CASES) {
        expect(seen[c]?.ours, `netstat ${c}`).toBe(seen[c]?.ref);
      }
    }, 60_000); // spawns ~16 processes: slow on a loaded machine
  },
);
