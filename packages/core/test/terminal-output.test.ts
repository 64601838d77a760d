import { describe, expect, it } from 'vitest';
import { ChunkedOutput, CollectingSink, escapeForTerminal, escapeJsonForTerminal } from '../src/index.js';

const shown = (bytes: number[] | string) =>
  Buffer.from(
    escapeForTerminal(Buffer.from(bytes as never, typeof bytes === 'string' ? 'latin1' : undefined)),
  ).toString('latin1');

describe('escapeForTerminal', () => {
  it('keeps printable ASCII, newlines and valid UTF-8, returning the same buffer', () => {
    const b = Buffer.from('unix  2 /run/ok.sock caf\u00e9 \u{1f600}\n', 'utf8');
    expect(escapeForTerminal(b)).toBe(b);
  });

  it('escapes C0 controls but the newline, DEL and C1 controls', () => {
    expect(shown('\x1b]0;pwned\x07\x1b[2J')).toBe('\\x1b]0;pwned\\x07\\x1b[2J');
    expect(shown('a\tb\rc\x00d\x7f\n')).toBe('a\\tb\\rc\\x00d\\x7f\n');
    // U+009B (CSI) encoded as UTF-8, and the raw byte 0x9b.
    expect(shown([0x61, 0xc2, 0x9b, 0x62, 0x9b])).toBe('a\\xc2\\x9bb\\x9b');
    expect(shown([0xc2, 0xa0])).toBe('\xc2\xa0'); // U+00A0 is printable
  });

  it('escapes every byte of invalid UTF-8 (stray, truncated, overlong, surrogate, too high)', () => {
    expect(shown([0xff, 0x41])).toBe('\\xffA');
    expect(shown([0xc3])).toBe('\\xc3');
    expect(shown([0xe2, 0x82, 0x41])).toBe('\\xe2\\x82A');
    expect(shown([0xc0, 0xaf])).toBe('\\xc0\\xaf');
    expect(shown([0xe0, 0x80, 0xaf])).toBe('\\xe0\\x80\\xaf');
    expect(shown([0xed, 0xa0, 0x80])).toBe('\\xed\\xa0\\x80');
    expect(shown([0xf4, 0x90, 0x80, 0x80])).toBe('\\xf4\\x90\\x80\\x80');
    expect(shown([0xf0, 0x9f, 0x98, 0x80])).toBe('\xf0\x9f\x98\x80');
  });

  it('escapes the bidirectional-override controls', () => {
    expect(shown(Buffer.from('a\u202eb\u2066c', 'utf8') as unknown as number[])).toBe(
      'a\\xe2\\x80\\xaeb\\xe2\\x81\\xa6c',
    );
  });
});

describe('ChunkedOutput on a terminal', () => {
  it('escapes at flush, after the renderer padded the columns; a pipe gets the bytes as written', () => {
    for (const terminal of [false, true]) {
      const sink = new CollectingSink();
      const out = new ChunkedOutput(sink, new CollectingSink(), { terminal });
      out.out('unix  2      /run/\x1b[2J\n');
      const w = out.bytes;
      w.reserve(4);
      w.buf[w.pos++] = 0x07;
      w.buf[w.pos++] = 10;
      out.flush();
      out.out('x'.repeat(300000) + '\x1b\n'); // larger than the buffer: written directly
      const text = sink.text();
      if (terminal) {
        expect(text.startsWith('unix  2      /run/\\x1b[2J\n\\x07\n')).toBe(true);
        expect(text.endsWith('x\\x1b\n')).toBe(true);
      } else {
        expect(text.startsWith('unix  2      /run/\x1b[2J\n\x07\n')).toBe(true);
        expect(text.endsWith('x\x1b\n')).toBe(true);
      }
    }
  });
});

describe('escapeJsonForTerminal', () => {
  it('writes DEL and C1 controls as \\u escapes, leaving the same JSON value', () => {
    const json = JSON.stringify({ path: '/run/\x1b\x7f\u009b\u202e' });
    const t = escapeJsonForTerminal(json);
    expect(t).toBe('{"path":"/run/\\u001b\\u007f\\u009b\\u202e"}');
    expect(JSON.parse(t)).toEqual(JSON.parse(json));
  });
});
