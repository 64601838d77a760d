/**
 * Text and JSON rows of SCTP endpoints and associations (spec §2.8): one line per address,
 * continuation lines indented by 20 blanks, no address trimming, decimal ports.
 */
import { padLeft, padRight } from '@netstat-ts/core';
import { rowTail, sctpStateName, type TailSettings } from './columns.js';
import type { InetNamer } from './names.js';
import { type JsonU64, jsonU64, type OwnerJson, ownerJson, userJson } from './rows.js';
import type { SctpAddress, SctpAssocRecord, SctpEndpointRecord } from './sctp.js';

const INDENT = '\n                    ';

/** Host text of an SCTP address (numeric under any of the numeric flags or -N). */
export function sctpHost(a: SctpAddress, namer: InetNamer): string {
  return a.family === 4 ? namer.v4Host(a.v4) : namer.v6Host(a.v6!);
}

/** Port text of SCTP: `*` for 0, else always decimal. */
export function sctpPort(port: number): string {
  const p = port & 0xffff;
  return p === 0 ? '*' : String(p);
}

function tail(t: TailSettings, uid: number, inode: SctpEndpointRecord['inode']): string {
  return rowTail(t, uid, inode, '');
}

/** The lines (with final newline) of an endpoint. */
export function renderSctpEndpoint(r: SctpEndpointRecord, namer: InetNamer, t: TailSettings): string {
  let s = '';
  const port = sctpPort(r.port);
  r.addresses.forEach((a, i) => {
    s += i === 0 ? 'sctp                ' : INDENT;
    s += `${padRight(`${sctpHost(a, namer)}:${port}`, 47)} ${padRight(i === 0 ? sctpStateName(r.state) : '', 11)}`;
  });
  return s + tail(t, r.uid, r.inode);
}

/** The lines (with final newline) of an association. */
export function renderSctpAssoc(r: SctpAssocRecord, namer: InetNamer, t: TailSettings): string {
  let s = '';
  const n = Math.max(r.local.length, r.remote.length);
  for (let i = 0; i < n; i++) {
    s += i === 0 ? `sctp  ${padLeft(String(r.rxQueue), 6)} ${padLeft(String(r.txQueue), 6)} ` : INDENT;
    const l = r.local[i];
    const f = r.remote[i];
    const lt = l ? (i === 0 ? `${sctpHost(l, namer)}:${sctpPort(r.localPort)}` : sctpHost(l, namer)) : '';
    const ft = f ? (i === 0 ? `${sctpHost(f, namer)}:${sctpPort(r.remotePort)}` : sctpHost(f, namer)) : '';
    s += `${padRight(lt, 23)} ${padRight(ft, 23)} ${padRight(i === 0 ? sctpStateName(r.state) : '', 11)}`;
  }
  return s + tail(t, r.uid, r.inode);
}

/** JSON of one SCTP address. */
export interface SctpAddressJson {
  /** The kernel's text (without the primary-path `*` for associations). */
  address: string;
  host: string;
}

/** JSON row of an SCTP endpoint (table `sctp-eps`). */
export interface SctpEndpointRow {
  proto: 'sctp';
  kind: 'endpoint';
  port: number;
  addresses: SctpAddressJson[];
  state: string;
  stateCode: number;
  uid: number;
  user: string | null;
  inode: JsonU64;
  owner: OwnerJson | null;
}

/** JSON row of an SCTP association (table `sctp-assocs`). */
export interface SctpAssocRow {
  proto: 'sctp';
  kind: 'association';
  localPort: number;
  remotePort: number;
  local: SctpAddressJson[];
  remote: SctpAddressJson[];
  state: string;
  stateCode: number;
  recvQ: number;
  sendQ: number;
  uid: number;
  user: string | null;
  inode: JsonU64;
  owner: OwnerJson | null;
}

const addrJson = (namer: InetNamer) => (a: SctpAddress) => ({ address: a.text, host: sctpHost(a, namer) });

/** Builds the JSON row of an endpoint. */
export function sctpEndpointRow(r: SctpEndpointRecord, namer: InetNamer, t: TailSettings): SctpEndpointRow {
  return {
    proto: 'sctp',
    kind: 'endpoint',
    port: r.port & 0xffff,
    addresses: r.addresses.map(addrJson(namer)),
    state: sctpStateName(r.state),
    stateCode: r.state,
    uid: r.uid,
    user: userJson(t, r.uid),
    inode: jsonU64(r.inode),
    owner: ownerJson(t, r.inode),
  };
}

/** Builds the JSON row of an association. */
export function sctpAssocRow(r: SctpAssocRecord, namer: InetNamer, t: TailSettings): SctpAssocRow {
  return {
    proto: 'sctp',
    kind: 'association',
    localPort: r.localPort & 0xffff,
    remotePort: r.remotePort & 0xffff,
    local: r.local.map(addrJson(namer)),
    remote: r.remote.map(addrJson(namer)),
    state: sctpStateName(r.state),
    stateCode: r.state,
    recvQ: r.rxQueue,
    sendQ: r.txQueue,
    uid: r.uid,
    user: userJson(t, r.uid),
    inode: jsonU64(r.inode),
    owner: ownerJson(t, r.inode),
  };
}
