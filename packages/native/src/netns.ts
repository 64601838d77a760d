/**
 * Network namespaces: `setns(2)` on the calling (main) thread, and `withNetns`, which enters a
 * namespace, runs a synchronous function and always returns through a saved
 * `/proc/thread-self/ns/net` fd. Sockets created inside see that namespace; sockets created
 * before keep theirs; thread-pool work (async calls, fs callbacks) stays in the original one.
 */
import { closeSync, constants as fsc, openSync } from 'node:fs';
import { NativeError } from './errors.js';
import type { Libc } from './libc.js';

/** `CLONE_NEWNET`, the nstype of a network namespace. */
export const CLONE_NEWNET = 0x40000000;

/** Opens a namespace file (`/run/netns/NAME`, `/proc/PID/ns/net`) read-only; returns its fd. */
export function openNetns(path: string): number {
  try {
    return openSync(path, fsc.O_RDONLY); // libuv opens with O_CLOEXEC;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new NativeError('open', typeof e.errno === 'number' ? -e.errno : 2, path);
  }
}

/** `setns(fd, nstype)` on the calling thread; throws {@link NativeError}. */
export function setns(libc: Libc, fd: number, nstype: number): void {
  if (libc.setns(fd, nstype) < 0) throw new NativeError('setns', libc.errno());
}

/**
 * Runs `fn` with the calling thread in the network namespace `target` (a path or an open fd),
 * then switches back, also when `fn` throws. `fn` must be synchronous: a Promise it returns is
 * passed through, but its continuation runs back in the original namespace.
 */
export function withNetns<T>(libc: Libc, target: string | number, fn: () => T): T {
  const saved = openNetns('/proc/thread-self/ns/net');
  let fd = -1;
  try {
    fd = typeof target === 'number' ? target : openNetns(target);
    setns(libc, fd, CLONE_NEWNET);
    try {
      return fn();
    } finally {
      // Going back must not fail silently: a thread left in another namespace is a real bug.
      setns(libc, saved, CLONE_NEWNET);
    }
  } finally {
    if (typeof target !== 'number' && fd >= 0) closeSync(fd);
    closeSync(saved);
  }
}
