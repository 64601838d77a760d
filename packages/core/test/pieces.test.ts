import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Host } from '../src/host.js';
import { forEachPiece, PieceSplitter, streamPieces } from '../src/pieces.js';

/** Pieces as [text, nul] pairs. */
function collect(run: (each: (b: Buffer, s: number, e: number, z: number) => void) => void): string[] {
  const out: string[] = [];
  run((b, s, e, z) => out.push(`${b.toString('latin1', s, e)}|${z < 0 ? -1 : z - s}`));
  return out;
}

/** A deterministic pseudo-random byte source (no Math.random in tests). */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x;
  };
}

describe('PieceSplitter', () => {
  it('cuts any chunking of a stream into the same fgets pieces as the whole buffer', () => {
    const rnd = lcg(7);
    for (let round = 0; round < 200; round++) {
      const len = rnd() % 300;
      const data = Buffer.alloc(len);
      // mostly letters, some newlines and NULs, some long lines
      for (let i = 0; i < len; i++) {
        const r = rnd() % 40;
        data[i] = r === 0 ? 10 : r === 1 ? 0 : 97 + (r % 26);
      }
      const max = 1 + (rnd() % 20);
      const whole = collect((each) => forEachPiece(data, max, each));
      const split = collect((each) => {
        const s = new PieceSplitter(max, each);
        let p = 0;
        while (p < len) {
          const n = 1 + (rnd() % 37);
          s.push(data.subarray(p, Math.min(len, p + n)));
          p += n;
        }
        s.end();
      });
      expect(split).toEqual(whole);
    }
  });

  it('gives a line of exactly max bytes with its newline as one piece, a longer one in pieces', () => {
    expect(collect((each) => forEachPiece(Buffer.from('abc\nabcd\nx'), 4, each))).toEqual([
      'abc\n|-1',
      'abcd|-1',
      '\n|-1',
      'x|-1',
    ]);
  });

  it('streams a file of the host in constant-size chunks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stream-pieces-'));
    try {
      const lines = Array.from({ length: 50000 }, (_, i) => `line ${i} ${'x'.repeat(i % 97)}\n`).join('');
      writeFileSync(join(dir, 'f'), lines);
      const host = new Host(dir);
      let count = 0;
      let bytes = 0;
      expect(
        streamPieces(host, '/f', 8191, (_b, s, e) => {
          count++;
          bytes += e - s;
        }),
      ).toBeNull();
      expect(count).toBe(50000);
      expect(bytes).toBe(Buffer.byteLength(lines));
      expect(streamPieces(host, '/missing', 8191, () => {})?.code).toBe('ENOENT');
      expect(host.probe('/f')).toBeNull();
      expect(host.probe('/')?.code).toBe('EISDIR');
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
