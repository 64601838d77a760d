/**
 * The native kernel source on the live system: the rtnetlink address list is the list
 * SIOCGIFCONF gives net-tools (same labels, same order, same addresses), and SIOCGIFMAP answers
 * for every device (veths and lo have an all-zero map, so `-ie` prints no device line for them).
 */
import { loadNative, type Native } from '@netstat-ts/native';
import { describe, expect, it } from 'vitest';
import { nativeAddressSource, siocgifconf, siocgifmap } from '../src/index.js';

describe('native interface source', () => {
  it('rtnetlink RTM_GETADDR lists the same (label, address) pairs as SIOCGIFCONF, in order', async () => {
    const n = (await loadNative()) as Native;
    expect(n.ok).toBe(true);
    const fd = n.inetSocket();
    try {
      const ifconf = siocgifconf(n, fd);
      const r = await nativeAddressSource(async () => n).ipv4();
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.addresses.map((a) => ({ label: a.label, local: a.local }))).toEqual(ifconf);
      expect(ifconf.some((e) => e.label === 'lo')).toBe(true);
      expect(siocgifmap(n, fd, 'lo')).toEqual({
        memStart: 0,
        memEnd: 0,
        baseAddr: 0,
        irq: 0,
        dma: 0,
        port: 0,
      });
      expect(siocgifmap(n, fd, 'nl-none0')).toBeNull();
    } finally {
      n.closeFd(fd);
    }
  });

  it('says why when the native layer is off', async () => {
    const src = nativeAddressSource(() => loadNative({ disabled: true }));
    expect(await src.ipv4()).toEqual({
      ok: false,
      source: 'rtnetlink (native layer)',
      reason: 'disabled by NETSTAT_NO_NATIVE=1',
    });
    expect(await src.linkFlags?.()).toBeNull();
    expect(await src.deviceMaps?.(['lo'])).toBeNull();
  });
});
