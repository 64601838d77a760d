/**
 * @netstat-ts/core/args: the netstat command-line parser (spec §1): glibc getopt_long semantics,
 * net-tools 2.10's option table and texts, and the mode/options decision of spec §1.4. Used by
 * the CLI (apps/netstat) and by the packages' golden tests (through @netstat-ts/core/testing).
 */
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
