import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canUnshare, sectionsByCase } from './reference.js';

const BIN = resolve(__dirname, '../dist/cli.cjs');
const CASES = ['-tan', '-tn', '-tln', '-tlnp', '-tanp', '-tulpn', '-an', '-tan -A inet6', '-tanW', '-tlnW'];
const ns = canUnshare();
const skip = !ns.ok ? ns.why : !existsSync(BIN) ? 'CLI not built' : null;
if (skip) console.warn(`inet_diag comparison skipped: ${skip}`);

/**
 * The live kernel's fast path (inet_diag through the native layer) against the /proc path, on
 * the same sockets: a fresh network namespace with over 5000 loopback TCP sockets (listeners on
 * IPv4 and IPv6, connections, TIME_WAIT ones), so that /proc/net/sockstat makes ours choose
 * the dump. Every case runs with NETSTAT_NO_NATIVE=1 (the /proc path) and without (the dump),
 * and the text must be the same bytes; strace (installed by apt when missing) shows that the
 * second run opened a NETLINK_SOCK_DIAG socket and the first did not, and that `-tan` sends one
 * dump request for tcp and tcp6.
 */
function haveStrace(): boolean {
  if (spawnSync('strace', ['-V']).status === 0) return true;
  spawnSync('sh', ['-c', 'apt-get install -y strace || (apt-get update; apt-get install -y strace)'], {
    stdio: 'ignore',
  });
  return spawnSync('strace', ['-V']).status === 0;
}

describe.skipIf(skip !== null)('TCP tables from inet_diag equal the /proc path', () => {
  it('prints the same text from the dump as from /proc/net/tcp{,6}', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sp-diag-'));
    const holder = join(dir, 'holder.cjs');
    const ready = join(dir, 'ready');
    writeFileSync(
      holder,
      `const net = require('net'), fs = require('fs');
       const keep = [];
       // Ready only when every connection is also accepted (an unaccepted one is not counted
       // in sockstat's inuse, so a loaded machine could stay under the 5000 threshold).
       let accepted = 0, done = false, pending = 0;
       const check = () => {
         if (done || pending !== 0 || accepted < 3240) return;
         done = true;
         setTimeout(() => fs.writeFileSync(${JSON.stringify(ready)}, 'ok'), 300);
       };
       const take = (s) => { keep.push(s); accepted++; check(); };
       const a = net.createServer(take).listen(7001, '127.0.0.1');
       const b = net.createServer(take).listen(7002, '::1');
       net.createServer(() => {}).listen(7003);
       net.createServer(() => {}).listen(7004, '127.0.0.1', 7);
       const open = (port, host, n, close) => {
         for (let i = 0; i < n; i++) {
           pending++;
           const c = net.connect(port, host, () => {
             if (close) c.destroy(); else keep.push(c);
             --pending;
             check();
           });
         }
       };
       setTimeout(() => { open(7001, '127.0.0.1', 3000, false); open(7002, '::1', 200, false); open(7001, '127.0.0.1', 40, true); }, 100);
       setTimeout(() => process.exit(0), 600000);`,
    );
    const strace = haveStrace();
    const traced = (env: string, out: string) =>
      strace
        ? `${env} strace -f -qq -e trace=socket -o ${join(dir, out)} node ${BIN} -tln >/dev/null 2>&1`
        : 'true';
    const script = [
      'ulimit -n 20000',
      'ip link set lo up',
      `node ${holder} & srv=$!`,
      `for i in $(seq 100); do [ -e ${ready} ] && break; sleep 0.2; done`,
      'grep TCP /proc/net/sockstat /proc/net/sockstat6 >&2',
      ...CASES.flatMap((c) => [
        `echo "=== proc ${c}"; NETSTAT_NO_NATIVE=1 node ${BIN} ${c} 2>&1; echo "=== status $?"`,
        `echo "=== diag ${c}"; node ${BIN} ${c} 2>&1; echo "=== status $?"`,
      ]),
      traced('NETSTAT_NO_NATIVE=1', 'proc.trace'),
      traced('', 'diag.trace'),
      strace
        ? `strace -f -qq -e trace=sendto -o ${join(dir, 'both.trace')} node ${BIN} -tan >/dev/null 2>&1`
        : 'true',
      'kill $srv',
    ].join('\n');
    const r = spawnSync('unshare', ['-n', 'bash', '-c', script], {
      encoding: 'latin1',
      env: { ...process.env, LC_ALL: 'C' },
      maxBuffer: 256 << 20,
    });
    expect(r.status, r.stderr).toBe(0);
    const seen = sectionsByCase(r.stdout, ['proc', 'diag']);
    for (const c of CASES) {
      expect(seen[c]?.proc, `netstat ${c} (/proc)`).toBeDefined();
      expect(seen[c]?.diag, `netstat ${c} (inet_diag)`).toBe(seen[c]?.proc);
    }
    if (strace) {
      expect(readFileSync(join(dir, 'diag.trace'), 'latin1')).toMatch(/AF_NETLINK.*NETLINK_SOCK_DIAG/);
      expect(readFileSync(join(dir, 'proc.trace'), 'latin1')).not.toMatch(/NETLINK_SOCK_DIAG/);
      // tcp and tcp6 come from one dump of both families (one walk of the kernel's tables).
      const requests = readFileSync(join(dir, 'both.trace'), 'latin1').match(/nlmsg_type=/g) ?? [];
      expect(requests.length).toBe(1);
    }
    // The namespace really had the sockets.
    expect(seen['-tan']!.proc!.split('\n').length).toBeGreaterThan(5000);
    expect(seen['-tan']!.proc).toContain('TIME_WAIT');
    expect(seen['-tln']!.proc).toContain('127.0.0.1:7004');
    expect(seen['-tan -A inet6']!.diag).toContain('::1:7002');
    // The listener with a backlog of 7: its Send-Q is 0 as in /proc, not the backlog.
    expect(seen['-tln']!.diag).toMatch(/^tcp {8}0 {6}0 127\.0\.0\.1:7004 /m);
  }, 120_000);
});
