/** The transport protocols of the Internet socket listing. */
export type InetProtocol = 'tcp' | 'sctp' | 'udp' | 'udplite' | 'raw';

/** What the command line asked for, after net-tools 2.10's option rules (spec §1) were applied. */
export interface NetstatOptions {
  /** `-a`: every socket. */
  all: boolean;
  /** `-l`: listening sockets only (ignored when `all`). */
  listening: boolean;
  /** The extend counter: 1 by default, +1 per `-e`. */
  extend: number;
  /** `-p` (also turned on by an enabled `-Z`). */
  programs: boolean;
  /** `-Z`: SELinux context column. */
  context: boolean;
  /** `-o`. */
  timers: boolean;
  /** `-W`. */
  wide: boolean;
  /** `-v` count. */
  verbose: number;
  numericHosts: boolean;
  numericPorts: boolean;
  numericUsers: boolean;
  /** `-N`. */
  symbolic: boolean;
  /** `-C` given. */
  cache: boolean;
  /** `-F` given. */
  fib: boolean;
  /** `-c`. */
  continuous: boolean;
  /** Protocols selected by -t -S -u -U -w (after the "no explicit protocol" rule). */
  protocols: Record<InetProtocol, boolean>;
  /** `-g` count. */
  groups: number;
  /** Family flags set by -A/--af/-4/-6/-x (canonical names). */
  families: Set<string>;
  /** The -A list in command-line order, canonical names, duplicates kept (2.10's "afname"). */
  familyList: string[];
  /** 2.10's flag_arg: 0 means "default listing, every family". */
  flagArg: number;
  /** 2.10's noprot: missing-file messages are silenced. */
  noprot: boolean;
  /** `-i` with an interface name (`-i eth0`, `--interfaces=eth0`). */
  interface?: string;
}

/** Default options: what `netstat` with no arguments means before the mode rules run. */
export function defaultOptions(): NetstatOptions {
  return {
    all: false,
    listening: false,
    extend: 1,
    programs: false,
    context: false,
    timers: false,
    wide: false,
    verbose: 0,
    numericHosts: false,
    numericPorts: false,
    numericUsers: false,
    symbolic: false,
    cache: false,
    fib: false,
    continuous: false,
    protocols: { tcp: false, sctp: false, udp: false, udplite: false, raw: false },
    groups: 0,
    families: new Set(),
    familyList: [],
    flagArg: 0,
    noprot: false,
  };
}
