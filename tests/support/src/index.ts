/**
 * @netstat-ts/test-support (private, never published): this repository's golden-fixture helpers
 * for the packages' tests, plus the public plugin kit of @netstat-ts/core/testing re-exported.
 * - Golden cases: the outputs of net-tools 2.10 captured under fixtures/ ({@link goldenCases}),
 *   the options the real parser gives a case's arguments ({@link optionsFor}, {@link runPlanFor}),
 *   {@link writeSections}, and the shared suite of the legacy families ({@link familyGoldenSuite}).
 * - Row types: {@link RowKeys} and {@link rowKeyProblems} check JSON rows against a row type.
 */
export * from '@netstat-ts/core/testing';
export { countingBuffer } from './counting-buffer.js';
export {
  extractBlock,
  type FamilyGoldenSpec,
  familyGoldenSuite,
  type Run,
  runCase,
} from './family-golden.js';
export {
  FIXTURES,
  fixtureCases,
  type GoldenCase,
  goldenCases,
  goldenFixtures,
  type Written,
  writeSections,
} from './golden.js';
export { caseArgv, optionsFor, planFor, runPlanFor } from './options.js';
export { expectRowKeys, keysSeen, type RowKeys, type RowKeysTable, rowKeyProblems } from './row-keys.js';
