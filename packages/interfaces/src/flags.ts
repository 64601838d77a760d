/**
 * Interface flags as SIOCGIFFLAGS reports them, and their two printed forms: the letters of the
 * short table's `Flg` column and the `<UP,BROADCAST,…>` list of the `-e` layout (spec §6.3, §6.4).
 */

/** IFF_* bits (16-bit, as in `ifr_flags`). */
export const IFF = {
  UP: 0x1,
  BROADCAST: 0x2,
  DEBUG: 0x4,
  LOOPBACK: 0x8,
  POINTOPOINT: 0x10,
  NOTRAILERS: 0x20,
  RUNNING: 0x40,
  NOARP: 0x80,
  PROMISC: 0x100,
  ALLMULTI: 0x200,
  MASTER: 0x400,
  SLAVE: 0x800,
  MULTICAST: 0x1000,
  PORTSEL: 0x2000,
  AUTOMEDIA: 0x4000,
  DYNAMIC: 0x8000,
} as const;

/**
 * The flags SIOCGIFFLAGS would return, from sysfs: `/sys/class/net/<if>/flags` (16 bits) with
 * IFF_RUNNING set when the device is up and its `operstate` is `up` or `unknown`.
 */
export function ioctlFlags(sysfsFlags: number, operstate: string | null): number {
  let f = sysfsFlags & 0xffff & ~IFF.RUNNING;
  if (f & IFF.UP && (operstate === 'up' || operstate === 'unknown')) f |= IFF.RUNNING;
  return f;
}

const LETTERS: [number, string][] = [
  [IFF.ALLMULTI, 'A'],
  [IFF.BROADCAST, 'B'],
  [IFF.DEBUG, 'D'],
  [IFF.LOOPBACK, 'L'],
  [IFF.MULTICAST, 'M'],
  [IFF.PROMISC, 'P'],
  [IFF.NOTRAILERS, 'N'],
  [IFF.NOARP, 'O'],
  [IFF.POINTOPOINT, 'P'],
  [IFF.SLAVE, 's'],
  [IFF.MASTER, 'm'],
  [IFF.RUNNING, 'R'],
  [IFF.UP, 'U'],
];

/** The `Flg` column: letters in net-tools 2.10 order (`P` for both PROMISC and POINTOPOINT). */
export function flagLetters(flags: number): string {
  if (flags === 0) return '[NO FLAGS]';
  let s = '';
  for (const [bit, l] of LETTERS) if (flags & bit) s += l;
  return s;
}

const NAMES: [number, string][] = [
  [IFF.UP, 'UP'],
  [IFF.BROADCAST, 'BROADCAST'],
  [IFF.DEBUG, 'DEBUG'],
  [IFF.LOOPBACK, 'LOOPBACK'],
  [IFF.POINTOPOINT, 'POINTOPOINT'],
  [IFF.NOTRAILERS, 'NOTRAILERS'],
  [IFF.RUNNING, 'RUNNING'],
  [IFF.NOARP, 'NOARP'],
  [IFF.PROMISC, 'PROMISC'],
  [IFF.ALLMULTI, 'ALLMULTI'],
  [IFF.SLAVE, 'SLAVE'],
  [IFF.MASTER, 'MASTER'],
  [IFF.MULTICAST, 'MULTICAST'],
];

/** The flag names of the `-e` layout, in its order. */
export function flagNames(flags: number): string[] {
  return NAMES.filter(([bit]) => flags & bit).map(([, n]) => n);
}

/** The decimal printed after `flags=`: the 16-bit value as a C `short` (signed). */
export function flagsDecimal(flags: number): number {
  return ((flags & 0xffff) << 16) >> 16;
}
