import type { SqlDialect } from "@tsdbt/adapter-api";
import type { ManifestNode } from "@tsdbt/core";
import { RunnerError, RunnerErrorCode } from "../runner-error";

/** How a data test turns its failing rows into a status. */
export interface TestThresholds {
  severity: "error" | "warn";
  /** SQL condition on the fail count, e.g. `!= 0`, `> 10`. */
  warnIf: string;
  errorIf: string;
  /** SQL aggregate over the failing rows (default `count(*)`). */
  failCalc: string;
  /** Look at no more than this many failing rows. */
  limit: number | null;
}

/**
 * The status of a data test that ran; `response`: the run_results `adapter_response` of its
 * verdict query when the engine gives a status line (PostgreSQL's `SELECT 1`).
 */
export type TestVerdict = { status: "pass" | "warn" | "fail"; failures: number; message: string | null; response?: Record<string, unknown> };

/** Reads severity, warn_if, error_if, fail_calc and limit from a test's config. */
export function thresholdsOf(node: ManifestNode): TestThresholds {
  const severity = String(node.config.severity ?? "error").toLowerCase();
  if (severity !== "error" && severity !== "warn") {
    throw new RunnerError(RunnerErrorCode.invalidTestConfig, `Test ${node.name} has severity '${String(node.config.severity)}'; severity must be 'error' or 'warn'.`, {
      file: node.original_file_path,
      hint: "Set `severity: warn` to report failures without failing the run, or leave it unset.",
    });
  }
  const limit = node.config.limit;
  return {
    severity,
    warnIf: String(node.config.warn_if ?? "!= 0"),
    errorIf: String(node.config.error_if ?? "!= 0"),
    failCalc: String(node.config.fail_calc ?? "count(*)"),
    limit: typeof limit === "number" && Number.isFinite(limit) ? limit : null,
  };
}

/** Wraps a test's compiled SQL (which selects failing rows) into one row: the fail count and both thresholds. */
export function testVerdictQuery(sql: string, thresholds: TestThresholds, dialect: SqlDialect): string {
  const failing = sql.trim().replace(/;+\s*$/, "");
  const rows = thresholds.limit === null ? failing : dialect.limit(failing, thresholds.limit);
  const calc = thresholds.failCalc;
  return [
    "select",
    `  ${calc} as failures,`,
    `  case when ${calc} ${thresholds.warnIf} then 1 else 0 end as should_warn,`,
    `  case when ${calc} ${thresholds.errorIf} then 1 else 0 end as should_error`,
    "from (",
    rows,
    ") as tsdbt_test_rows",
  ].join("\n");
}

// Number(true) is 1: booleans, 1, 1n and "1" count; "true" is what some drivers return for a boolean
const truthy = (value: unknown): boolean => value === "true" || Number(value) === 1;

/** Decides pass / warn / fail from the verdict row: an error-severity test fails on error_if, else warns on warn_if. */
export function decideVerdict(row: Record<string, unknown> | undefined, thresholds: TestThresholds): TestVerdict {
  const failures = Number(row?.failures ?? row?.FAILURES ?? 0);
  const shouldWarn = truthy(row?.should_warn ?? row?.SHOULD_WARN);
  const shouldError = truthy(row?.should_error ?? row?.SHOULD_ERROR);
  const noun = failures === 1 ? "result" : "results";
  if (thresholds.severity === "error" && shouldError) {
    return { status: "fail", failures, message: `Got ${failures} ${noun}, configured to fail if ${thresholds.errorIf.trim()}` };
  }
  // a warn-severity test warns where an error-severity one would fail
  if (shouldWarn || shouldError) {
    return { status: "warn", failures, message: `Got ${failures} ${noun}, configured to warn if ${thresholds.warnIf.trim()}` };
  }
  // dbt-core reports no failures for a passing test, whatever the row count
  return { status: "pass", failures: 0, message: null };
}
