import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Host } from './host.js';
import { ownersFromNetstatCapture, resolveInside, snapshotLayout, snapshotNotes } from './snapshot.js';

function tree(): string {
  const root = mkdtempSync(join(tmpdir(), 'netns-snap-'));
  mkdirSync(join(root, 'proc/77/net'), { recursive: true });
  writeFileSync(join(root, 'proc/77/net/tcp'), 'header\n');
  mkdirSync(join(root, 'sos_commands/networking'), { recursive: true });
  return root;
}

describe('resolveInside', () => {
  it('follows relative and absolute links inside the root, never out of it', () => {
    const root = tree();
    symlinkSync('self/net', join(root, 'proc/net'));
    symlinkSync('/proc/77', join(root, 'proc/self')); // absolute: must stay in the root
    const h = new Host(root);
    expect(resolveInside(h, '/proc/net')).toBe('/proc/77/net');
    expect(resolveInside(h, '/proc/net/tcp')).toBe('/proc/77/net/tcp');
    mkdirSync(join(root, 'etc'));
    symlinkSync('../../../../../../etc', join(root, 'proc/up'));
    expect(resolveInside(h, '/proc/up')).toBe('/etc');
  });
  it('gives up on loops and missing components', () => {
    const root = tree();
    symlinkSync('b', join(root, 'a'));
    symlinkSync('a', join(root, 'b'));
    const h = new Host(root);
    expect(resolveInside(h, '/a')).toBeNull();
    expect(resolveInside(h, '/nothing/here')).toBeNull();
  });
});

describe('snapshotLayout', () => {
  it('finds /proc/net through proc/net -> self/net -> PID/net', () => {
    const root = tree();
    symlinkSync('self/net', join(root, 'proc/net'));
    symlinkSync('77', join(root, 'proc/self'));
    const l = snapshotLayout(new Host(root));
    expect(l).toMatchObject({
      kind: 'sosreport',
      netDir: '/proc/77/net',
      relocated: true,
      hasDescriptors: false,
    });
  });
  it('falls back to the process directory with the most tables when proc/self is missing', () => {
    const root = tree();
    symlinkSync('self/net', join(root, 'proc/net'));
    mkdirSync(join(root, 'proc/12/net'), { recursive: true });
    const l = snapshotLayout(new Host(root));
    expect(l.netDir).toBe('/proc/77/net');
    expect(l.how).toContain('no usable /proc/net');
  });
  it('names what is lacking for -p', () => {
    const root = tree();
    const l = snapshotLayout(new Host(root));
    expect(snapshotNotes(l, 'sockets', true).at(-1)).toBe(
      'netstat: note: the snapshot has no /proc/PID/fd and no netstat -neopa capture: PID/Program shows "-".',
    );
    writeFileSync(join(root, 'sos_commands/networking/netstat_-W_-neopa'), '');
    const l2 = snapshotLayout(new Host(root));
    expect(l2.ownersCapture).toBe('/sos_commands/networking/netstat_-W_-neopa');
  });
});

describe('ownersFromNetstatCapture', () => {
  it('maps inodes to PID/Program from inet and unix rows, keeping program names with blanks', () => {
    const text = [
      '(Not all processes could be identified, non-owned process info',
      ' will not be shown, you would have to be root to see it all.)',
      'Active Internet connections (servers and established)',
      'Proto Recv-Q Send-Q Local Address           Foreign Address         State       User       Inode      PID/Program name     Timer',
      'tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN      0          38357      812/sshd: /usr/sbin  off (0.00/0/0)',
      'tcp        0      0 10.0.0.1:22             10.0.0.2:5555           TIME_WAIT   0          0          -                    timewait (59.00/0/0)',
      'udp        0      0 0.0.0.0:68              0.0.0.0:*                           0          1234       99/dhclient          off (0.00/0/0)',
      'raw6       0      0 :::58                   :::*                    7           0          4321       5/ndp                off (0.00/0/0)',
      'Active UNIX domain sockets (servers and established)',
      'Proto RefCnt Flags       Type       State         I-Node   PID/Program name     Path',
      'unix  2      [ ACC ]     STREAM     LISTENING     38355    26334/node           /run/app.sock',
      'unix  2      [ ]         DGRAM                    1234567890 1/init               /run/systemd/notify',
      'unix  3      [ ]         STREAM     CONNECTED     777      -                    ',
      'garbage line',
    ].join('\n');
    const m = ownersFromNetstatCapture(text);
    expect(m.warning).toBe(
      '(Not all processes could be identified, non-owned process info\n will not be shown, you would have to be root to see it all.)',
    );
    expect(m.owners.get(38357)?.text).toBe('812/sshd: /usr/sbin');
    expect(m.owners.get(1234)).toEqual({ pid: 99, program: 'dhclient', text: '99/dhclient' });
    expect(m.owners.get(4321)?.pid).toBe(5);
    expect(m.owners.get(38355)?.text).toBe('26334/node');
    expect(m.owners.get(1234567890)?.text).toBe('1/init');
    expect(m.owners.has(777)).toBe(false);
    expect(m.owners.has(0)).toBe(false);
  });
});
