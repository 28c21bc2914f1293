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

/**
 * The conformance suite every adapter runs: declares a jest `describe` block named after the
 * adapter with the adapter basics, every materialization and incremental strategy (table
 * contents asserted through the runner), on_schema_change modes, quoting edge cases, odd CSV
 * seeds, data test verdicts, 200 models on 8 threads, failure atomicity, and views over rebuilt
 * relations surviving failures, interrupts and concurrent rebuilds. Each test gets a
 * fresh adapter from `makeAdapter` with its own schema, dropped afterwards.
 *
 * @example
 * describeAdapterConformance("duckdb", ({ schema, dir, threads }) =>
 *   createAdapter({ type: "duckdb", schema, threads, path: join(dir, "db.duckdb") }, { projectDir: dir, targetPath: dir }));
 */
export function describeAdapterConformance(name: string, makeAdapter: MakeAdapter, options: ConformanceOptions = {}): void {
  describe(`${name} adapter conformance`, () => {
    const context = useConformanceContext(makeAdapter, options);
    if (options.skip && Object.keys(options.skip).length > 0) {
      withSkippedCases(options.skip, () => describeGroups(context));
      return;
    }
    describeGroups(context);
  });
}

function describeGroups(context: ReturnType<typeof useConformanceContext>): void {
  describeAdapterBasics(context);
  describeMaterializations(context);
  describeDependentViews(context);
  describeIncremental(context);
  describeQuoting(context);
  describeLongNames(context);
  describeSeeds(context);
  describeDataTests(context);
  describeScale(context);
}

/**
 * Declares the groups with jest's `it` standing in for one that declares a case as skipped when
 * its title (the template, for `it.each`) contains a key of `skip`, naming the reason.
 */
function withSkippedCases(skip: Readonly<Record<string, string>>, declare: () => void): void {
  const realIt = global.it;
  const reasonFor = (title: unknown) => Object.entries(skip).find(([piece]) => String(title).includes(piece))?.[1];
  const skipping = ((title: string, fn?: jest.ProvidesCallback, timeout?: number) => {
    const reason = reasonFor(title);
    return reason ? realIt.skip(`${title} (skipped: ${reason})`, fn) : realIt(title, fn, timeout);
  }) as jest.It;
  Object.assign(skipping, realIt);
  skipping.each = ((table: readonly unknown[]) => (title: string, fn: (...args: unknown[]) => unknown, timeout?: number) => {
    const reason = reasonFor(title);
    return reason ? realIt.skip.each(table as unknown[][])(`${title} (skipped: ${reason})`, fn as never) : realIt.each(table as unknown[][])(title, fn as never, timeout);
  }) as unknown as jest.Each;
  global.it = skipping;
  try {
    declare();
  } finally {
    global.it = realIt;
  }
}
