import { EXIT_STATUS } from '../errors.js';
import { defaultOptions, type NetstatOptions } from '../options.js';
import { getopt } from './getopt.js';
import {
  FAMILY_ALIASES,
  FAMILY_KEYWORDS,
  LONG_DEFS,
  LONG_OPTIONS,
  type ModeOption,
  type ParseState,
  SHORT_DEFS,
  SHORT_SPEC,
} from './option-table.js';
import { USAGE, USAGE_FAMILIES } from './texts.js';

/** What netstat prints: decided by spec §1.4 after all options are read. */
export type Mode = 'sockets' | ModeOption;

/** When several mode options are given (a usage error anyway), 2.10's precedence. */
const MODE_PRECEDENCE: readonly ModeOption[] = ['masquerade', 'statistics', 'route', 'interfaces', 'events'];

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
  /** Bluetooth was requested (2.10 was built without it: the socket listing ends with an error). */
  bluetooth: boolean;
  /** Text 2.10 prints on stderr while parsing (e.g. the `--tcpip` bug message). */
  stderr: string;
  /** Values of netstat-ts extension options that have no NetstatOptions field (by option key). */
  extensions: Record<string, string | boolean | string[]>;
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

const PROG = 'netstat';

function usageExit(status: number, prefix = ''): ExitPlan {
  return status === 0
    ? { kind: 'exit', status, stdout: USAGE, stderr: prefix + USAGE_FAMILIES }
    : { kind: 'exit', status, stdout: '', stderr: prefix + USAGE + USAGE_FAMILIES };
}

/**
 * Interprets argv (without the program name) exactly as net-tools 2.10 does (spec §1), plus
 * netstat-ts's exact-only extensions (`--json`, `--root`, `--plugin`, `--help-all`, `-I<iface>`,
 * `--interfaces=<iface>`, and `-i <iface>`). What each option does is its entry in OPTIONS.
 */
export function parseArgs(argv: readonly string[], env: ArgsEnv): RunPlan | ExitPlan {
  const o = defaultOptions();
  let afname = '';
  const st: ParseState = {
    options: o,
    modes: { route: 0, interfaces: 0, masquerade: 0, statistics: 0, events: 0 },
    json: false,
    plugins: [],
    stderr: '',
    extensions: {},
    selinuxEnabled: () => env.selinuxEnabled(),
    helpAll: () => env.helpAll(),
    familyKeywords: () => [
      ...FAMILY_KEYWORDS.map((k) => k.keyword),
      ...new Set(Object.values(env.extraFamilies ?? {}).filter((k) => !Object.hasOwn(FAMILY_ALIASES, k))),
    ],
    addFamilies(list) {
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
            stderr: `Unknown address family \`${el}'.\n`,
          };
        if (afname.length + canonical.length + (afname ? 1 : 0) > 255) {
          st.stderr += 'Too much address family arguments.\n';
          return undefined;
        }
        afname += (afname ? ',' : '') + canonical;
        o.familyList.push(canonical);
        o.families.add(canonical);
      }
      return undefined;
    },
  };
  const { events, operands } = getopt(argv, SHORT_SPEC, LONG_OPTIONS, PROG, env.posixlyCorrect);
  for (const ev of events) {
    if (ev.kind === 'error') return usageExit(EXIT_STATUS.E_USAGE, `${st.stderr}${ev.message}\n`);
    const def = ev.kind === 'long' ? LONG_DEFS[ev.index]! : SHORT_DEFS.get(ev.char)!;
    const r = def.apply(st, ev.arg);
    if (r)
      return r.kind === 'usage'
        ? usageExit(r.status, st.stderr + r.stderr)
        : { kind: 'exit', status: r.status, stdout: r.stdout, stderr: st.stderr + r.stderr };
  }
  const r = plan(o, st, operands);
  // Families added by plugins count as explicitly requested socket families, like --ipx.
  if (r.kind === 'run' && env.extraFamilies) {
    for (const fam of new Set(Object.values(env.extraFamilies))) if (o.families.has(fam)) r.options.flagArg++;
  }
  return r;
}

function plan(o: NetstatOptions, extra: ParseState, operands: string[]): RunPlan | ExitPlan {
  const counts = extra.modes;
  if (Object.values(counts).reduce((a, b) => a + b, 0) > 1)
    return usageExit(EXIT_STATUS.E_USAGE, extra.stderr);
  const p = o.protocols;
  const anyProto = () => p.tcp || p.sctp || p.udp || p.udplite || p.raw;
  if ((o.families.has('inet') || o.families.has('inet6') || counts.statistics > 0) && !anyProto()) {
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
    +rfcomm +
    +f.has('netlink');
  const mode: Mode = MODE_PRECEDENCE.find((m) => counts[m] > 0) ?? 'sockets';
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
    extensions: extra.extensions,
    ...(extra.root !== undefined ? { root: extra.root } : {}),
  };
}
