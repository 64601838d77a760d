/**
 * `-L`: the event stream of the plugin. Chooses the source (rtnetlink through the native layer,
 * else polling `/proc/net` and `/sys/class/net`), and turns what it yields into NetEvents with
 * their text records.
 */
import type { NetEvent, PluginContext } from '@netstat-ts/core';
import { loadNative } from '@netstat-ts/native';
import { changeText, type FormatOptions } from './format.js';
import { watchProc } from './proc-source.js';
import { type RtnlWatchOptions, type WatchItem, watchRtnl } from './rtnl-source.js';

/** Settings of the watcher (tests and embedders). */
export interface WatchSettings extends RtnlWatchOptions {
  /** Polling interval of the fallback (default 1000 ms). */
  intervalMs?: number;
  /** How the fallback waits (default: a timer the signal interrupts). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Clock (default Date.now). */
  now?: () => number;
}

function timerSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** The NetEvent of one watch item. */
export function itemEvent(item: WatchItem, time: number, fo: FormatOptions): NetEvent {
  switch (item.kind) {
    case 'overrun':
      return { type: 'OVERRUN', time, data: { message: item.message }, text: `OVERRUN\t${item.message}` };
    case 'resync':
      return {
        type: 'RESYNC',
        time,
        data: { changes: item.changes },
        text: `RESYNC\t${item.changes} changes since the last known state`,
      };
    default: {
      const c = item.change;
      const data: Record<string, unknown> = { ...c.object };
      if (item.resync) data.resync = true;
      return { type: c.type, time, data, text: changeText(c, fo) };
    }
  }
}

/** Yields `-L`'s events until `signal` aborts (the first, with `-v`, says which source is used). */
export async function* watchEvents(
  ctx: PluginContext,
  signal: AbortSignal,
  s: WatchSettings = {},
): AsyncGenerator<NetEvent> {
  const now = s.now ?? Date.now;
  const fo: FormatOptions = { numeric: ctx.options.numericHosts, resolver: ctx.resolver };
  const native = await loadNative({ disabled: ctx.nativeDisabled });
  const interval = s.intervalMs ?? 1000;
  const note = (text: string): NetEvent => ({
    type: 'SOURCE',
    time: now(),
    data: { text },
    text,
    info: true,
  });
  let items: AsyncGenerator<WatchItem>;
  const ns = ctx.host.roots.netns;
  if (native.ok) {
    if (ns) {
      if (ctx.options.verbose > 0) yield note(`netstat: -L: rtnetlink events inside ${ns.file} (setns)`);
      items = watchRtnl(native, signal, { ...s, enter: (fn) => native.withNetns(ns.file, fn) });
    } else {
      if (ctx.options.verbose > 0) yield note('netstat: -L: rtnetlink events (native layer)');
      items = watchRtnl(native, signal, s);
    }
  } else {
    if (ctx.options.verbose > 0)
      yield note(
        ns
          ? `netstat: -L: polling ${ctx.host.roots.net ?? '/proc/net'} of network namespace ${ns.file} every ${interval} ms (${native.reason}); its links from /proc/net (not /sys/class/net, which shows another namespace): no link flags, MTU, operstate or address, a link is seen once it has an address or multicast group; IPv4 labels, route protocols and changes undone within one interval are not seen`
          : `netstat: -L: polling /proc/net and /sys/class/net every ${interval} ms (${native.reason}); IPv4 labels, route protocols and changes undone within one interval are not seen`,
      );
    items = watchProc(ctx.host, signal, s.sleep ?? timerSleep, interval, { sysfs: !ns });
  }
  try {
    for await (const item of items) yield itemEvent(item, now(), fo);
  } finally {
    await items.return(undefined);
  }
}
