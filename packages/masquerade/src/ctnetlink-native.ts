import type { CtnetlinkOpener, CtnetlinkTransport } from './conntrack-sources.js';
import { NETLINK_NETFILTER } from './ctnetlink.js';

/**
 * The ctnetlink channel over the native layer (`@netstat-ts/native`, imported only when `-M`
 * gets this far): a NETLINK_NETFILTER socket whose synchronous `requestEach()` hands each message
 * of the dump on as it is received; with `netns`, made inside that network namespace. Never throws: a native layer that cannot load, or a socket that cannot be opened,
 * gives `{ ok: false, reason }`.
 */
export const nativeCtnetlink: CtnetlinkOpener = async (where = {}) => {
  try {
    const { loadNative } = await import('@netstat-ts/native');
    const n = await loadNative({ disabled: false });
    if (!n.ok) return { ok: false, reason: `native layer not available: ${n.reason}` };
    // Another namespace's table: the socket is made inside it (a synchronous setns of the main
    // thread, switched back at once); a netlink socket stays bound to the namespace it was made
    // in, so the dump, later and on this thread, is that namespace's.
    const ns = where.netns;
    const s = ns
      ? n.withNetns(ns, () => n.netlinkSocket(NETLINK_NETFILTER))
      : n.netlinkSocket(NETLINK_NETFILTER);
    const t: CtnetlinkTransport = {
      request: (msg) => s.request(msg, { timeoutMs: 10_000 }),
      // Each entry decoded from the receive buffer as its datagram arrives: the dump is never held.
      requestEach: (msg, each) => s.requestEach(msg, each, { timeoutMs: 10_000 }).messages,
      close: () => s.close(),
    };
    return t;
  } catch (err) {
    return {
      ok: false,
      reason: `cannot open a NETLINK_NETFILTER socket: ${(err as Error)?.message ?? String(err)}`,
    };
  }
};
