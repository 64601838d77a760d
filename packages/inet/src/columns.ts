/**
 * Column texts shared by the Internet row formats: state names (§2.6), timers (§2.7), the
 * `%2.2f` of timer values, and the optional tail of every row (§2.5: user, inode, program,
 * SELinux context, timer).
 */
import { padRight, type Resolver, type SocketOwner } from '@netstat-ts/core';
import type { U64 } from './scan.js';

/** TCP state names by kernel number (0 is empty); 12–16 are what 2.10 reads past the array. */
export const TCP_STATES: readonly string[] = [
  '',
  'ESTABLISHED',
  'SYN_SENT',
  'SYN_RECV',
  'FIN_WAIT1',
  'FIN_WAIT2',
  'TIME_WAIT',
  'CLOSE',
  'CLOSE_WAIT',
  'LAST_ACK',
  'LISTEN',
  'CLOSING',
  'LISTENING',
  'CONN SENT',
  'DISC SENT',
  'ESTABLISHED',
  'Ip6',
];

/** State column of a tcp row (states above 16 are undefined in 2.10; shown empty). */
export function tcpStateName(state: number): string {
  return TCP_STATES[state] ?? '';
}

/** State column of a udp/udplite row: 1 ESTABLISHED, 7 empty, else UNKNOWN. */
export function udpStateName(state: number): string {
  return state === 1 ? 'ESTABLISHED' : state === 7 ? '' : 'UNKNOWN';
}

/** SCTP state text: the tcp names for 0..11, else `UNKNOWN(n)`. */
export function sctpStateName(state: number): string {
  return state >= 0 && state <= 11 ? TCP_STATES[state]! : `UNKNOWN(${state})`;
}

/**
 * C's `%.2f` of a non-negative double: exact decimal rounding of the binary value, ties to even
 * (JavaScript's toFixed breaks ties upwards, which matters only for very large values).
 */
export function fixed2(d: number): string {
  if (d < 2 ** 40) return d.toFixed(2);
  if (d >= 2 ** 53) return `${BigInt(d)}.00`;
  let ip = Math.floor(d);
  const f = (d - ip) * 100; // exact: at most 13 fraction bits
  let r = Math.floor(f);
  const rest = f - r;
  if (rest > 0.5 || (rest === 0.5 && r % 2 === 1)) r++;
  if (r === 100) {
    ip++;
    r = 0;
  }
  return `${ip}.${r < 10 ? '0' : ''}${r}`;
}

/** Timer text of `-o` (§2.7). `tcp` selects the tcp wording (`on`, `keepalive`, …). */
export function timerText(tcp: boolean, code: number, when: U64, retr: string, timeout: number): string {
  const c = code | 0;
  const t = () => fixed2(Number(when) / 100);
  if (c === 0) return `off (0.00/${retr}/${timeout})`;
  if (tcp) {
    switch (c) {
      case 1:
        return `on (${t()}/${retr}/${timeout})`;
      case 2:
        return `keepalive (${t()}/${retr}/${timeout})`;
      case 3:
        return `timewait (${t()}/${retr}/${timeout})`;
      case 4:
        return `probe (${t()}/${retr}/${timeout})`;
    }
  } else if (c === 1 || c === 2) return `on${c} (${t()}/${retr}/${timeout})`;
  return `unkn-${c} (${t()}/${retr}/${timeout})`;
}

/** What the row tail shows, from the options. */
export interface TailSettings {
  /** `-e -e`: user and inode columns. */
  extended: boolean;
  numericUsers: boolean;
  /** `-p` (or `-Z`). */
  programs: boolean;
  /** `-Z`. */
  context: boolean;
  /** `-o`. */
  timers: boolean;
  resolver: Resolver;
  /** Socket owners for `-p` (inode -> owner). */
  owners: Map<number, SocketOwner> | null;
}

/** User column text: the passwd name unless numeric or unknown, else the signed uid. */
export function userText(s: TailSettings, uid: number): string {
  if (!s.numericUsers) {
    const name = s.resolver.user(uid >>> 0);
    if (name !== undefined) return name;
  }
  return String(uid);
}

/** The owner of an inode, or undefined. */
export function ownerOf(s: TailSettings, inode: U64): SocketOwner | undefined {
  return s.owners && typeof inode === 'number' ? s.owners.get(inode) : undefined;
}

/** The tail of a row (§2.5 `finish_this_one`), including the newline; `timer` is the -o text. */
export function rowTail(s: TailSettings, uid: number, inode: U64, timer: string): string {
  let t = '';
  if (s.extended) t += ` ${padRight(userText(s, uid), 10)} ${padRight(String(inode), 10)}`;
  if (s.programs || s.context) {
    const owner = ownerOf(s, inode);
    t += ` ${padRight(owner ? owner.text : '-', 20)}`;
    if (s.context) t += ` ${padRight(owner?.context ?? '-', 50)}`;
  }
  if (s.timers) t += ` ${timer}`;
  return `${t}\n`;
}
