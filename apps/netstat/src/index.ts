export { type ArgsEnv, type ExitPlan, type Mode, parseArgs, type RunPlan } from './args.js';
export { type GetoptEvent, getopt, type LongOption, parseShortSpec } from './getopt.js';
export { type Io, main } from './main.js';
export { loadedPackages } from './registry.js';
export { VERSION } from './version.js';
