import { describe, expect, it } from 'vitest';
import { newGroupState, parseGroups } from './igmp.js';

const IGMP =
  'Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter\n' +
  '1\tlo        :     3      V3\n\t\t\t\t010000E0     1 0:00000000\t\t1\n\t\t\t\tFC0000E0\n' +
  '3\tabcdefghijklmnopq:  1 V3\n\t\t\t\t010000E0 -1 0:0\n4 ab:cd:ef  :    2\n\t\t\t\t1E0     5\nxyz\n\t\t\t\t1234567890     5\n';

describe('parseGroups', () => {
  it('reads /proc/net/igmp device and group lines (%15c devices cut at the last colon)', () => {
    const { records, diagnostics } = parseGroups(IGMP);
    expect(records.map((r) => [r.device.trimEnd(), r.users, r.v4])).toEqual([
      ['lo', 1, 0xe0000001],
      ['abcdefghijklmno', -1, 0xe0000001],
      ['ab:cd:ef', 5, 0xe0010000],
      ['ab:cd:ef', 90, 0x78563412],
    ]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      'warning, got bogus igmp line 3.',
      'warning, got bogus igmp line 8.',
    ]);
  });

  it('keeps the tail of the previous device name after a short %15c read (observed in 2.10)', () => {
    const text = 'Device    : Count\nlo        :     3      V3\nshort\n\t\t\t\t010000E0     1 0:0\n';
    expect(parseGroups(text).records[0]!.device).toBe('short\n    ');
  });

  it('reads igmp6 in natural order, with the IPv6 word buffer reused across lines', () => {
    const st = newGroupState();
    const text = '1    lo              ff020000000000000000000000000001     1 00000004 0\nx\n3 eth0 ff02 7\n';
    const { records, diagnostics } = parseGroups(text, st);
    expect(st.v6).toBe(true);
    expect(diagnostics.map((d) => d.message)).toEqual(['warning, got bogus igmp6 line 1.']);
    expect(Buffer.from(records[0]!.v6!).toString('hex')).toBe('ff020000000000000000000000000001');
    // "0:ff02::100:0" as net-tools 2.10 prints it
    expect(Buffer.from(records[1]!.v6!).toString('hex')).toBe('0000ff02000000000000000001000000');
  });

  it('parses /proc/net/igmp with the IPv6 pattern once the sticky flag is set (-c bug)', () => {
    const st = newGroupState();
    st.v6 = true;
    const r = parseGroups(
      'Idx\tDevice\n1\tlo        :     1      V3\n\t\t\t\t010000E0     1 0:00000000\t\t1\n',
      st,
    );
    expect(r.diagnostics.map((d) => d.message)).toEqual(['warning, got bogus igmp6 line 1.']);
    expect(r.records[0]).toMatchObject({ device: 'E0', users: 0, family: 6 });
  });
});
