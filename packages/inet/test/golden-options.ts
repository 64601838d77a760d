/**
 * Test helper: NetstatOptions for the Internet-only golden cases, built by hand from the argument
 * list with the rules of spec §1.4 (2: no explicit protocol, 3: both families, 5: flag_arg).
 */
import { defaultOptions, type NetstatOptions } from '@netstat-ts/core';

const LONG: Record<string, string> = {
  '--tcp': 't',
  '--udp': 'u',
  '--udplite': 'U',
  '--sctp': 'S',
  '--raw': 'w',
  '--all': 'a',
  '--listening': 'l',
  '--numeric': 'n',
  '--extend': 'e',
  '--programs': 'p',
  '--timers': 'o',
  '--wide': 'W',
  '--groups': 'g',
  '--verbose': 'v',
};

/** Options for an argument list, or null when the case involves more than sockets and groups. */
export function inetOptions(args: string[]): NetstatOptions | null {
  const o = defaultOptions();
  const fam = (f: string) => {
    o.families.add(f);
    o.familyList.push(f);
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-A') {
      for (const f of args[++i]!.split(',')) {
        if (f !== 'inet' && f !== 'inet6') return null;
        fam(f);
      }
      continue;
    }
    if (a === '--inet') fam('inet');
    else if (a === '--numeric-hosts') o.numericHosts = true;
    else if (a === '--numeric-ports') o.numericPorts = true;
    else if (a === '--numeric-users') o.numericUsers = true;
    else if (LONG[a]) {
      if (!flag(o, LONG[a]!, fam)) return null;
    } else if (/^-[a-zA-Z0-9]+$/.test(a)) {
      for (const c of a.slice(1)) if (!flag(o, c, fam)) return null;
    } else return null;
  }
  const p = o.protocols;
  const anyProto = p.tcp || p.sctp || p.udp || p.udplite || p.raw;
  if ((o.families.has('inet') || o.families.has('inet6')) && !anyProto) {
    p.tcp = p.sctp = p.udp = p.udplite = p.raw = true;
    o.noprot = true;
  }
  if (
    (p.tcp || p.sctp || p.udp || p.udplite || p.raw || o.groups > 0) &&
    !o.families.has('inet') &&
    !o.families.has('inet6')
  ) {
    o.families.add('inet');
    o.families.add('inet6');
  }
  o.flagArg = [p.tcp, p.sctp, p.udp, p.udplite, p.raw].filter(Boolean).length + o.groups;
  if (o.flagArg === 0) return null; // the default listing includes other families
  return o;
}

function flag(o: NetstatOptions, c: string, fam: (f: string) => void): boolean {
  switch (c) {
    case 't':
      o.protocols.tcp = true;
      break;
    case 'u':
      o.protocols.udp = true;
      break;
    case 'U':
      o.protocols.udplite = true;
      break;
    case 'S':
      o.protocols.sctp = true;
      break;
    case 'w':
      o.protocols.raw = true;
      break;
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
    case 'g':
      o.groups++;
      break;
    case '4':
      fam('inet');
      break;
    case '6':
      fam('inet6');
      break;
    default:
      return false;
  }
  return true;
}
