// @ts-check
/**
 * StrykerJS configuration for `npm run test:mutation` (scripts/test-mutation.mjs sets
 * TSDBT_MUTATION_TARGET). Not part of `npm test` or CI: it takes minutes per target.
 * Sized for a small shared machine: one test process, jest limited to the tests related to the
 * mutated files, per-test coverage, and an incremental file per target so a second run only
 * tests the mutants whose code or tests changed.
 */
import { MUTATION_TARGETS, NEVER_MUTATED } from "./scripts/mutation-targets.mjs";

const target = process.env.TSDBT_MUTATION_TARGET ?? "selection";
const chosen = MUTATION_TARGETS[/** @type {keyof typeof MUTATION_TARGETS} */ (target)];
if (!chosen) throw new Error(`Unknown mutation target '${target}'. Known: ${Object.keys(MUTATION_TARGETS).join(", ")}`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: "npm",
  testRunner: "jest",
  jest: {
    projectType: "custom",
    configFile: "jest.config.js",
    enableFindRelatedTests: true,
    // jest replaces <rootDir> only at the start of a pattern: a negation ("!**/…") is passed as it is
    config: { testMatch: chosen.tests.map((glob) => (glob.startsWith("!") ? glob : `<rootDir>/${glob}`)) },
  },
  checkers: ["typescript"],
  tsconfigFile: "tsconfig.json",
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: "perTest",
  mutate: [...chosen.mutate, ...NEVER_MUTATED],
  concurrency: Number(process.env.TSDBT_MUTATION_CONCURRENCY ?? 1),
  incremental: true,
  incrementalFile: `reports/mutation/${target}.incremental.json`,
  reporters: ["clear-text", "progress", "json"],
  jsonReporter: { fileName: `reports/mutation/${target}.json` },
  clearTextReporter: { reportMutants: true, reportTests: false, reportScoreTable: true },
  tempDirName: ".stryker-tmp",
  // anchored at the root: packages/docs and packages/adapter-duckdb/bench must stay in the sandbox
  ignorePatterns: ["/bench", "/dist-pack", "/docs", "/reports", "/coverage", "/.tsdbt-bench", "/target", "/logs"],
  timeoutMS: 20000,
  timeoutFactor: 2,
  thresholds: { high: 85, low: 70, break: null },
};
