import { defaultOptions, type NetstatOptions } from '@netstat-ts/core';

const AF: Record<string, string> = {
  ip: 'inet',
  inet: 'inet',
  inet6: 'inet6',
  unix: 'unix',
  ipx: 'ipx',
  ax25: 'ax25',
  netrom: 'netrom',
  x25: 'x25',
  rose: 'rose',
  ddp: 'ddp',
  appletalk: 'ddp',
};
const COUNTED = new Set(['unix', 'ipx', 'ax25', 'netrom', 'x25', 'rose']);

/**
 * Test helper: NetstatOptions for a golden case's arguments, following spec §1.2–1.4 for the
 * options the X.25 cases use (the real CLI lives in apps/netstat). `null` when a case uses an
 * option this helper does not model.
 */
export function optionsFor(args: string[]): (NetstatOptions & { route: boolean }) | null {
  const o = { ...defaultOptions(), route: false };
  const fams = new Set<string>();
  const fam = (name: string): boolean => {
    const c = AF[name];
    if (!c) return false;
    o.families.add(c);
    o.familyList.push(c);
    if (COUNTED.has(c)) fams.add(c);
    return true;
  };
  const short = (c: string): boolean => {
    if (c === 'a') o.all = true;
    else if (c === 'l') o.listening = true;
    else if (c === 'n') o.numericHosts = o.numericPorts = o.numericUsers = true;
    else if (c === 'e') o.extend++;
    else if (c === 'v') o.verbose++;
    else if (c === 'r') o.route = true;
    else if (c === 'x') return fam('unix');
    else return false;
    return true;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-A') {
      for (const f of (args[++i] ?? '').split(',')) if (!fam(f)) return null;
    } else if (a.startsWith('--')) {
      if (!fam(a.slice(2))) return null;
    } else if (a.startsWith('-')) {
      for (const c of a.slice(1)) if (!short(c)) return null;
    } else return null;
  }
  o.flagArg = fams.size;
  return o;
}
