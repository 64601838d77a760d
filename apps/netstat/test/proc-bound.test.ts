import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from './fixtures.js';
import { canUnshare, referenceNetstat, sectionsByCase } from './reference.js';

const BIN = resolve(__dirname, '../dist/cli.cjs');
const TREE = resolve(FIXTURES, 'genproc-s1/root');
const CASES = ['-tanp', '-tulpn', '-xap', '-an'];
const ns = canUnshare();
const ref = referenceNetstat();
const skip = !ns.ok ? ns.why : ref.bin === null ? ref.why : !existsSync(BIN) ? 'CLI not built' : null;
if (skip) console.warn(`/proc-bound comparison skipped: ${skip}`);

/**
 * A generated tree bound over /proc in a private mount namespace, as the oracle and the bench
 * run both netstats: the live code paths, but no /proc/self and no /proc/PID/status of the
 * launcher's shell. Node's process.execPath is then `node` (argv[0]), not an absolute path:
 * loading a built-in through it once made `-p` an internal error, and the launcher's read of its
 * signal mask printed "cannot open". Both netstats, stdout and stderr together, must agree.
 */
describe.skipIf(skip !== null)('a tree bound over /proc (no /proc/self)', () => {
  it('prints what 2.10 prints, the launcher silent, -p walking the tree', () => {
    const script = [
      `mount --bind ${TREE}/proc /proc`,
      ...CASES.flatMap((c) => [
        `echo "=== ref ${c}"; ${ref.bin} ${c} 2>&1; echo "=== status $?"`,
        `echo "=== ours ${c}"; ${BIN} ${c} 2>&1; echo "=== status $?"`,
      ]),
    ].join('\n');
    const r = spawnSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script], {
      encoding: 'latin1',
      env: { PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, LC_ALL: 'C' },
    });
    expect(r.status, r.stderr).toBe(0);
    const seen = sectionsByCase(r.stdout, ['ref', 'ours']);
    for (const c of CASES) {
      expect(seen[c]?.ours, `netstat ${c}`).toBe(seen[c]?.ref);
      expect(seen[c]?.ours).toMatch(/=== status 0\n$/);
    }
    // The walk found owners in the tree (a PID/Program name column with values, not only "-").
    expect(seen['-tanp']?.ours).toMatch(/ \d+\/\S+/);
  }, 60_000);
});
