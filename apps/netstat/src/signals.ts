/**
 * Signals a process may inherit as ignored and that Node would otherwise reset to their default
 * (fatal or stopping) action, by Linux number. Signals Node reserves or that cannot be handled by
 * a script (SIGKILL, SIGSTOP, SIGSEGV, …) are not listed.
 */
const RESTORABLE: Readonly<Record<number, NodeJS.Signals>> = {
  1: 'SIGHUP',
  2: 'SIGINT',
  3: 'SIGQUIT',
  12: 'SIGUSR2',
  13: 'SIGPIPE',
  14: 'SIGALRM',
  15: 'SIGTERM',
  20: 'SIGTSTP',
  21: 'SIGTTIN',
  22: 'SIGTTOU',
  24: 'SIGXCPU',
  26: 'SIGVTALRM',
  27: 'SIGPROF',
  29: 'SIGIO',
  30: 'SIGPWR',
};

/** Signals in a `SigIgn:` hex mask (bit n-1 = signal n), restricted to {@link RESTORABLE}. */
export function signalsInMask(hex: string): Set<NodeJS.Signals> {
  const out = new Set<NodeJS.Signals>();
  if (!/^[0-9a-fA-F]{1,16}$/.test(hex)) return out;
  const mask = BigInt(`0x${hex}`);
  for (const [n, name] of Object.entries(RESTORABLE)) if ((mask >> BigInt(Number(n) - 1)) & 1n) out.add(name);
  return out;
}

/**
 * The signals that were ignored when the process was started. `launcher` is the `SigIgn` mask
 * the bin's shell launcher line read before Node started (Node resets them to the default, see
 * README "Exit status"); without it, the process's own `/proc/self/status` text is used, minus
 * SIGPIPE and SIGXFSZ, which Node itself ignores.
 */
export function ignoredSignals(launcher: string | undefined, ownStatus: string): Set<NodeJS.Signals> {
  if (launcher !== undefined && launcher !== '') return signalsInMask(launcher.trim());
  const m = /^SigIgn:\s*([0-9a-fA-F]+)/m.exec(ownStatus);
  const set = m ? signalsInMask(m[1]!) : new Set<NodeJS.Signals>();
  set.delete('SIGPIPE');
  return set;
}
