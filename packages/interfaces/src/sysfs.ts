/**
 * What net-tools asks the kernel by ioctl (SIOCGIFFLAGS, SIOCGIFMTU, SIOCGIFHWADDR,
 * SIOCGIFTXQLEN), read instead from `/sys/class/net/<if>/` through the Host, so a snapshot root
 * works. Alias labels (`eth0:1`) use their device's files, as the kernel's ioctls do.
 */
import { byteStringToUnicode, type Host } from '@netstat-ts/core';
import { ioctlFlags } from './flags.js';

/** A device's link-level facts, in the form the ioctls give them. */
export interface LinkInfo {
  /** The device name (without alias label). */
  device: string;
  /** Flags as SIOCGIFFLAGS reports them (sysfs flags plus computed IFF_RUNNING). */
  flags: number;
  /** The raw sysfs `flags` value. */
  sysfsFlags: number;
  /** sysfs `operstate` (`up`, `down`, `unknown`, …), or null when absent. */
  operstate: string | null;
  /** MTU (0 when unreadable, as when SIOCGIFMTU fails). */
  mtu: number;
  /** ARPHRD_* type, or null when unreadable. */
  type: number | null;
  /** Hardware address bytes (empty when none). */
  hwaddr: Uint8Array;
  /** Transmit queue length, or null when unreadable. */
  txqueuelen: number | null;
}

/** Failure to find a device: errno code and the text net-tools prints for it. */
export interface LinkError {
  code: string;
  /** `Device not found` for ENODEV, else strerror. */
  message: string;
}

/** The result of {@link readLinkInfo}. */
export type LinkResult = { ok: true; link: LinkInfo } | ({ ok: false } & LinkError);

/** The device part of an interface or label name (`eth0:1` -> `eth0`). */
export function deviceOf(name: string): string {
  const c = name.indexOf(':');
  return c < 0 ? name : name.slice(0, c);
}

/** Parses a C-style integer (`0x1003`, `1500`); null if it is not one. */
export function parseInteger(text: string | null): number | null {
  if (text === null) return null;
  const t = text.trim();
  if (/^0x[0-9a-f]+$/i.test(t)) return Number.parseInt(t.slice(2), 16);
  if (/^-?\d+$/.test(t)) return Number.parseInt(t, 10);
  return null;
}

/** Parses sysfs `address` text (`02:fc:00:00:00:01`) to bytes. */
export function parseHwAddress(text: string | null): Uint8Array {
  if (text === null) return new Uint8Array(0);
  const t = text.trim();
  if (!/^[0-9a-f]{2}(:[0-9a-f]{2})*$/i.test(t)) return new Uint8Array(0);
  return Uint8Array.from(t.split(':').map((h) => Number.parseInt(h, 16)));
}

/** A name the kernel could never give a device (and that must not become a path). */
function impossibleName(device: string): boolean {
  return device === '' || device === '.' || device === '..' || device.includes('/') || device.includes('\0');
}

/** Reads a device's link facts from `/sys/class/net/<device>/`. */
export function readLinkInfo(host: Host, name: string): LinkResult {
  const device = deviceOf(name);
  const notFound: LinkResult = { ok: false, code: 'ENODEV', message: 'Device not found' };
  if (impossibleName(device)) return notFound;
  // Names are byte strings; file names are given to Node as Unicode (UTF-8 on disk).
  const dir = `/sys/class/net/${byteStringToUnicode(device)}`;
  const flagsFile = host.read(`${dir}/flags`);
  if (!flagsFile.ok) {
    if (flagsFile.code === 'ENOENT' || flagsFile.code === 'ENOTDIR') return notFound;
    return { ok: false, code: flagsFile.code, message: flagsFile.message };
  }
  const sysfsFlags = parseInteger(flagsFile.data.toString('latin1')) ?? 0;
  const operstate = host.readText(`${dir}/operstate`)?.trim() ?? null;
  return {
    ok: true,
    link: {
      device,
      flags: ioctlFlags(sysfsFlags, operstate),
      sysfsFlags,
      operstate,
      mtu: parseInteger(host.readText(`${dir}/mtu`)) ?? 0,
      type: parseInteger(host.readText(`${dir}/type`)),
      hwaddr: parseHwAddress(host.readText(`${dir}/address`)),
      txqueuelen: parseInteger(host.readText(`${dir}/tx_queue_len`)),
    },
  };
}
