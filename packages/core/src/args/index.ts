/**
 * @netstat-ts/core/args: the netstat command-line parser (spec §1): glibc getopt_long semantics,
 * net-tools 2.10's option table and texts, and the mode/options decision of spec §1.4. Used by
 * the CLI (apps/netstat) and by the packages' golden tests (through @netstat-ts/core/testing).
 * The bin bundles it into the CLI's own file, apart from the rest of core (apps/netstat, ADR
 * 0011), so that a command that ends at the parse loads none of the rest of core.
 */

// The first three: what a caller needs to act on a parse without the rest of core (the bin ends
// -V, -h and usage errors with nothing else): the exit statuses, the byte-exact argument codec
// and the errno texts of a failed write. The same functions as core's own.
export { decodeUtf8Escaped, encodeUtf8Escaped } from '../bytes.js';
export { strerror } from '../errno.js';
export { EXIT_STATUS } from '../errors.js';
export { type ArgsEnv, type ExitPlan, type Mode, parseArgs, type RunPlan } from './args.js';
export {
  type GetoptEvent,
  type GetoptResult,
  getopt,
  type LongOption,
  parseShortSpec,
  type ShortSpec,
} from './getopt.js';
export {
  type Completion,
  FAMILY_ALIASES,
  FAMILY_KEYWORDS,
  type FamilyKeyword,
  LONG_OPTIONS,
  type ModeOption,
  NETTOOLS_LONG_ORDER,
  OPTIONS,
  type OptionDef,
  type OptionExit,
  type ParseState,
} from './option-table.js';
export { USAGE, USAGE_FAMILIES, VERSION_TEXT } from './texts.js';
