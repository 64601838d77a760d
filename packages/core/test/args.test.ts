import { describe, expect, it } from 'vitest';
import { type ArgsEnv, parseArgs, type RunPlan } from '../src/args/index.js';

const env: ArgsEnv = { selinuxEnabled: () => false, helpAll: () => 'HELP\n' };
const run = (line: string) => {
  const r = parseArgs(line ? line.split(' ') : [], env);
  if (r.kind !== 'run') throw new Error(`expected a run plan, got exit ${r.status}: ${r.stderr}`);
  return r as RunPlan;
};
const exit = (line: string) => {
  const r = parseArgs(line.split(' '), env);
  if (r.kind !== 'exit') throw new Error('expected an exit plan');
  return r;
};

describe('glibc getopt_long grammar', () => {
  it('accepts clustered short options and -A with attached or separate argument', () => {
    const a = run('-tulpn');
    expect(a.options.protocols).toMatchObject({ tcp: true, udp: true, sctp: false });
    expect(a.options.listening && a.options.programs && a.options.numericHosts).toBe(true);
    expect(run('-Ainet').options.familyList).toEqual(['inet']);
    expect(run('-A inet6').options.familyList).toEqual(['inet6']);
    expect(run('--protocol=unix').options.familyList).toEqual(['unix']);
    expect(run('--protocol inet,inet').options.familyList).toEqual(['inet', 'inet']);
  });

  it('ignores non-option arguments anywhere, and everything after --', () => {
    expect(run('foo -tn bar').options.protocols.tcp).toBe(true);
    expect(run('-t -- -u').options.protocols.udp).toBe(false);
  });

  it('accepts unique prefixes and prefers exact matches', () => {
    expect(run('--prog').options.programs).toBe(true);
    expect(run('--x').options.families.has('x25')).toBe(true);
    expect(run('--ip').options.families.has('inet')).toBe(true);
    expect(run('--tcp').options.protocols.tcp).toBe(true);
    expect(run('--stat').mode).toBe('statistics');
  });

  it.each([
    ['-q', "netstat: invalid option -- 'q'\n"],
    ['--bogus', "netstat: unrecognized option '--bogus'\n"],
    ['-A', "netstat: option requires an argument -- 'A'\n"],
    ['--protocol', "netstat: option '--protocol' requires an argument\n"],
    ['--tcp=x', "netstat: option '--tcp' doesn't allow an argument\n"],
    [
      '--num',
      "netstat: option '--num' is ambiguous; possibilities: '--numeric' '--numeric-hosts' '--numeric-ports' '--numeric-users'\n",
    ],
    ['--in', "netstat: option '--in' is ambiguous; possibilities: '--inet' '--interfaces'\n"],
    ['--tc', "netstat: option '--tc' is ambiguous; possibilities: '--tcpip' '--tcp'\n"],
    ['--u', "netstat: option '--u' is ambiguous; possibilities: '--unix' '--udp' '--udplite' '--unix'\n"],
    ['--i', "netstat: option '--i' is ambiguous; possibilities: '--ip' '--interfaces'\n"],
    ['--p', "netstat: option '--p' is ambiguous; possibilities: '--protocol' '--programs'\n"],
    ['--a', "netstat: option '--a' is ambiguous; possibilities: '--ax25' '--all'\n"],
    ['-T', "netstat: invalid option -- 'T'\n"],
    ['--notrim', "netstat: unrecognized option '--notrim'\n"],
  ])('%s gives glibc message, usage on stderr and status 3', (arg, message) => {
    const r = exit(arg);
    expect(r.status).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith(message + 'usage: netstat [-vWeenNcCF]')).toBe(true);
    expect(r.stderr.endsWith('    ddp (Appletalk DDP) x25 (CCITT X.25) \n')).toBe(true);
  });

  it('-h prints usage on stdout (families on stderr), -? on stderr with status 3', () => {
    const h = exit('-h');
    expect([h.status, h.stdout.startsWith('usage: netstat'), h.stderr.startsWith('    inet (DARPA')]).toEqual(
      [0, true, true],
    );
    const q = exit('-?');
    expect([q.status, q.stdout, q.stderr.startsWith('usage: netstat')]).toEqual([3, '', true]);
  });

  it('acts on -V and -h immediately, left to right', () => {
    expect(exit('-V -h').stdout.startsWith('net-tools 2.10\n')).toBe(true);
    expect(exit('-h -V').stdout.startsWith('usage:')).toBe(true);
  });

  it('counts modes: -rr, -r -i and -s -M are usage errors; -r -g is not', () => {
    for (const l of ['-rr', '-r -i', '-s -M', '-ii']) expect(exit(l).status).toBe(3);
    expect(run('-r -g').mode).toBe('route');
  });

  it('-L/--netlink (netstat-ts; 2.10 rejects -L) is the events mode; --netlink only in full; -A netlink a socket family', () => {
    expect(run('-L').mode).toBe('events');
    expect(run('--netlink -n').mode).toBe('events');
    expect(run('-Lc').options.continuous).toBe(true);
    for (const l of ['-L -r', '-L -i', '-s -L']) expect(exit(l).status).toBe(3);
    expect(exit('--netl').stderr).toMatch(/^netstat: unrecognized option '--netl'/);
    expect(run('--net').options.families.has('netrom')).toBe(true);
    const p = run('-A netlink');
    expect([p.mode, p.options.flagArg, [...p.options.families]]).toEqual(['sockets', 1, ['netlink']]);
    expect(run('').options.families.has('netlink')).toBe(false);
  });

  it('rejects unknown and empty family names with status 1', () => {
    expect(exit('-A foo')).toMatchObject({ status: 1, stderr: "Unknown address family `foo'.\n" });
    expect(exit('-A inet,,unix')).toMatchObject({ status: 1, stderr: "Unknown address family `'.\n" });
  });

  it('reports the --tcpip bug message and goes on', () => {
    const r = run('--tcpip');
    expect(r.stderr).toBe("netstat.c: Internal Error `longopts 1 range'.\n");
  });

  it('-Z without SELinux exits 1', () => {
    expect(exit('-tanZ')).toMatchObject({ status: 1, stderr: 'SELinux is not enabled on this machine.\n' });
  });

  it('applies the mode rules of spec §1.4', () => {
    const four = run('-4');
    expect(four.options.noprot).toBe(true);
    expect(four.options.protocols).toMatchObject({
      tcp: true,
      udp: true,
      raw: true,
      sctp: true,
      udplite: true,
    });
    const t = run('-t');
    expect([...t.options.families].sort()).toEqual(['inet', 'inet6']);
    expect(t.options.flagArg).toBe(1);
    expect(run('').options.flagArg).toBe(0);
    expect(run('-g').options.flagArg).toBe(1);
    expect(run('--ddp').options.flagArg).toBe(0);
    expect(run('-x').options.flagArg).toBe(1);
    expect(run('-ee').options.extend).toBe(3);
  });

  it('extensions: --json, --root, --plugin, -i IFACE, -I=IFACE, --interfaces=IFACE', () => {
    const j = run('--json --root /tmp/x --plugin a,b');
    expect([j.json, j.root, j.plugins]).toEqual([true, '/tmp/x', ['a', 'b']]);
    expect(run('-i eth0').options.interface).toBe('eth0');
    expect(run('-I=eth1').options.interface).toBe('eth1');
    expect(run('--interfaces=lo').options.interface).toBe('lo');
    expect(run('--interfaces=lo').mode).toBe('interfaces');
    // Extensions never change what a 2.10 prefix means.
    expect(exit('--j').stderr.startsWith("netstat: unrecognized option '--j'")).toBe(true);
  });
});
