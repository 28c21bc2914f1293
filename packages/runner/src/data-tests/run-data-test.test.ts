/**
 * Data tests run against DuckDB: the failing rows a test selects, its fail_calc, limit, warn_if and
 * error_if become the status and the message a user sees in the run summary and run_results.json.
 */
import type { Adapter } from "@tsdbt/adapter-api";
import type { ManifestNode } from "@tsdbt/core";
import { openDuckDb } from "../__fixtures__/harness";
import { runDataTest } from "./run-data-test";
import { storesFailures } from "./store-failures";

let adapter: Adapter;
let dispose: () => Promise<void>;

beforeAll(async () => {
  ({ adapter, dispose } = await openDuckDb({ threads: 1 }));
  await adapter.execute("create table main.orders as select * from (values (1, 10), (2, 20), (3, 30), (4, 40), (5, 50)) as t(id, amount)", { fetch: false });
});
afterAll(() => dispose());

const testNode = (config: Record<string, unknown>) => ({ unique_id: "test.proj.t", name: "t", original_file_path: "models/schema.yml", config }) as unknown as ManifestNode;
const failing = (n: number) => `select * from main.orders where id <= ${n}`;

describe("a data test run in the warehouse", () => {
  test("fails with the count of failing rows, in words a user reads", async () => {
    expect(await runDataTest(adapter, testNode({}), failing(3))).toEqual({ status: "fail", failures: 3, message: "Got 3 results, configured to fail if != 0" });
  });

  test("says 'result' for a single failing row", async () => {
    expect(await runDataTest(adapter, testNode({}), failing(1))).toEqual({ status: "fail", failures: 1, message: "Got 1 result, configured to fail if != 0" });
  });

  test("passes with no failing rows and reports no message", async () => {
    expect(await runDataTest(adapter, testNode({}), failing(0))).toEqual({ status: "pass", failures: 0, message: null });
  });

  test("compiled SQL ending in semicolons and blank space still runs", async () => {
    expect((await runDataTest(adapter, testNode({}), `${failing(2)};;  \n`)).failures).toBe(2);
  });

  test("only a semicolon at the very end is dropped: one inside a string literal stays", async () => {
    expect((await runDataTest(adapter, testNode({}), `${failing(2)} and 'x;y' = 'x;y'`)).failures).toBe(2);
  });

  test("the statement is attributed to the test node (logs, cancellation)", async () => {
    const execute = jest.spyOn(adapter, "execute");
    try {
      await runDataTest(adapter, testNode({}), failing(1));
      expect(execute.mock.calls.map(([, options]) => options?.nodeId)).toEqual(["test.proj.t"]);
    } finally {
      execute.mockRestore();
    }
  });

  test("fail_calc replaces the row count", async () => {
    expect(await runDataTest(adapter, testNode({ fail_calc: "sum(amount)" }), failing(2))).toEqual({ status: "fail", failures: 30, message: "Got 30 results, configured to fail if != 0" });
  });

  test("limit caps the failing rows looked at", async () => {
    expect((await runDataTest(adapter, testNode({ limit: 2 }), failing(5))).failures).toBe(2);
    expect((await runDataTest(adapter, testNode({ limit: "2" }), failing(5))).failures).toBe(5);
  });

  test("warn_if and error_if are compared with the count: warn between them, fail above error_if", async () => {
    const config = { warn_if: "> 1", error_if: " > 3 " };
    expect(await runDataTest(adapter, testNode(config), failing(1))).toEqual({ status: "pass", failures: 0, message: null });
    expect(await runDataTest(adapter, testNode(config), failing(2))).toEqual({ status: "warn", failures: 2, message: "Got 2 results, configured to warn if > 1" });
    expect(await runDataTest(adapter, testNode(config), failing(4))).toEqual({ status: "fail", failures: 4, message: "Got 4 results, configured to fail if > 3" });
  });

  test("severity warn never fails: rows over error_if warn", async () => {
    expect(await runDataTest(adapter, testNode({ severity: "warn", warn_if: "> 10", error_if: "> 3" }), failing(4))).toEqual({
      status: "warn",
      failures: 4,
      message: "Got 4 results, configured to warn if > 10",
    });
    expect(await runDataTest(adapter, testNode({ severity: "warn", warn_if: " >= 4 " }), failing(5))).toMatchObject({ status: "warn", message: "Got 5 results, configured to warn if >= 4" });
    expect(await runDataTest(adapter, testNode({ severity: "warn" }), failing(2))).toEqual({ status: "warn", failures: 2, message: "Got 2 results, configured to warn if != 0" });
    expect(await runDataTest(adapter, testNode({ severity: "warn" }), failing(0))).toMatchObject({ status: "pass" });
  });

  test("an unknown severity is a coded error on the test's file, with a hint", async () => {
    await expect(runDataTest(adapter, testNode({ severity: "fatal" }), failing(1))).rejects.toMatchObject({
      code: "TSDBT-E410",
      message: expect.stringContaining("Test t has severity 'fatal'; severity must be 'error' or 'warn'."),
      file: "models/schema.yml",
      hint: "Set `severity: warn` to report failures without failing the run, or leave it unset.",
    });
  });
});

describe("whether a data test keeps its failing rows", () => {
  const flag = (storeFailures: boolean) => ({ storeFailures });
  test("store_failures_as decides first: table, view, or nothing for ephemeral", () => {
    expect(storesFailures(testNode({ store_failures_as: "view", store_failures: false }), flag(false))).toBe("view");
    expect(storesFailures(testNode({ store_failures_as: "table" }), flag(false))).toBe("table");
    expect(storesFailures(testNode({ store_failures_as: "ephemeral", store_failures: true }), flag(true))).toBeNull();
  });

  test("store_failures or --store-failures keep a table; the test's store_failures: false wins over the flag", () => {
    expect(storesFailures(testNode({ store_failures: true }), flag(false))).toBe("table");
    expect(storesFailures(testNode({}), flag(true))).toBe("table");
    expect(storesFailures(testNode({}), flag(false))).toBeNull();
    expect(storesFailures(testNode({ store_failures: false }), flag(true))).toBeNull();
  });
});
