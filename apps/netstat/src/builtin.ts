import { createRequire } from 'node:module';

/**
 * A Node built-in module (`node:os`, `node:worker_threads`, …), loaded at the first call that
 * needs it rather than at start: what a command loads beyond `node -e 0` costs every start
 * (node:child_process alone brings node:net, node:dgram and the streams with it). Through a
 * require made for `/`: any absolute path serves for built-ins, and `process.execPath` is not
 * one when /proc/self/exe cannot be read (Node then falls back to argv[0], here `node`).
 */
export function builtin<T>(name: string): T {
  return createRequire('/')(name) as T;
}
