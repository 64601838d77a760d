import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from './fixtures.js';

// Terminal injection (README, "Security"): the real bin on a pseudo-terminal (util-linux
// `script`) escapes, the same bin on a pipe writes 2.10's bytes (expected/ from the reference).
const BIN = resolve(__dirname, '../dist/cli.cjs');
const FIX = join(FIXTURES, 'terminal-injection');
const ROOT = join(FIX, 'root');
const haveScript = spawnSync('script', ['--version']).status === 0;

/** Runs the bin with stdout on a pseudo-terminal; returns what the terminal received (LF lines). */
function onTerminal(args: string): string {
  const r = spawnSync('script', ['-qec', `${BIN} ${args}`, '/dev/null'], {
    env: { ...process.env, NETSTAT_ROOT: ROOT, LC_ALL: 'C' },
    encoding: 'latin1',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  expect(r.status).toBe(0);
  return r.stdout.replace(/\r\n/g, '\n');
}

describe.runIf(existsSync(BIN) && haveScript)('terminal escaping', () => {
  it('a pipe gets exactly the bytes 2.10 writes, forged row and escape sequences included', () => {
    for (const args of ['-xlp', '-xa']) {
      const r = spawnSync(BIN, args.split(' '), { env: { ...process.env, NETSTAT_ROOT: ROOT } });
      expect(r.stdout.equals(readFileSync(join(FIX, `expected/${args}.out`)))).toBe(true);
      expect(r.status).toBe(0);
    }
  });

  it('a terminal sees control bytes and invalid UTF-8 escaped, and no forged row', () => {
    const text = onTerminal('-xlp');
    expect(text).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f]/);
    const lines = text.split('\n');
    // 2.10's title and header, unchanged.
    expect(lines.slice(0, 2)).toEqual(
      readFileSync(join(FIX, 'expected/-xlp.out'), 'latin1').split('\n').slice(0, 2),
    );
    expect(lines.filter((l) => l.startsWith('unix'))).toEqual([
      'unix  2      [ ACC ]     STREAM     LISTENING     12935    -                    @tmx\\n0000000000000000:',
      'unix  2      [ ACC ]     STREAM     LISTENING     12936    4242/ev\\nil          /run/\\x1b]0;pwned\\x07\\x1b[2J\\xff\xc3\xa9ok',
    ]);
    expect(text).not.toContain('99999');
  });

  it('JSON on a terminal keeps every string exact (escaped by JSON only)', () => {
    const doc = JSON.parse(Buffer.from(onTerminal('-xlp --json'), 'latin1').toString('utf8'));
    const paths = doc.tables[0].rows.map((r: { path: string }) => r.path);
    // The bytes decoded as UTF-8 (README, JSON output): controls kept, 0xff has no character.
    expect(paths).toContain('/run/\x1b]0;pwned\x07\x1b[2J\ufffd\u00e9ok');
    expect(paths).toContain('/run/FORGED-sshd.sock'); // JSON keeps 2.10's rows
  });
});
