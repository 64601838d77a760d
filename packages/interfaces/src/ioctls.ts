/**
 * The two interface ioctls that only the kernel's ioctl interface answers the way net-tools
 * uses them: SIOCGIFCONF (one entry per IPv4 address label) and SIOCGIFMAP (the device map of
 * `-ie`'s `device interrupt … base … memory … dma` line). `struct ifreq` is 40 bytes (name 16,
 * union 24); `struct ifmap` sits at offset 16: mem_start u64, mem_end u64, base_addr u16,
 * irq u8, dma u8, port u8; `struct ifconf` is { int len; pad; char *buf } (pointer at 8).
 */
import type { Native } from '@netstat-ts/native';
import type { DeviceMap } from './addresses.js';

/** SIOCGIFCONF request number. */
export const SIOCGIFCONF = 0x8912;
/** SIOCGIFMAP request number. */
export const SIOCGIFMAP = 0x8970;
const IFREQ = 40;

/** SIOCGIFMAP of one device (the alias part of `eth0:1` is ignored by the kernel); null on error. */
export function siocgifmap(n: Native, fd: number, device: string): DeviceMap | null {
  const ifr = Buffer.alloc(IFREQ);
  const name = Buffer.from(device, 'latin1');
  if (name.length > 15) return null;
  name.copy(ifr, 0);
  try {
    n.ioctl(fd, SIOCGIFMAP, ifr);
  } catch {
    return null;
  }
  return {
    memStart: Number(ifr.readBigUInt64LE(16)),
    memEnd: Number(ifr.readBigUInt64LE(24)),
    baseAddr: ifr.readUInt16LE(32),
    irq: ifr[34]!,
    dma: ifr[35]!,
    port: ifr[36]!,
  };
}

/** SIOCGIFCONF: every IPv4 address as (label, local address), in the kernel's order. */
export function siocgifconf(n: Native, fd: number): { label: string; local: string }[] {
  for (let size = 64 * IFREQ; size <= 1 << 24; size *= 4) {
    const mem = n.memory(size);
    try {
      const ifc = Buffer.alloc(16);
      ifc.writeInt32LE(size, 0);
      ifc.writeBigUInt64LE(mem.address, 8);
      n.ioctl(fd, SIOCGIFCONF, ifc);
      const len = ifc.readInt32LE(0);
      if (len + IFREQ > size) continue; // maybe truncated: ask again with more room
      const out: { label: string; local: string }[] = [];
      for (let o = 0; o + IFREQ <= len; o += IFREQ) {
        const raw = mem.view.subarray(o, o + 16);
        const nul = raw.indexOf(0);
        out.push({
          label: raw.toString('latin1', 0, nul < 0 ? 16 : nul),
          local: Array.from(mem.view.subarray(o + 20, o + 24)).join('.'),
        });
      }
      return out;
    } finally {
      mem.free();
    }
  }
  return [];
}
