/**
 * `-L`: runs the netlink plugin's watcher and prints each event as it arrives, one line each
 * (the family's tab-separated record, or with `--json` one JSON object per line:
 * `{"type","time","object"}`). Ends when the signal aborts (Ctrl-C, SIGTERM) or the watcher
 * fails; a failing printer stops the watcher too (its sockets are closed by the generator's
 * return).
 */
import { EXIT_STATUS, type FamilyPlugin, type PluginContext, toJsonValue } from '@netstat-ts/core';
import type { RunPlan } from '@netstat-ts/core/args';
import type { Io } from './main.js';

/** Prints the events of `plugin.watch` until `io.signal` aborts; returns the exit status. */
export async function runEvents(
  plan: RunPlan,
  ctx: PluginContext,
  plugin: FamilyPlugin,
  io: Io,
): Promise<number> {
  const err = (s: string) => io.stderr.write(Buffer.from(s, 'latin1'));
  if (!ctx.host.isLive) {
    err(`netstat: -L watches the live kernel and cannot read a snapshot root (${ctx.host.roots.root}).\n`);
    return EXIT_STATUS.E_WATCH_ROOT;
  }
  if (!plugin.watch) {
    err('netstat: -L: the netlink plugin cannot watch.\n');
    return EXIT_STATUS.E_WATCH;
  }
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  if (io.signal?.aborted) return EXIT_STATUS.OK;
  io.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for await (const ev of plugin.watch(ctx, controller.signal)) {
      if (ev.info) {
        if (ev.text) err(`${ev.text}\n`);
        continue;
      }
      if (plan.json) {
        const line = { type: ev.type, time: new Date(ev.time).toISOString(), object: toJsonValue(ev.data) };
        io.stdout.write(Buffer.from(`${JSON.stringify(line)}\n`, 'utf8'));
      } else io.stdout.write(Buffer.from(`${ev.text ?? ev.type}\n`, 'latin1'));
    }
    return EXIT_STATUS.OK;
  } catch (e) {
    if (controller.signal.aborted) return EXIT_STATUS.OK;
    err(`netstat: -L: ${(e as Error)?.message ?? String(e)}\n`);
    return EXIT_STATUS.E_WATCH;
  } finally {
    io.signal?.removeEventListener('abort', onAbort);
    controller.abort();
  }
}
