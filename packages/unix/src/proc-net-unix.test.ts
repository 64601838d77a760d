import { PieceSplitter } from '@netstat-ts/core';
import { describe, expect, it } from 'vitest';
import { BOGUS_UNIX_LINE, joinedNameFeed, joinNameContinuations, parseProcNetUnix } from './proc-net-unix.js';

const HEADER = 'Num       RefCount Protocol Flags    Type St Inode Path\n';

describe('parseProcNetUnix', () => {
  it('reads kernel-layout lines and their variants as the general scanner does', () => {
    const head = 'Num       RefCount Protocol Flags    Type St Inode Path\n';
    const bases = [
      '00000000ae0e1ac4: 00000003 00000000 00010000 0001 01 2113338 /tmp/tmux-1000/default',
      '000000003831e347: 00000002 00000000 00000000 0002 03 2113303',
      'c1a2b3c4: 00000002 00000000 00000000 0005 03   123 @abstract',
    ];
    const swaps = [' ', '  ', '\t', ':', 'x', '0', 'F', 'g', '', '-'];
    const lines: string[] = [...bases];
    for (const base of bases) {
      for (let i = 0; i < 60 && i < base.length; i++) {
        for (const c of swaps) lines.push(base.slice(0, i) + c + base.slice(i + 1));
      }
    }
    // A leading tab keeps a line off the fixed-layout path; the general scanner skips it.
    const fast = parseProcNetUnix(`${head}${lines.join('\n')}\n`);
    const general = parseProcNetUnix(`${head}${lines.map((l) => `\t${l}`).join('\n')}\n`);
    expect(fast).toEqual(general);
  });

  it('reads a modern line', () => {
    const r = parseProcNetUnix(
      `${HEADER}00000000ab085501: 00000051 00000000 00010000 0001 01 61545 /tmp/my socket\n`,
    );
    expect(r.hasInodes).toBe(true);
    expect(r.diagnostics).toEqual([]);
    expect(r.records).toEqual([
      {
        line: 1,
        address: '00000000ab085501',
        refCount: 81,
        protocol: 0,
        flags: 0x10000,
        type: 1,
        state: 1,
        inode: 61545,
        path: '/tmp/my',
      },
    ]);
  });

  it('turns lines with fewer than 6 conversions into warnings', () => {
    const r = parseProcNetUnix(`${HEADER}\nxyz\n0000: 1 2 3 4\n0000 1 2 3 4 5 6\n`);
    expect(r.records).toEqual([]);
    expect(r.diagnostics.map((d) => [d.line, d.message])).toEqual([
      [1, BOGUS_UNIX_LINE],
      [2, BOGUS_UNIX_LINE],
      [3, BOGUS_UNIX_LINE],
      [4, BOGUS_UNIX_LINE],
    ]);
  });

  it('keeps the previous inode when only 6 fields convert, and clears the path', () => {
    const r = parseProcNetUnix(`${HEADER}1: 2 0 0 1 3 111 /a\n2: 2 0 0 1 3\n3: 2 0 0 1 3 222\n`);
    expect(r.records.map((x) => [x.inode, x.path])).toEqual([
      [111, '/a'],
      [111, ''],
      [222, ''],
    ]);
  });

  it('follows strtoul: signs, 0x prefixes, overflow and 32-bit truncation', () => {
    const r = parseProcNetUnix(
      `${HEADER}4: -1 1 FFFFFFFFFFFFFFFFFFFFF 100000001 0x3 -5 /b\n5: 8000000000000000 0 0 1 3 99999999999999999999 /c\n`,
    );
    const [a, b] = r.records;
    expect(a).toMatchObject({ refCount: -1, protocol: 1, flags: 0xffffffff, type: 1, state: 3, path: '/b' });
    expect(a!.exact).toEqual({ refCount: '-1', inode: '18446744073709551611' });
    expect(b!.exact).toEqual({ refCount: '-9223372036854775808', inode: '18446744073709551615' });
  });

  it('cuts the path at a NUL byte and at blanks', () => {
    const r = parseProcNetUnix(`${HEADER}6: 2 0 0 1 3 333 /x\0yz\n7: 2 0 0 1 3 334 /tmp/raw sock\n`);
    expect(r.records.map((x) => x.path)).toEqual(['/x', '/tmp/raw']);
  });

  it('uses the inode as the path when the header has no Inode column', () => {
    const r = parseProcNetUnix('Num RefCount Protocol Flags Type St Path\n1: 2 0 0 1 3 4242 /p\n');
    expect(r.hasInodes).toBe(false);
    expect(r.records[0]!.path).toBe('4242');
  });

  it('splits lines longer than the 8 KiB fgets buffer', () => {
    const long = `1: 2 0 0 1 3 5 /${'a'.repeat(9000)}`;
    const r = parseProcNetUnix(`${HEADER}${long}\n`);
    expect(r.records).toHaveLength(1);
    expect(r.records[0]!.path.length).toBe(8191 - '1: 2 0 0 1 3 5 '.length);
    expect(r.diagnostics).toHaveLength(1);
  });

  it('handles an empty file and a file without a newline', () => {
    expect(parseProcNetUnix('')).toEqual({ hasInodes: false, records: [], diagnostics: [] });
    expect(parseProcNetUnix(`${HEADER}1: 2 0 0 1 3 9`).records).toHaveLength(1);
  });
});

describe('joinNameContinuations (terminal display)', () => {
  const head = 'Num       RefCount Protocol Flags    Type St Inode Path\n';
  const real = '000000006529d6f5: 00000003 00000000 00000000 0001 03    48\n';
  it('joins a forged row whose address form differs from the file and a line that is no row', () => {
    const text =
      head +
      real +
      '00000000009cf592: 00000002 00000000 00010000 0001 01 12935 @tmx\n' +
      '0000000000000000: 00000002 00000000 00010000 0001 01 99999 /run/FORGED-sshd.sock\n' +
      '00000000009cf593: 00000002 00000000 00010000 0001 01 12936 @a\n' +
      'not a row\n' +
      '\n' +
      '00000000009cf594: 00000002 00000000 00010000 0001 01 12937 /run/ok\n';
    const joined = joinNameContinuations(text).toString('latin1');
    const paths = parseProcNetUnix(joined).records.map((r) => r.path);
    expect(paths).toEqual(['', '@tmx\\n0000000000000000:', '@a\\nnot', '/run/ok']);
    // Without the join (a pipe), 2.10's reading: the forged row is a row.
    expect(parseProcNetUnix(text).records.map((r) => r.inode)).toContain(99999);
  });

  it("returns the same buffer when every line is a row of the file's form", () => {
    const data = Buffer.from(`${head}${real}00000000009cf592: 00000002 00000000 00010000 0001 01 12935 @x\n`);
    expect(joinNameContinuations(data)).toBe(data);
    const zeros = Buffer.from(
      `${head}0000000000000000: 00000002 00000000 00010000 0001 01 1 @x\n0000000000000000: 00000002 00000000 00010000 0001 01 2 /y\n`,
    );
    expect(joinNameContinuations(zeros)).toBe(zeros); // undecidable: shown as two rows
  });

  it('joins the same way over a streamed file, whatever the chunks (joinedNameFeed)', () => {
    const long = `00000000009cf599: 00000002 00000000 00010000 0001 01 7 /${'L'.repeat(9000)}\n`;
    const texts = [
      `${head}${real}00000000009cf592: 00000002 00000000 00010000 0001 01 12935 @tmx\n` +
        '0000000000000000: 00000002 00000000 00010000 0001 01 99999 /run/FORGED-sshd.sock\n' +
        `not a row\n\n${long}00000000009cf594: 00000002 00000000 00010000 0001 01 12937 @end\nno newline`,
      `${head}${real}`,
      head,
      '',
    ];
    for (const text of texts) {
      const data = Buffer.from(text, 'latin1');
      for (const chunk of [1, 7, 8191, 1 << 16]) {
        // A feed that hands the file over in chunks of `chunk` bytes, as a stream would.
        const streamed = (max: number, each: (b: Buffer, s: number, e: number, n: number) => void) => {
          const split = new PieceSplitter(max, each);
          for (let p = 0; p < data.length; p += chunk) split.push(data.subarray(p, p + chunk));
          split.end();
        };
        const out: Buffer[] = [];
        joinedNameFeed(streamed)(8191, (b, s, e) => out.push(Buffer.from(b.subarray(s, e))));
        expect(Buffer.concat(out).toString('latin1')).toBe(joinNameContinuations(data).toString('latin1'));
      }
    }
  });
});
