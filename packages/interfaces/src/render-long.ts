/** The `-ie` layout of `netstat -i`, as ifconfig prints it (spec §6.4). */
import type { DeviceMap } from './addresses.js';
import { flagsDecimal, IFF } from './flags.js';
import { formatHwAddress, hwType, UNSPEC } from './hwtypes.js';
import { inet6Line } from './if-inet6.js';
import type { InterfaceRow } from './interface-list.js';
import type { Counter } from './proc-net-dev.js';

const UNITS: [bigint, string][] = [
  [1n << 50n, 'PiB'],
  [1n << 40n, 'TiB'],
  [1n << 30n, 'GiB'],
  [1n << 20n, 'MiB'],
  [1024n, 'KiB'],
];

/** net-tools' human byte size, truncated to one decimal: `117.7 MiB`, `1024.0 B`. */
export function humanSize(bytes: Counter): string {
  const b = BigInt(bytes);
  let t: bigint;
  let unit = 'B';
  if (b > 1n << 60n) {
    t = b / 115292150460684697n;
    unit = 'EiB';
  } else {
    t = b * 10n;
    for (const [limit, u] of UNITS) {
      if (b > limit) {
        t /= limit;
        unit = u;
        break;
      }
    }
  }
  return `${t / 10n}.${t % 10n} ${unit}`;
}

function hwLine(r: InterfaceRow): string {
  const t = r.arphrd === null ? UNSPEC : hwType(r.arphrd);
  const bytes = Uint8Array.from(
    r.hwaddr === '' ? [] : r.hwaddr.split(':').map((h) => Number.parseInt(h, 16)),
  );
  const addr = formatHwAddress(t, bytes);
  let s = `        ${t.name}`;
  if (addr !== null) s += ` ${addr}`;
  if (r.txqueuelen !== null) s += `  txqueuelen ${r.txqueuelen}`;
  return `${s}  (${t.title})\n`;
}

/** The SIOCGIFMAP line (spec §6.4 item 8), or '' when the map has nothing to show. */
export function deviceLine(m: DeviceMap): string {
  if (!(m.irq || m.memStart || m.dma || m.baseAddr >= 0x100)) return '';
  let s = '        device ';
  if (m.irq) s += `interrupt ${m.irq}  `;
  if (m.baseAddr >= 0x100) s += `base 0x${m.baseAddr.toString(16)}  `;
  if (m.memStart) s += `memory 0x${m.memStart.toString(16)}-${m.memEnd.toString(16)}  `;
  if (m.dma) s += `  dma 0x${m.dma.toString(16)}`;
  return `${s}\n`;
}

/** The block of one interface in the `-e` layout, ending with its empty line. */
export function longBlock(r: InterfaceRow): string {
  let s = `${r.name}: flags=${flagsDecimal(r.flagBits)}<${r.flagNames.join(',')}>  mtu ${r.mtu}\n`;
  const a = r.ipv4[0];
  if (a) {
    s += `        inet ${a.local}  netmask ${a.netmask}`;
    if (r.flagBits & IFF.BROADCAST) s += `  broadcast ${a.broadcast ?? '0.0.0.0'}`;
    if (r.flagBits & IFF.POINTOPOINT) s += `  destination ${a.address}`;
    s += '\n';
  }
  for (const v6 of r.ipv6) s += inet6Line(v6);
  s += hwLine(r);
  if (r.rx && r.tx) {
    const cslip = r.arphrd === 257;
    s += `        RX packets ${r.rx.ok}  bytes ${r.rx.bytes} (${humanSize(r.rx.bytes)})\n`;
    if (cslip) s += `        RX compressed:${r.rx.compressed}\n`;
    s += `        RX errors ${r.rx.err}  dropped ${r.rx.drp}  overruns ${r.rx.ovr}  frame ${r.rx.frame}\n`;
    s += `        TX packets ${r.tx.ok}  bytes ${r.tx.bytes} (${humanSize(r.tx.bytes)})\n`;
    if (cslip) s += `        TX compressed ${r.tx.compressed}\n`;
    s += `        TX errors ${r.tx.err}  dropped ${r.tx.drp} overruns ${r.tx.ovr}  carrier ${r.tx.carrier}  collisions ${r.tx.colls}\n`;
  }
  if (r.map) s += deviceLine(r.map);
  return `${s}\n`;
}
