export {
  type ArgsEnv,
  type ExitPlan,
  type GetoptEvent,
  getopt,
  type LongOption,
  type Mode,
  parseArgs,
  parseShortSpec,
  type RunPlan,
} from '@netstat-ts/core/args';
export { type Io, main } from './main.js';
export { loadedPackages } from './registry.js';
export { VERSION } from './version.js';
