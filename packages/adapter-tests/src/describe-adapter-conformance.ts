import { describeAdapterBasics } from "./conformance/adapter-basics";
import { useConformanceContext, type ConformanceOptions, type MakeAdapter } from "./conformance/context";
import { describeDataTests } from "./conformance/data-tests";
import { describeDependentViews } from "./conformance/dependent-views";
import { describeIncremental } from "./conformance/incremental";
import { describeLongNames } from "./conformance/long-names";
import { describeMaterializations } from "./conformance/materializations";
import { describeQuoting } from "./conformance/quoting";
import { describeScale } from "./conformance/scale";
import { describeSeeds } from "./conformance/seeds";
import { withSkippedCases } from "./conformance/skip-cases";

/**
 * The conformance suite every adapter runs: declares a jest `describe` block named after the
 * adapter with the adapter basics, every materialization and incremental strategy (table
 * contents asserted through the runner), on_schema_change modes, quoting edge cases, odd CSV
 * seeds, data test verdicts, 200 models on 8 threads, failure atomicity, and views over rebuilt
 * relations surviving failures, interrupts and concurrent rebuilds. Each test gets a
 * fresh adapter from `makeAdapter` with its own schema, dropped afterwards. `options.skip`
 * lists cases the engine cannot run (a piece of the title → the reason shown in the report).
 *
 * @example
 * describeAdapterConformance("duckdb", ({ schema, dir, threads }) =>
 *   createAdapter({ type: "duckdb", schema, threads, path: join(dir, "db.duckdb") }, { projectDir: dir, targetPath: dir }));
 */
export function describeAdapterConformance(name: string, makeAdapter: MakeAdapter, options: ConformanceOptions = {}): void {
  describe(`${name} adapter conformance`, () => {
    const context = useConformanceContext(makeAdapter, options);
    withSkippedCases(options.skip, () => {
      describeAdapterBasics(context);
      describeMaterializations(context);
      describeDependentViews(context);
      describeIncremental(context);
      describeQuoting(context);
      describeLongNames(context);
      describeSeeds(context);
      describeDataTests(context);
      describeScale(context);
    });
  });
}
