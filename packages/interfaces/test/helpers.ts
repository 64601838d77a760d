import {
  ChunkedOutput,
  CollectingSink,
  createContext,
  type NetstatOptions,
  type Section,
} from '@netstat-ts/core';
import { makeRoot } from '@netstat-ts/core/testing';
import { type AddressSource, ipv4Address, staticAddressSource } from '../src/addresses.js';
import type { InterfaceRow } from '../src/interface-list.js';
import { createInterfacesPlugin } from '../src/plugin.js';

/** Header lines of a v3 /proc/net/dev. */
export const HEAD = `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
`;
/** One /proc/net/dev line. */
export const devLine = (name: string, n: number[]): string => `${name.padStart(6)}: ${n.join(' ')}\n`;
/** Sixteen zero counters. */
export const z = new Array(16).fill(0);

/** sysfs facts of one device. */
export interface Dev {
  flags: number;
  operstate?: string;
  mtu: number;
  type: number;
  address?: string;
  txq?: number;
}

/** The /sys/class/net files of some devices. */
export function sys(devs: Record<string, Dev>): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [n, d] of Object.entries(devs)) {
    const p = `/sys/class/net/${n}`;
    files[`${p}/flags`] = `0x${d.flags.toString(16)}\n`;
    files[`${p}/operstate`] = `${d.operstate ?? 'down'}\n`;
    files[`${p}/mtu`] = `${d.mtu}\n`;
    files[`${p}/type`] = `${d.type}\n`;
    files[`${p}/address`] = `${d.address ?? ''}\n`;
    files[`${p}/tx_queue_len`] = `${d.txq ?? 1000}\n`;
  }
  return files;
}

/** Runs the plugin on a root and collects stdout, stderr and status. */
export async function run(
  root: string,
  options: Partial<NetstatOptions>,
  source: AddressSource = staticAddressSource([]),
  pass = 0,
): Promise<{ stdout: string; stderr: string; status: number; sections: Section<InterfaceRow>[] }> {
  const ctx = { ...createContext({ root, options }), pass };
  const sections = await createInterfacesPlugin({ addressSource: () => source }).interfaces(ctx);
  const o = new CollectingSink();
  const e = new CollectingSink();
  const out = new ChunkedOutput(o, e);
  for (const s of sections) s.write(out);
  out.flush();
  return { stdout: o.text(), stderr: e.text(), status: Math.max(...sections.map((s) => s.status)), sections };
}

// The verified short example of spec §6.3.
/** The root of the verified short example (spec §6.3). */
export const shortRoot = makeRoot({
  '/proc/net/dev':
    HEAD +
    devLine('veth0', [90, 1, ...z.slice(2, 9), 1, ...z.slice(10)]) +
    devLine('lo', z) +
    devLine('tun0', z) +
    devLine('br0', z),
  ...sys({
    lo: { flags: 0x9, operstate: 'unknown', mtu: 65536, type: 772, address: '00:00:00:00:00:00' },
    br0: { flags: 0x1002, mtu: 1500, type: 1, address: '02:00:00:00:00:09' },
    tun0: { flags: 0x1091, mtu: 1500, type: 65534, txq: 500 },
    veth0: { flags: 0x1303, operstate: 'up', mtu: 9000, type: 1, address: '02:00:00:00:00:0a' },
  }),
});
/** lo and its alias lo:1. */
export const loAlias = staticAddressSource([
  ipv4Address({ label: 'lo', local: '127.0.0.1', prefixlen: 8 }),
  ipv4Address({ label: 'lo:1', local: '10.1.1.1', prefixlen: 8 }),
]);
/** The verified `-ia` output of spec §6.3. */
export const SHORT_A = `Kernel Interface table
Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg
br0              1500        0      0      0 0             0      0      0      0 BM
lo              65536        0      0      0 0             0      0      0      0 LRU
lo:1            65536      - no statistics available -                        LRU
tun0             1500        0      0      0 0             0      0      0      0 MOPU
veth0            9000        1      0      0 0             1      0      0      0 ABMPRU
`;
