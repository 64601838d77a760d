import { EXIT_STATUS } from '../errors.js';
import { defaultOptions, type NetstatOptions } from '../options.js';
import { getopt, parseShortSpec } from './getopt.js';
import { FAMILY_ALIASES, LONG_OPTION_FAMILY, LONG_OPTIONS, SHORT_OPTIONS } from './option-table.js';
import { USAGE, USAGE_FAMILIES, VERSION_TEXT } from './texts.js';

/** What netstat prints: decided by spec §1.4 after all options are read. */
export type Mode = 'sockets' | 'route' | 'interfaces' | 'masquerade' | 'statistics';

/** A command line that asks netstat to run. */
export interface RunPlan {
  kind: 'run';
  mode: Mode;
  options: NetstatOptions;
  /** `--json`: print the tables as one JSON document. */
  json: boolean;
  /** `--root DIR` (the CLI falls back to NETSTAT_ROOT, then `/`). */
  root?: string;
  /** `--plugin NAME`, in order. */
  plugins: string[];
  /** `--netns SPEC`: read the tables of that network namespace (a PID, an `ip netns` name, a path). */
  netns?: string;
  /** `--all-netns`: every table once per network namespace. */
  allNetns?: boolean;
  /** `--compare OTHER`: print what differs between the system read and OTHER (a root or a netns spec). */
  compare?: string;
  /** Bluetooth was requested (2.10 was built without it: the socket listing ends with an error). */
  bluetooth: boolean;
  /** Text 2.10 prints on stderr while parsing (e.g. the `--tcpip` bug message). */
  stderr: string;
}

/** A command line that ends before any table is read (help, version, errors). */
export interface ExitPlan {
  kind: 'exit';
  status: number;
  stdout: string;
  stderr: string;
}

/** What the environment contributes to parsing. */
export interface ArgsEnv {
  posixlyCorrect?: boolean;
  /** Is SELinux enabled on the system being read? (asked only when -Z is given) */
  selinuxEnabled(): boolean;
  /** The full help text (`--help-all`). */
  helpAll(): string;
  /** `-A` names added by loaded plugins: alias -> canonical family. */
  extraFamilies?: Readonly<Record<string, string>>;
}

const SHORT_SPEC = parseShortSpec(SHORT_OPTIONS);
const PROG = 'netstat';

function usageExit(status: number, prefix = ''): ExitPlan {
  return status === 0
    ? { kind: 'exit', status, stdout: USAGE, stderr: prefix + USAGE_FAMILIES }
    : { kind: 'exit', status, stdout: '', stderr: prefix + USAGE + USAGE_FAMILIES };
}

/**
 * Interprets argv (without the program name) exactly as net-tools 2.10 does (spec §1), plus
 * netstat-ts's exact-only extensions (`--json`, `--root`, `--plugin`, `--help-all`, `-I<iface>`,
 * `--interfaces=<iface>`, and `-i <iface>`).
 */
export function parseArgs(argv: readonly string[], env: ArgsEnv): RunPlan | ExitPlan {
  const o = defaultOptions();
  const counts = { i: 0, r: 0, M: 0, s: 0 };
  let stderr = '';
  let afname = '';
  let json = false;
  let root: string | undefined;
  const plugins: string[] = [];
  const ns: { netns?: string; allNetns?: boolean; compare?: string } = {};
  const { events, operands } = getopt(argv, SHORT_SPEC, LONG_OPTIONS, PROG, env.posixlyCorrect);
  const addFamilies = (list: string): ExitPlan | null => {
    for (const el of list.split(',')) {
      const canonical = Object.hasOwn(FAMILY_ALIASES, el)
        ? FAMILY_ALIASES[el]
        : env.extraFamilies && Object.hasOwn(env.extraFamilies, el)
          ? env.extraFamilies[el]
          : undefined;
      if (!canonical)
        return {
          kind: 'exit',
          status: EXIT_STATUS.E_FAMILY_UNKNOWN,
          stdout: '',
          stderr: `${stderr}Unknown address family \`${el}'.\n`,
        };
      if (afname.length + canonical.length + (afname ? 1 : 0) > 255) {
        stderr += 'Too much address family arguments.\n';
        return null;
      }
      afname += (afname ? ',' : '') + canonical;
      o.familyList.push(canonical);
      o.families.add(canonical);
    }
    return null;
  };
  for (const ev of events) {
    if (ev.kind === 'error') return usageExit(EXIT_STATUS.E_USAGE, `${stderr}${ev.message}\n`);
    let c: string;
    let arg = ev.arg;
    if (ev.kind === 'long') {
      const g = ev.option.group;
      if (g === 'af') {
        if (ev.index === 12) {
          stderr += "netstat.c: Internal Error `longopts 1 range'.\n";
          continue;
        }
        const r = addFamilies(LONG_OPTION_FAMILY[ev.index]!);
        if (r) return r;
        continue;
      }
      if (g === 'json') {
        json = true;
        continue;
      }
      if (g === 'root') {
        root = arg;
        continue;
      }
      if (g === 'netns') {
        ns.netns = arg!;
        continue;
      }
      if (g === 'all-netns') {
        ns.allNetns = true;
        continue;
      }
      if (g === 'compare') {
        ns.compare = arg!;
        continue;
      }
      if (g === 'plugin') {
        plugins.push(...arg!.split(',').filter(Boolean));
        continue;
      }
      if (g === 'help-all') return { kind: 'exit', status: 0, stdout: env.helpAll(), stderr };
      if (g === 'nh') {
        o.numericHosts = true;
        continue;
      }
      if (g === 'np') {
        o.numericPorts = true;
        continue;
      }
      if (g === 'nu') {
        o.numericUsers = true;
        continue;
      }
      c = g === 'i' ? 'i' : g;
      if (g === 'i' && arg !== undefined) o.interface = arg;
      arg = g === 'A' ? arg : undefined;
    } else {
      c = ev.char;
    }
    switch (c) {
      case 'A': {
        const r = addFamilies(arg!);
        if (r) return r;
        break;
      }
      case '4':
      case '6':
      case 'x': {
        const r = addFamilies(c === '4' ? 'inet' : c === '6' ? 'inet6' : 'unix');
        if (r) return r;
        break;
      }
      case 'C':
        o.cache = true;
        break;
      case 'F':
        o.fib = true;
        break;
      case 'M':
        counts.M++;
        break;
      case 'a':
        o.all = true;
        break;
      case 'c':
        o.continuous = true;
        break;
      case 'd':
        break;
      case 'e':
        o.extend++;
        break;
      case 'g':
        o.groups++;
        break;
      case 'h':
        return usageExit(EXIT_STATUS.OK, stderr);
      case '?':
        return usageExit(EXIT_STATUS.E_USAGE, stderr);
      case 'i':
        counts.i++;
        break;
      case 'I':
        counts.i++;
        if (ev.arg !== undefined) o.interface = ev.arg.replace(/^=/, '');
        break;
      case 'l':
        o.listening = true;
        break;
      case 'n':
        o.numericHosts = o.numericPorts = o.numericUsers = true;
        break;
      case 'N':
        o.symbolic = true;
        break;
      case 'o':
        o.timers = true;
        break;
      case 'p':
        o.programs = true;
        break;
      case 'r':
        counts.r++;
        break;
      case 's':
        counts.s++;
        break;
      case 'S':
        o.protocols.sctp = true;
        break;
      case 't':
        o.protocols.tcp = true;
        break;
      case 'u':
        o.protocols.udp = true;
        break;
      case 'U':
        o.protocols.udplite = true;
        break;
      case 'w':
        o.protocols.raw = true;
        break;
      case '2':
      case 'f':
        o.families.add(c === '2' ? 'l2cap' : 'rfcomm');
        break;
      case 'v':
        o.verbose++;
        break;
      case 'V':
        return { kind: 'exit', status: 0, stdout: VERSION_TEXT, stderr };
      case 'W':
        o.wide = true;
        break;
      case 'Z':
        if (!env.selinuxEnabled())
          return {
            kind: 'exit',
            status: EXIT_STATUS.E_SELINUX,
            stdout: '',
            stderr: `${stderr}SELinux is not enabled on this machine.\n`,
          };
        o.context = true;
        o.programs = true;
        break;
    }
  }
  if (ns.netns !== undefined && ns.allNetns)
    return {
      kind: 'exit',
      status: EXIT_STATUS.E_USAGE,
      stdout: '',
      stderr: `${stderr}netstat: --netns and --all-netns exclude each other.\n`,
    };
  const r = plan(o, counts, operands, { json, root, plugins, stderr });
  if (r.kind === 'run') Object.assign(r, ns);
  // Families added by plugins count as explicitly requested socket families, like --ipx.
  if (r.kind === 'run' && env.extraFamilies) {
    for (const fam of new Set(Object.values(env.extraFamilies))) if (o.families.has(fam)) r.options.flagArg++;
  }
  return r;
}

function plan(
  o: NetstatOptions,
  counts: { i: number; r: number; M: number; s: number },
  operands: string[],
  extra: { json: boolean; root?: string; plugins: string[]; stderr: string },
): RunPlan | ExitPlan {
  if (counts.i + counts.r + counts.M + counts.s > 1) return usageExit(EXIT_STATUS.E_USAGE, extra.stderr);
  const p = o.protocols;
  const anyProto = () => p.tcp || p.sctp || p.udp || p.udplite || p.raw;
  if ((o.families.has('inet') || o.families.has('inet6') || counts.s > 0) && !anyProto()) {
    p.tcp = p.sctp = p.udp = p.udplite = p.raw = true;
    o.noprot = true;
  }
  if ((anyProto() || o.groups > 0) && !o.families.has('inet') && !o.families.has('inet6')) {
    o.families.add('inet');
    o.families.add('inet6');
  }
  const bluetooth = o.families.has('bluetooth');
  let l2cap = o.families.has('l2cap');
  let rfcomm = o.families.has('rfcomm');
  if (bluetooth && !l2cap && !rfcomm) l2cap = rfcomm = true;
  const f = o.families;
  o.flagArg =
    +p.tcp +
    +p.sctp +
    +p.udplite +
    +p.udp +
    +p.raw +
    +f.has('unix') +
    +f.has('ipx') +
    +f.has('ax25') +
    +f.has('netrom') +
    o.groups +
    +f.has('x25') +
    +f.has('rose') +
    +l2cap +
    +rfcomm;
  const mode: Mode =
    counts.M > 0
      ? 'masquerade'
      : counts.s > 0
        ? 'statistics'
        : counts.r > 0
          ? 'route'
          : counts.i > 0
            ? 'interfaces'
            : 'sockets';
  // Extension: `netstat -i eth0` (the original man page's form) selects one interface.
  if (mode === 'interfaces' && o.interface === undefined && operands.length > 0) o.interface = operands[0];
  return {
    kind: 'run',
    mode,
    options: o,
    json: extra.json,
    plugins: extra.plugins,
    bluetooth: l2cap || rfcomm,
    stderr: extra.stderr,
    ...(extra.root !== undefined ? { root: extra.root } : {}),
  };
}
