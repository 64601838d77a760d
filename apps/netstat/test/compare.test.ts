import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareFacts, factsOf, otherSide, renderCompare } from '../src/compare.js';
import { FIXTURES, runCli } from './fixtures.js';

/**
 * `--compare` golden tests: two roots derived from the real sosreport-ns capture with six
 * documented edits (fixtures/compare-after/SOURCE); the expected reports were written by hand
 * from those edits.
 */
const repo = resolve(FIXTURES, '..');
const before = 'fixtures/compare-before/root';
const after = 'fixtures/compare-after/root';
const expected = join(FIXTURES, 'compare-after/expected-compare');

async function inRepo<T>(f: () => Promise<T>): Promise<T> {
  const cwd = process.cwd();
  process.chdir(repo);
  try {
    return await f();
  } finally {
    process.chdir(cwd);
  }
}

describe('--compare', () => {
  it('prints what appeared, disappeared and changed, status 1 (golden, text)', async () => {
    const r = await inRepo(() => runCli(['--root', after, '--compare', before]));
    expect(r.stdout.toString('utf8')).toBe(readFileSync(join(expected, 'text.out'), 'utf8'));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
  });
  it('the same report as one JSON document (golden)', async () => {
    const r = await inRepo(() => runCli(['--json', '--root', after, '--compare', before]));
    expect(JSON.parse(r.stdout.toString('utf8'))).toEqual(
      JSON.parse(readFileSync(join(expected, 'json.json'), 'utf8')),
    );
    expect(r.status).toBe(1);
  });
  it('equal sides: status 0 and a line that says so', async () => {
    const r = await inRepo(() => runCli(['--root', before, '--compare', before]));
    expect(r.stdout.toString()).toBe(
      `--- ${before}\n+++ ${before}\nNo differences in sockets, listening ports, routes or interfaces.\n`,
    );
    expect(r.status).toBe(0);
    const j = await inRepo(() => runCli(['--json', '--root', before, '--compare', before]));
    expect(JSON.parse(j.stdout.toString()).equal).toBe(true);
  });
  it('an unreadable side is trouble: status 2 with the reason', async () => {
    const r = await inRepo(() => runCli(['--root', before, '--compare', 'fixtures/no-such-root']));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      "netstat: --compare: fixtures/no-such-root: cannot read sockets: netstat: cannot use root 'fixtures/no-such-root'",
    );
  });
  it('OTHER is a root or netns:SPEC', () => {
    expect(otherSide('netns:web')).toEqual({ label: 'network namespace web', args: ['--netns', 'web'] });
    expect(otherSide('/srv/sos')).toEqual({ label: '/srv/sos', args: ['--root', '/srv/sos'] });
  });
  it('keys: sockets by endpoints, listeners by local endpoint, routes by destination, interfaces by name', () => {
    const tables = [
      {
        kind: 'sockets',
        family: 'inet',
        name: 'udp6',
        rows: [
          {
            proto: 'udp6',
            local: { address: '::', port: 546 },
            remote: { address: '::', port: 0 },
            state: '',
          },
        ],
      },
    ];
    const f = factsOf(tables);
    expect([...f.sockets]).toEqual([['udp6 [::]:546 [::]:0', '-']]);
    expect([...f.listening]).toEqual([['udp6 [::]:546', 'open']]);
    const none = factsOf([]);
    const s = compareFacts(none, f);
    expect(s[0]!.appeared).toEqual([{ key: 'udp6 [::]:546 [::]:0', after: '-' }]);
    expect(renderCompare({ label: 'a', args: [] }, { label: 'b', args: [] }, s)).toContain(
      '+ udp6 [::]:546  open\n',
    );
  });
});
