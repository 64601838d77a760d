import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Finds the reference net-tools 2.10 netstat: the Debian package kept in ../shared/tools/reference
 * (unpacked once to a temp dir), else /usr/bin/netstat. Returns null with a reason when neither
 * can be had.
 */
export function referenceNetstat(): { bin: string } | { bin: null; why: string } {
  const refDir = resolve(__dirname, '../../../../shared/tools/reference');
  if (existsSync(refDir)) {
    const deb = readdirSync(refDir).find((f) => f.endsWith('.deb'));
    if (deb) {
      const out = mkdtempSync(join(tmpdir(), 'netstat-ref-'));
      const r = spawnSync('dpkg-deb', ['-x', join(refDir, deb), out]);
      const bin = join(out, 'bin/netstat');
      if (r.status === 0 && existsSync(bin)) return { bin };
    }
  }
  if (existsSync('/usr/bin/netstat')) return { bin: '/usr/bin/netstat' };
  return { bin: null, why: 'no reference netstat (../shared/tools/reference or /usr/bin/netstat)' };
}

/** True when this process may create namespaces (root and a working `unshare -n`). */
export function canUnshare(): { ok: true } | { ok: false; why: string } {
  if (process.getuid?.() !== 0) return { ok: false, why: 'not root' };
  const r = spawnSync('unshare', ['-n', 'true']);
  return r.status === 0 ? { ok: true } : { ok: false, why: `unshare -n failed: ${r.stderr}` };
}

/**
 * The output of a comparison script, which prints `=== WHO CASE` before each command's output
 * (WHO one of `who`, e.g. `ref` and `ours`): the bodies by case and by who. Other lines, such as
 * a `=== status N` after each command, stay in the bodies.
 */
export function sectionsByCase(stdout: string, who: string[]): Record<string, Record<string, string>> {
  const parts = stdout.split(new RegExp(`^=== (${who.join('|')}) (.*)\n`, 'm'));
  const seen: Record<string, Record<string, string>> = {};
  for (let i = 1; i < parts.length; i += 3) {
    const [w, c, body] = [parts[i]!, parts[i + 1]!, parts[i + 2]!];
    seen[c] = { ...seen[c], [w]: body };
  }
  return seen;
}
