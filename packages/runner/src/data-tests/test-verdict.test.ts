import type { ManifestNode } from "@tsdbt/core";
import { decideVerdict, thresholdsOf } from "./test-verdict";

const node = (config: Record<string, unknown>) => ({ name: "not_null_x", original_file_path: "models/schema.yml", config }) as unknown as ManifestNode;

describe("test verdicts", () => {
  it("fails an error-severity test when error_if holds, and names the threshold", () => {
    const t = thresholdsOf(node({}));
    expect(decideVerdict({ failures: 3, should_warn: 1, should_error: 1 }, t)).toEqual({
      status: "fail",
      failures: 3,
      message: "Got 3 results, configured to fail if != 0",
    });
  });

  it("warns instead of failing when severity is warn", () => {
    const t = thresholdsOf(node({ severity: "WARN" }));
    expect(decideVerdict({ failures: "2", should_warn: 1, should_error: 1 }, t).status).toBe("warn");
  });

  it("warns when only warn_if holds and passes when neither holds", () => {
    const t = thresholdsOf(node({ warn_if: ">1", error_if: ">10" }));
    expect(decideVerdict({ failures: 5, should_warn: true, should_error: false }, t)).toMatchObject({ status: "warn", failures: 5 });
    expect(decideVerdict({ failures: 0, should_warn: 0, should_error: 0 }, t)).toEqual({ status: "pass", failures: 0, message: null });
  });

  // dbt-core reports `failures: 0` for a passing test even when rows came back (dbt-utils'
  // equality test with error_if "<1" passes with 6 rows and run_results says 0)
  it("reports no failures for a test that passes under its thresholds, whatever the row count", () => {
    const t = thresholdsOf(node({ warn_if: "<0", error_if: "<1" }));
    expect(decideVerdict({ failures: 6, should_warn: false, should_error: false }, t)).toEqual({ status: "pass", failures: 0, message: null });
  });

  it("reads the verdict whether the driver returns numbers, booleans, strings or upper-case column names", () => {
    const t = thresholdsOf(node({}));
    expect(decideVerdict({ failures: 2n, should_warn: "true", should_error: "true" }, t)).toMatchObject({ status: "fail", failures: 2 });
    expect(decideVerdict({ FAILURES: "4", SHOULD_WARN: true, SHOULD_ERROR: true }, t)).toMatchObject({ status: "fail", failures: 4 });
    expect(decideVerdict({ failures: 1, should_warn: "true", should_error: "false" }, t)).toMatchObject({ status: "warn", message: "Got 1 result, configured to warn if != 0" });
    expect(decideVerdict({ failures: null, should_warn: 0, should_error: 0 }, t)).toEqual({ status: "pass", failures: 0, message: null });
    expect(decideVerdict(undefined, t)).toEqual({ status: "pass", failures: 0, message: null });
  });

  it("rejects an unknown severity with a coded error", () => {
    expect(() => thresholdsOf(node({ severity: "fatal" }))).toThrow(/severity must be 'error' or 'warn'/);
  });
});
