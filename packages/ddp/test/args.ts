import { defaultOptions, type NetstatOptions } from '@netstat-ts/core';

const AF: Record<string, string> = {
  ip: 'inet',
  inet: 'inet',
  inet6: 'inet6',
  ip6: 'inet6',
  tcpip: 'inet',
  unix: 'unix',
  ipx: 'ipx',
  ax25: 'ax25',
  netrom: 'netrom',
  x25: 'x25',
  rose: 'rose',
  ddp: 'ddp',
  appletalk: 'ddp',
};
const LONG: Record<string, string> = {
  all: 'a',
  numeric: 'n',
  extend: 'e',
  programs: 'p',
  timers: 'o',
  wide: 'W',
  tcp: 't',
  udp: 'u',
  listening: 'l',
  route: 'r',
  cache: 'C',
  fib: 'F',
  symbolic: 'N',
  verbose: 'v',
};
/** Families whose flag counts in 2.10's flag_arg. */
const COUNTED = ['unix', 'ipx', 'ax25', 'netrom', 'x25', 'rose'];

/** NetstatOptions plus what a golden test needs to know about the mode. */
export type CaseOptions = NetstatOptions & { route: boolean; mode: 'sockets' | 'other' };

/**
 * Test helper: NetstatOptions for a golden case's argument list, mirroring the CLI's spec §1.2-1.4
 * rules for the options used by the cases (the real CLI lives in apps/netstat). `mode` is `other`
 * for -i, -s, -M, -g and unparsed options, which these tests skip.
 */
export function optionsFor(args: string[]): CaseOptions {
  const o: CaseOptions = { ...defaultOptions(), route: false, mode: 'sockets' };
  const flags = new Set<string>();
  const fam = (name: string) => {
    const c = AF[name];
    if (!c) {
      o.mode = 'other';
      return;
    }
    o.families.add(c);
    o.familyList.push(c);
    flags.add(c);
  };
  const short = (c: string) => {
    switch (c) {
      case 'a':
        o.all = true;
        break;
      case 'l':
        o.listening = true;
        break;
      case 'n':
        o.numericHosts = o.numericPorts = o.numericUsers = true;
        break;
      case 'e':
        o.extend++;
        break;
      case 'p':
        o.programs = true;
        break;
      case 'o':
        o.timers = true;
        break;
      case 'W':
        o.wide = true;
        break;
      case 'v':
        o.verbose++;
        break;
      case 'x':
        fam('unix');
        break;
      case '4':
        fam('inet');
        break;
      case '6':
        fam('inet6');
        break;
      case 't':
        o.protocols.tcp = true;
        break;
      case 'u':
        o.protocols.udp = true;
        break;
      case 'w':
        o.protocols.raw = true;
        break;
      case 'U':
        o.protocols.udplite = true;
        break;
      case 'S':
        o.protocols.sctp = true;
        break;
      case 'r':
        o.route = true;
        break;
      case 'C':
        o.cache = true;
        break;
      case 'F':
        o.fib = true;
        break;
      case 'N':
        o.symbolic = true;
        break;
      default:
        o.mode = 'other';
    }
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-A') for (const f of (args[++i] ?? '').split(',')) fam(f);
    else if (a.startsWith('--')) {
      const name = a.slice(2);
      if (name === 'numeric-hosts') o.numericHosts = true;
      else if (name === 'numeric-ports') o.numericPorts = true;
      else if (name === 'numeric-users') o.numericUsers = true;
      else if (AF[name]) fam(name);
      else short(LONG[name] ?? '?');
    } else if (a.startsWith('-') && a.length > 1) for (const c of a.slice(1)) short(c);
    else o.mode = 'other';
  }
  const p = o.protocols;
  const anyProto = () => p.tcp || p.udp || p.sctp || p.udplite || p.raw;
  if ((o.families.has('inet') || o.families.has('inet6')) && !anyProto()) {
    p.tcp = p.sctp = p.udp = p.udplite = p.raw = true;
    o.noprot = true;
  }
  if (anyProto() && !o.families.has('inet') && !o.families.has('inet6')) {
    o.families.add('inet');
    o.families.add('inet6');
  }
  o.flagArg =
    [p.tcp, p.sctp, p.udp, p.udplite, p.raw].filter(Boolean).length +
    COUNTED.filter((f) => flags.has(f)).length;
  return o;
}
