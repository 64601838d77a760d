/** The two header lines of the Internet socket listing (spec §2.1). */
import { type NetstatOptions, padRight } from '@netstat-ts/core';

/** `Active Internet connections (…)` and the column header, each with its newline. */
export function internetHeader(o: NetstatOptions): string {
  const which = o.all ? '(servers and established)' : o.listening ? '(only servers)' : '(w/o servers)';
  let cols = 'Proto Recv-Q Send-Q Local Address           Foreign Address         State      ';
  if (o.extend >= 2) cols += ' User       Inode     ';
  if (o.programs || o.context) cols += ` ${padRight('PID/Program name', 20)}`;
  if (o.context) cols += padRight(' Security Context', 50);
  if (o.timers) cols += ' Timer';
  return `Active Internet connections ${which}\n${cols}\n`;
}
