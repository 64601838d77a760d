/**
 * The JSON rows of the Internet tables: raw numbers and resolved names side by side. Rows are
 * built lazily (on first access of `table.rows`), so text output of big tables never pays for them.
 */
import { type Diagnostic, formatIPv4, formatIPv6 } from '@netstat-ts/core';
import { ownerOf, type TailSettings, tcpStateName, udpStateName } from './columns.js';
import type { InetNamer } from './names.js';
import type { IpProto, IpSocketRecord } from './proc-net-ip.js';
import { hostOf, serviceProto } from './render-ip.js';
import type { U64 } from './scan.js';

/** A 64-bit counter in JSON: a number when exact, else its decimal text. */
export type JsonU64 = number | string;

/** One end of a connection. */
export interface EndpointJson {
  /** Numeric address text (dotted quad or inet_ntop form). */
  address: string;
  /** Port (low 16 bits of the kernel value). */
  port: number;
  /** Host text as shown (a name unless numeric). */
  host: string;
  /** Port text as shown (`*`, a service name, or the number). */
  service: string;
}

/** The process holding a socket (`-p`). */
export interface OwnerJson {
  pid: number;
  program: string;
  context?: string;
}

/** A tcp/udp/udplite/raw socket row (tables `tcp`, `tcp6`, `udp`, `udp6`, `udplite`, `udplite6`, `raw`, `raw6`). */
export interface InetSocketRow {
  /** Proto column text (`tcp`, `tcp6`, `udpl`, …). */
  proto: string;
  /** Address family of this record (decided by the address length, not the file). */
  family: 'inet' | 'inet6';
  local: EndpointJson;
  remote: EndpointJson;
  /** State text as shown (raw sockets: the number). */
  state: string;
  stateCode: number;
  recvQ: JsonU64;
  sendQ: JsonU64;
  uid: number;
  /** User name (null when numeric or unknown). */
  user: string | null;
  inode: JsonU64;
  timer: { code: number; when: JsonU64; retransmits: JsonU64; timeout: number };
  owner: OwnerJson | null;
}

/** JSON form of a U64. */
export function jsonU64(v: U64): JsonU64 {
  return typeof v === 'number' ? v : v.toString();
}

/** JSON owner of an inode, or null. */
export function ownerJson(tail: TailSettings, inode: U64): OwnerJson | null {
  const o = ownerOf(tail, inode);
  if (!o) return null;
  const j: OwnerJson = { pid: o.pid, program: o.program };
  if (o.context !== undefined) j.context = o.context;
  return j;
}

/** User name for JSON (null when numeric or not in passwd). */
export function userJson(tail: TailSettings, uid: number): string | null {
  return tail.numericUsers ? null : (tail.resolver.user(uid >>> 0) ?? null);
}

/** Builds the JSON row of a record. */
export function ipRow(
  r: IpSocketRecord,
  proto: IpProto,
  label: string,
  namer: InetNamer,
  tail: TailSettings,
): InetSocketRow {
  const sp = serviceProto(proto);
  const addr = (remote: boolean): EndpointJson => {
    const port = (remote ? r.remotePort : r.localPort) & 0xffff;
    const numeric =
      r.family === 4
        ? formatIPv4(remote ? r.remoteV4 : r.localV4)
        : formatIPv6(remote ? r.remoteV6! : r.localV6!);
    return { address: numeric, port, host: hostOf(r, namer, remote), service: namer.port(port, sp) };
  };
  const state =
    proto === 'tcp' ? tcpStateName(r.state) : proto === 'raw' ? String(r.state | 0) : udpStateName(r.state);
  return {
    proto: label,
    family: r.family === 4 ? 'inet' : 'inet6',
    local: addr(false),
    remote: addr(true),
    state,
    stateCode: r.state,
    recvQ: jsonU64(r.rxQueue),
    sendQ: jsonU64(r.txQueue),
    uid: r.uid,
    user: userJson(tail, r.uid),
    inode: jsonU64(r.inode),
    timer: {
      code: r.timerCode,
      when: jsonU64(r.timerWhen),
      retransmits: jsonU64(r.retransmits),
      timeout: r.timeout,
    },
    owner: ownerJson(tail, r.inode),
  };
}

/** A diagnostic entry for a table. */
export function diag(message: string, level: Diagnostic['level'] = 'warning'): Diagnostic {
  return { level, message };
}
