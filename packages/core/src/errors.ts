/**
 * The error catalogue: every failure netstat-ts reports has a code here, mapped to the exit
 * status net-tools 2.10 uses for it (spec §1.7). Messages are built where the error happens;
 * the status lives only here.
 */
export const EXIT_STATUS = {
  /** normal completion */
  OK: 0,
  /** explicitly requested family's /proc file missing; unknown -A family; -Z without SELinux; -s on an unsupported family; -r table missing; -i failure; -M missing */
  E_NO_SUPPORT: 1,
  E_FAMILY_UNKNOWN: 1,
  E_SELINUX: 1,
  E_NO_ROUTES: 1,
  E_INTERFACE: 1,
  /** a third-party plugin cannot be loaded or has the wrong shape */
  E_PLUGIN: 1,
  /** the --root / NETSTAT_ROOT directory cannot be used */
  E_ROOT: 1,
  /** bad or ambiguous option, missing argument, two modes */
  E_USAGE: 3,
  /** -r for a family without a routing table */
  E_ROUTE_FAMILY: 3,
  /** -L (live kernel events) with a snapshot root (--root, NETSTAT_ROOT) */
  E_WATCH_ROOT: 3,
  /** -L could not watch the kernel (neither netlink nor the /proc fallback works) */
  E_WATCH: 1,
  /** unexpected open error (perror case) */
  E_IO: 255,
} as const;

/** An error code of the catalogue. */
export type ErrorCode = keyof typeof EXIT_STATUS;

/** A failure with its code and message; thrown only across module boundaries and caught by the CLI. */
export class NetstatError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'NetstatError';
  }

  /** The exit status net-tools uses for this error. */
  get status(): number {
    return EXIT_STATUS[this.code];
  }
}

/** `netstat: no support for `NAME' on this system.` (ESYSNOT). */
export function noSupportMessage(name: string): string {
  return `netstat: no support for \`${name}' on this system.`;
}
