import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from './fixtures.js';

/**
 * `--root SOS --netns NAME` and `--root SOS --all-netns` on the namespaces of the sosreport-ns
 * fixture (kept by sos only as `ip netns exec NAME CMD` outputs, see
 * scripts/capture-sosreport-netns.sh): every mode they allow against the reference netstat run
 * inside the same namespace at the moment sos's commands ran there.
 */
const FIXTURE = join(FIXTURES, 'sosreport-ns');
const ROOT = join(FIXTURE, 'root');
const EXPECTED = join(FIXTURE, 'expected-netns');
const NAMESPACES = readdirSync(EXPECTED, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const io = { tmpdir: tmpdir() };
const run = (argv: string[]) => runCli(['--root', ROOT, ...argv], {}, io);
const read = (...p: string[]) => readFileSync(join(...p), 'latin1');

describe('snapshot namespaces: golden output of the reference netstat run inside them', () => {
  it('the fixture holds two namespaces', () => expect(NAMESPACES).toEqual(['ns2-sos-db', 'ns2-sos-web']));
  for (const ns of NAMESPACES) {
    for (const f of readdirSync(join(EXPECTED, ns)).filter((n) => n.endsWith('.args'))) {
      const slug = f.slice(0, -5);
      const args = read(EXPECTED, ns, f).trim().split(' ');
      it(`--netns ${ns} ${args.join(' ')}`, async () => {
        const r = await run(['--netns', ns, ...args]);
        expect(r.stdout.toString('latin1')).toBe(read(EXPECTED, ns, `${slug}.out`));
        expect(r.status).toBe(Number(read(EXPECTED, ns, `${slug}.code`)));
        expect(r.stderr).toBe(read(EXPECTED, ns, `${slug}.err`));
      });
    }
  }
});

describe('snapshot namespaces: listing, gaps and errors', () => {
  it('--all-netns: the host, then each namespace of ip_netns, each block as netstat printed it there', async () => {
    const r = await run(['--all-netns', '-tan']);
    expect(r.status, r.stderr).toBe(0);
    const text = r.stdout.toString('latin1');
    const blocks = text.split(/^Network namespace /m).slice(1);
    expect(blocks.map((b) => b.slice(0, b.indexOf('\n')))).toEqual([
      'host (snapshot: /)',
      'ns2-sos-db (snapshot: sos_commands/networking/namespaces/ns2-sos-db)',
      'ns2-sos-web (snapshot: sos_commands/networking/namespaces/ns2-sos-web)',
    ]);
    const body = (b: string) => b.slice(b.indexOf('\n') + 1).replace(/\n+$/, '\n');
    expect(body(blocks[0]!)).toBe(read(FIXTURE, 'expected', '-tan.out'));
    expect(body(blocks[1]!)).toBe(read(EXPECTED, 'ns2-sos-db', '-tan.out'));
    expect(body(blocks[2]!)).toBe(read(EXPECTED, 'ns2-sos-web', '-tan.out'));
  });

  it('--all-netns --json: every table carries its namespace (name and where the snapshot keeps it)', async () => {
    const r = await run(['--all-netns', '--json', '-tln']);
    const doc = JSON.parse(r.stdout.toString('utf8'));
    expect(doc.namespaces.map((n: { name: string }) => n.name)).toEqual([
      'host',
      'ns2-sos-db',
      'ns2-sos-web',
    ]);
    const web = doc.tables.filter((t: { netns: { name: string } }) => t.netns.name === 'ns2-sos-web');
    expect(web[0].netns.snapshot).toBe('sos_commands/networking/namespaces/ns2-sos-web');
    const ports = web.flatMap((t: { rows: { local: { port: number } }[] }) =>
      t.rows.map((x) => x.local.port),
    );
    expect(ports).toEqual([80, 8443]);
  });

  it('-v names the output each table came from', async () => {
    const r = await run(['--netns', 'ns2-sos-web', '-rnv']);
    expect(r.stderr).toContain(
      'netstat: note: snapshot namespace ns2-sos-web: IPv4 routes (route, main table) derived from sos_commands/networking/namespaces/ns2-sos-web/ip_netns_exec_ns2-sos-web_ip_route_show_table_all.',
    );
    expect(r.stderr).toContain(
      'netstat: note: snapshot namespace ns2-sos-web lacks interface statistics (-i), IPv6 routes and the route cache (-r), connection tracking (-M), /proc/PID/fd (PID/Program only from the netstat capture).\n',
    );
    const p = await run(['--netns', 'ns2-sos-db', '-tanpv']);
    expect(p.stderr).toContain('ip_netns_exec_ns2-sos-db_netstat_-W_-neopa.');
  });

  it('a mode the snapshot keeps nothing for in a namespace: why, status 1; --all-netns skips it there', async () => {
    const r = await run(['--netns', 'ns2-sos-web', '-i']);
    expect(r.stdout.length).toBe(0);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      'netstat: network namespace ns2-sos-web (snapshot): the snapshot lacks interface statistics (sos runs no ip -s link in a namespace).\n',
    );
    const six = await run(['--netns', 'ns2-sos-web', '-rn', '-6']);
    expect(six.status).toBe(1);
    expect(six.stderr).toContain('only IPv4 main-table routes');
    const all = await run(['--all-netns', '-i']);
    expect(all.status).toBe(0);
    expect(all.stdout.toString('latin1')).toContain(
      'Network namespace host (snapshot: /)\nKernel Interface table\n',
    );
    expect(
      all.stderr.split('\n').filter((l) => l.includes('the snapshot lacks interface statistics')),
    ).toHaveLength(2);
  });

  it('-v names the outputs a namespace of the snapshot lacks; a missing output is a gap, not a crash', async () => {
    const { cpSync, mkdtempSync, rmSync, unlinkSync } = await import('node:fs');
    const copy = mkdtempSync(join(tmpdir(), 'ns2-sosns-'));
    try {
      cpSync(ROOT, copy, { recursive: true, verbatimSymlinks: true });
      const d = join(copy, 'sos_commands/networking/namespaces/ns2-sos-web');
      unlinkSync(join(d, 'ip_netns_exec_ns2-sos-web_sysctl_-a'));
      unlinkSync(join(d, 'ip_netns_exec_ns2-sos-web_netstat_-W_-neopa'));
      const s = await runCli(['--root', copy, '--netns', 'ns2-sos-web', '-sv'], {}, io);
      expect(s.status).toBe(0);
      expect(s.stderr).toContain(', and the outputs of netstat -W -neopa, sysctl -a.');
      expect(s.stderr).toContain('no sysctl -a output: Ip Forwarding and DefaultTTL assumed 2 and 64.');
      expect(s.stderr).toContain('no netstat -W -neopa output: Tcp CurrEstab shown as 0.');
      expect(s.stdout.toString('latin1')).toContain('    Forwarding: 2\n');
      const t = await runCli(['--root', copy, '--netns', 'ns2-sos-web', '-tan'], {}, io);
      expect(t.status).toBe(1);
      expect(t.stderr).toBe(
        'netstat: network namespace ns2-sos-web (snapshot): the snapshot lacks the netstat -W -neopa output (sos_commands/networking/namespaces/ns2-sos-web).\n',
      );
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('a name the snapshot does not have: a clear error and status 1, as an unknown namespace live', async () => {
    for (const name of ['nope', '..', 'ns2-sos-web/../ns2-sos-db', '/run/netns/ns2-sos-web']) {
      const r = await run(['--netns', name, '-tan']);
      expect(r.status, name).toBe(1);
      expect(r.stdout.length).toBe(0);
      expect(r.stderr).toMatch(
        /^netstat: --netns .*: no network namespace of that name in the snapshot \(sos_commands\/networking\/ip_netns lists ns2-sos-db, ns2-sos-web\)\n$/,
      );
    }
  });
});
