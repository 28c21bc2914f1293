/**
 * The mutation-testing targets of `npm run test:mutation -- <target>`: the code whose logic decides
 * what users get. Each target is mutated on its own (one Stryker run each), so a run takes minutes.
 * `mutate`: the source files mutated (tests and fixtures never are). `tests`: the test files that
 * may kill a mutant, i.e. the tests beside that code. End-to-end tests in test/ drive the built CLI
 * (dist/), which Stryker does not mutate, and slow suites elsewhere would make a run take hours on
 * a small machine, so a mutant counts as killed only by the unit tests of its own area.
 */
export const MUTATION_TARGETS = {
  /** --select/--exclude → the set of nodes a command acts on: criteria, graph operators, set operators, indirect selection of tests. */
  selection: {
    mutate: ["packages/core/src/selection/*.ts", "!packages/core/src/selection/selectors-file.ts", "!packages/core/src/selection/selector-definition.ts"],
    tests: ["packages/core/src/selection/**/*.test.ts"],
  },
  /** the selector methods: tag:, path:, config.*, state:modified, test_type: … */
  "selection-methods": {
    mutate: ["packages/core/src/selection/methods/*.ts"],
    tests: ["packages/core/src/selection/**/*.test.ts"],
  },
  /** selectors.yml: definitions, default selector, `method: selector` references. */
  selectors: {
    mutate: ["packages/core/src/selection/selectors-file.ts", "packages/core/src/selection/selector-definition.ts"],
    tests: ["packages/core/src/selection/**/*.test.ts"],
  },
  /** dbt_project.yml folder configs + config() + properties → one node config. */
  config: {
    mutate: ["packages/core/src/config/merge-configs.ts", "packages/core/src/config/normalise-config.ts", "packages/core/src/config/folder-config.ts"],
    tests: ["packages/core/src/config/**/*.test.ts"],
  },
  /** pass / warn / fail of a data test from its failing rows and thresholds, and where failures are kept. */
  verdicts: {
    mutate: ["packages/runner/src/data-tests/**/*.ts"],
    tests: ["packages/runner/src/data-tests/**/*.test.ts"],
  },
  /** the SQL of append, delete+insert, merge, insert_overwrite, and the incremental materialization. */
  incremental: {
    mutate: ["packages/runner/src/materializations/incremental*.ts", "packages/runner/src/materializations/schema-change.ts"],
    tests: ["packages/runner/src/materializations/incremental*.test.ts", "packages/runner/src/materializations/schema-change.test.ts"],
  },
  /** the dependency graph: ancestors, descendants, cycles, build order. */
  graph: {
    mutate: ["packages/core/src/graph/**/*.ts"],
    tests: ["packages/core/src/graph/**/*.test.ts"],
  },
  /** compiled SQL: ref/source rendering, ephemeral CTE injection, test SQL. */
  compile: {
    mutate: ["packages/core/src/compile/**/*.ts"],
    tests: ["packages/core/src/compile/**/*.test.ts"],
  },
  /**
   * table, view, seed and the relation swap around them, Jinja materializations, the engines' own
   * (dynamic table, materialized view, copy). Besides the tests beside that code, the adapters'
   * statement tests count: they drive the runner's source through a real dialect (Snowflake and
   * BigQuery goldens on recording warehouses, PostgreSQL grants). postgres-dependent-views.test.ts
   * is left out: it rebuilds on two threads ten times over (a minute per mutant); the statements of
   * a swap with dependent views are pinned by replace-relation-postgres.test.ts.
   */
  materializations: {
    mutate: ["packages/runner/src/materializations/*.ts", "!packages/runner/src/materializations/incremental*.ts", "!packages/runner/src/materializations/schema-change.ts"],
    tests: [
      "packages/runner/src/materializations/*.test.ts",
      "packages/adapter-tests/src/snowflake-golden.test.ts",
      "packages/adapter-bigquery/src/materialization-sql.golden.test.ts",
      "packages/adapter-tests/src/postgres-grants.test.ts",
      "!**/incremental*.test.ts",
      // kills a child process mid-build (seconds per mutant): crash safety, not the statements a build sends
      "!**/kill-during-build.test.ts",
    ],
  },
  /** snapshot settings and the SQL that records changes (also through BigQuery's dialect: its golden files). */
  snapshots: {
    mutate: ["packages/runner/src/snapshots/**/*.ts", "packages/core/src/snapshots/**/*.ts"],
    tests: ["packages/runner/src/snapshots/**/*.test.ts", "packages/core/src/snapshots/**/*.test.ts", "packages/adapter-bigquery/src/materialization-sql.golden.test.ts"],
  },
  /** the Jinja runtime: Python value semantics, filters, tests, macros, operators. */
  jinja: {
    mutate: ["packages/jinja/src/runtime/**/*.ts"],
    tests: ["packages/jinja/src/**/*.test.ts"],
  },
};

/** Globs every target excludes from mutation. */
export const NEVER_MUTATED = ["!**/*.test.ts", "!**/__fixtures__/**", "!**/index.ts", "!**/*.d.ts"];
