/**
 * A connection tracker entry as the byte parser fills it: numbers in typed arrays (-1 for "not
 * shown"), addresses as numbers and bytes, and the few strings interned. One record is reused
 * for every line, so reading a large table makes no object per entry; {@link recordEntry}
 * (conntrack-text.ts) makes a {@link ConntrackEntry} of it when one is wanted.
 */
export class CtRecord {
  /** Offsets of a tuple's numbers in {@link nums} (the reply's start at TUPLE_FIELDS). */
  static readonly SPORT = 0;
  static readonly DPORT = 1;
  static readonly ICMP_TYPE = 2;
  static readonly ICMP_CODE = 3;
  static readonly ICMP_ID = 4;
  static readonly PACKETS = 5;
  static readonly BYTES = 6;
  static readonly ZONE = 7;
  static readonly TUPLE_FIELDS = 8;

  /** Network layer name (`ipv4`, `ipv6`, or as the line says). */
  l3 = '';
  protocol = '';
  protonum = 0;
  /** Seconds left, -1 when not shown (offloaded flows). */
  timeout = -1;
  state: string | null = null;
  /** Per tuple: sport, dport, icmp type, code, id, packets, bytes, zone (-1: not shown). */
  readonly nums = new Float64Array(2 * CtRecord.TUPLE_FIELDS);
  /** Address slots 0 original src, 1 original dst, 2 reply src, 3 reply dst: 4, 6 or 0 (none). */
  readonly family = new Uint8Array(4);
  /** IPv4 slots (host order). */
  readonly v4 = new Float64Array(4);
  /** IPv6 slots, 16 bytes each. */
  readonly v6 = new Uint8Array(64);
  flags: string[] = [];
  mark = -1;
  zone = -1;
  secctx: string | null = null;
  deltaTime = -1;
  use = -1;
  id = -1;

  /** Clears the record for the next line. */
  reset(): void {
    this.l3 = '';
    this.protocol = '';
    this.protonum = 0;
    this.timeout = -1;
    this.state = null;
    const n = this.nums;
    for (let i = 0; i < n.length; i++) n[i] = -1;
    const f = this.family;
    f[0] = 0;
    f[1] = 0;
    f[2] = 0;
    f[3] = 0;
    this.flags.length = 0;
    this.mark = -1;
    this.zone = -1;
    this.secctx = null;
    this.deltaTime = -1;
    this.use = -1;
    this.id = -1;
  }

  /** True when address slots `i` and `j` hold the same address (same family and value). */
  same(i: number, j: number): boolean {
    const f = this.family[i];
    if (f !== this.family[j]) return false;
    if (f === 4) return this.v4[i] === this.v4[j];
    const v = this.v6;
    for (let k = 0; k < 16; k++) if (v[i * 16 + k] !== v[j * 16 + k]) return false;
    return true;
  }
}
