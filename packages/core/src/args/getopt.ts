/**
 * A command-line scanner with glibc getopt_long semantics (the parser net-tools 2.10 uses):
 * clustered short options, GNU permutation (non-options are collected, `--` ends options),
 * long options exact or as unique prefixes with glibc's ambiguity rule, `--opt=value`, and
 * glibc's diagnostic texts. Written from the documented behaviour (spec §1.1).
 */

/** One long option of the table; `group` plays the role of glibc's (flag, val) identity. */
export interface LongOption {
  name: string;
  hasArg: boolean;
  /** Options with equal `group` do not make a prefix ambiguous (glibc compares has_arg, flag, val). */
  group: string;
  /** Only an exact name matches (netstat-ts extensions, so 2.10's prefix rules stay intact). */
  exactOnly?: boolean;
  /** The argument is optional and only given as `--name=value`. */
  optionalArg?: boolean;
}

/** What the scanner found, in command-line order. */
export type GetoptEvent =
  | { kind: 'short'; char: string; arg?: string }
  | { kind: 'long'; option: LongOption; index: number; arg?: string }
  | { kind: 'error'; message: string };

/** The result of scanning: events in order and the non-option arguments. */
export interface GetoptResult {
  events: GetoptEvent[];
  operands: string[];
}

/** Short option spec: char -> 'none' | 'required' | 'optional'. */
export type ShortSpec = Map<string, 'none' | 'required' | 'optional'>;

/** Parses a getopt option string (`A:CFM…`) into a ShortSpec. */
export function parseShortSpec(optstring: string): ShortSpec {
  const spec: ShortSpec = new Map();
  for (let i = 0; i < optstring.length; i++) {
    const c = optstring[i]!;
    if (optstring[i + 1] === ':') {
      if (optstring[i + 2] === ':') {
        spec.set(c, 'optional');
        i += 2;
      } else {
        spec.set(c, 'required');
        i += 1;
      }
    } else spec.set(c, 'none');
  }
  return spec;
}

/**
 * Scans argv (without the program name). Stops at the first error, as netstat exits on it.
 * `posixlyCorrect` stops option processing at the first non-option.
 */
export function getopt(
  argv: readonly string[],
  shortSpec: ShortSpec,
  longs: readonly LongOption[],
  prog: string,
  posixlyCorrect = false,
): GetoptResult {
  const events: GetoptEvent[] = [];
  const operands: string[] = [];
  let i = 0;
  while (i < argv.length) {
    const a = argv[i]!;
    if (a === '--') {
      operands.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      i = longOption(argv, i, longs, prog, events);
      if (events.at(-1)?.kind === 'error') break;
      continue;
    }
    if (a.length > 1 && a.startsWith('-')) {
      i = shortCluster(argv, i, shortSpec, prog, events);
      if (events.at(-1)?.kind === 'error') break;
      continue;
    }
    if (posixlyCorrect) {
      operands.push(...argv.slice(i));
      break;
    }
    operands.push(a);
    i++;
  }
  return { events, operands };
}

function shortCluster(
  argv: readonly string[],
  i: number,
  spec: ShortSpec,
  prog: string,
  events: GetoptEvent[],
): number {
  const a = argv[i]!;
  for (let j = 1; j < a.length; j++) {
    const c = a[j]!;
    const kind = spec.get(c);
    if (kind === undefined || c === ':') {
      events.push({ kind: 'error', message: `${prog}: invalid option -- '${c}'` });
      return i + 1;
    }
    if (kind === 'none') {
      events.push({ kind: 'short', char: c });
      continue;
    }
    const rest = a.slice(j + 1);
    if (kind === 'optional') {
      events.push(rest ? { kind: 'short', char: c, arg: rest } : { kind: 'short', char: c });
      return i + 1;
    }
    if (rest) {
      events.push({ kind: 'short', char: c, arg: rest });
      return i + 1;
    }
    if (i + 1 < argv.length) {
      events.push({ kind: 'short', char: c, arg: argv[i + 1]! });
      return i + 2;
    }
    events.push({ kind: 'error', message: `${prog}: option requires an argument -- '${c}'` });
    return i + 1;
  }
  return i + 1;
}

function longOption(
  argv: readonly string[],
  i: number,
  longs: readonly LongOption[],
  prog: string,
  events: GetoptEvent[],
): number {
  const body = argv[i]!.slice(2);
  const eq = body.indexOf('=');
  const name = eq >= 0 ? body.slice(0, eq) : body;
  const inlineArg = eq >= 0 ? body.slice(eq + 1) : undefined;
  let index = longs.findIndex((o) => o.name === name);
  if (index < 0) {
    const matches: number[] = [];
    longs.forEach((o, k) => {
      if (!o.exactOnly && o.name.startsWith(name)) matches.push(k);
    });
    if (matches.length === 0) {
      events.push({ kind: 'error', message: `${prog}: unrecognized option '--${body}'` });
      return i + 1;
    }
    const first = longs[matches[0]!]!;
    const differing = matches.slice(1).filter((k) => {
      const o = longs[k]!;
      return o.hasArg !== first.hasArg || o.group !== first.group;
    });
    if (differing.length > 0) {
      const list = [matches[0]!, ...differing].map((k) => ` '--${longs[k]!.name}'`).join('');
      events.push({
        kind: 'error',
        message: `${prog}: option '--${body}' is ambiguous; possibilities:${list}`,
      });
      return i + 1;
    }
    index = matches[0]!;
  }
  const option = longs[index]!;
  if (inlineArg !== undefined) {
    if (!option.hasArg && !option.optionalArg) {
      events.push({ kind: 'error', message: `${prog}: option '--${option.name}' doesn't allow an argument` });
      return i + 1;
    }
    events.push({ kind: 'long', option, index, arg: inlineArg });
    return i + 1;
  }
  if (option.hasArg) {
    if (i + 1 < argv.length) {
      events.push({ kind: 'long', option, index, arg: argv[i + 1]! });
      return i + 2;
    }
    events.push({ kind: 'error', message: `${prog}: option '--${option.name}' requires an argument` });
    return i + 1;
  }
  events.push({ kind: 'long', option, index });
  return i + 1;
}
