// What every bench script shares: the repository root and its command-line options.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root directory. */
export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const argv = process.argv.slice(2);

/** The value after option `name`, or `fallback` when it is not given. */
export function flag(name, fallback) {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : fallback;
}

/** The values after every occurrence of option `name` (`--case A --case B`). */
export function all(name) {
  return argv.flatMap((a, i) => (a === name ? [argv[i + 1]] : []));
}

/** True when the bare option `name` is given. */
export function has(name) {
  return argv.includes(name);
}

/** The median (the mean of the two middle values for an even count). */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
