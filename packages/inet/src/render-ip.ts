/**
 * Text rows of tcp/udp/udplite/raw sockets (spec §2.3, §2.5): record selection and the
 * net-tools 2.10 row format, byte for byte.
 */
import { padLeft, padRight, type ServiceProto } from '@netstat-ts/core';
import { rowTail, type TailSettings, tcpStateName, timerText, udpStateName } from './columns.js';
import { endpointText, type InetNamer } from './names.js';
import type { IpProto, IpSocketRecord } from './proc-net-ip.js';
import { u64Signed } from './scan.js';

/** Which records the listing shows: `all` (-a), `listening` (-l) or the connected default. */
export type Selection = 'all' | 'listening' | 'connected';

function isNull(r: IpSocketRecord): boolean {
  if (r.family === 4) return r.remoteV4 === 0;
  const b = r.remoteV6!;
  for (let i = 0; i < 16; i++) if (b[i] !== 0) return false;
  return true;
}

/**
 * True when the record is listed: tcp decides on the remote port (0 = listening), udp, udplite
 * and raw on the remote address (all-zero = listening).
 */
export function isShown(r: IpSocketRecord, proto: IpProto, sel: Selection): boolean {
  if (sel === 'all') return true;
  const listening = proto === 'tcp' ? r.remotePort === 0 : isNull(r);
  return sel === 'listening' ? listening : !listening;
}

/** The Proto column text of a table file: `tcp`, `tcp6`, `udp`, `udp6`, `udpl`, `udpl6`, `raw`, `raw6`. */
export function protoLabel(proto: IpProto, v6file: boolean): string {
  const base = proto === 'udplite' ? 'udpl' : proto;
  return v6file ? `${base}6` : base;
}

/** The service table a protocol's ports are named from. */
export function serviceProto(proto: IpProto): ServiceProto {
  return proto === 'tcp' ? 'tcp' : proto === 'raw' ? 'raw' : 'udp';
}

/** Host text of the local or remote address of a record. */
export function hostOf(r: IpSocketRecord, namer: InetNamer, remote: boolean): string {
  if (r.family === 4) return namer.v4Host(remote ? r.remoteV4 : r.localV4);
  return namer.v6Host(remote ? r.remoteV6! : r.localV6!);
}

/** Everything a row needs besides the record. */
export interface IpRowSettings {
  proto: IpProto;
  /** Proto column text ({@link protoLabel}). */
  label: string;
  namer: InetNamer;
  wide: boolean;
  tail: TailSettings;
}

/** The state column (already padded to 11) of a record. */
function stateColumn(r: IpSocketRecord, proto: IpProto): string {
  if (proto === 'tcp') return padRight(tcpStateName(r.state), 11);
  if (proto === 'raw') return padRight(String(r.state | 0), 11);
  return padRight(udpStateName(r.state), 11);
}

/** One output line (with newline) for a record. */
export function renderIpRow(r: IpSocketRecord, s: IpRowSettings): string {
  const sp = serviceProto(s.proto);
  const local = s.namer.port(r.localPort, sp);
  const remote = s.namer.port(r.remotePort, sp);
  const l = endpointText(hostOf(r, s.namer, false), local, s.wide);
  const f = endpointText(hostOf(r, s.namer, true), remote, s.wide);
  const head =
    s.proto === 'udp' || s.proto === 'udplite' ? `${padRight(s.label, 5)} ` : `${padRight(s.label, 4)}  `;
  let line = `${head}${padLeft(u64Signed(r.rxQueue), 6)} ${padLeft(u64Signed(r.txQueue), 6)} ${padRight(l, 23)} ${padRight(f, 23)} ${stateColumn(r, s.proto)}`;
  const t = s.tail;
  if (!t.extended && !t.programs && !t.context && !t.timers) return `${line}\n`;
  const timer = t.timers
    ? timerText(s.proto === 'tcp', r.timerCode, r.timerWhen, u64Signed(r.retransmits), r.timeout)
    : '';
  line += rowTail(t, r.uid, r.inode, timer);
  return line;
}
