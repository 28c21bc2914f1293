/**
 * End-to-end "done when" of data quality: the example project's tests pass on its seeds, and a
 * copy whose raw_orders.csv is broken in known ways makes exactly the expected tests fail,
 * each with the expected failure count (run_results.json and the FAIL lines agree).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { invoke } from "tsdbt";

const EXAMPLE = path.resolve(__dirname, "../example-project");

function copyProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-broken-"));
  fs.cpSync(EXAMPLE, dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}target`) });
  return dir;
}

/**
 * Breaks raw_orders.csv: order 1010 gets status 'lost' and 1011 'cancelled' (two values
 * accepted_values does not allow), order 1003 belongs to customer 99 (who does not exist),
 * orders 1020 and 1031 (both Lyon, not returned) lose their city, and order 1045 appears twice.
 */
function breakOrders(dir: string): void {
  const file = path.join(dir, "seeds", "raw_orders.csv");
  const lines = fs.readFileSync(file, "utf8").trimEnd().split("\n");
  const edits: Record<string, (f: string[]) => void> = {
    "1010": (f) => (f[4] = "lost"),
    "1011": (f) => (f[4] = "cancelled"),
    "1003": (f) => (f[1] = "99"),
    "1020": (f) => (f[3] = ""),
    "1031": (f) => (f[3] = ""),
  };
  const out = lines.map((line) => {
    const f = line.split(",");
    edits[f[0]!]?.(f);
    return f.join(",");
  });
  out.push(lines.find((l) => l.startsWith("1045,"))!);
  fs.writeFileSync(file, `${out.join("\n")}\n`);
}

async function tsdbt(dir: string, ...argv: string[]) {
  const lines: string[] = [];
  const result = await invoke([...argv, "--project-dir", dir], { write: (line) => lines.push(line) });
  return { ...result, output: lines.join("\n") };
}

/** Test name → failures of every test that did not pass, from run_results.json. */
function failingTests(dir: string): Record<string, number | null> {
  const results = JSON.parse(fs.readFileSync(path.join(dir, "target", "run_results.json"), "utf8")).results as { unique_id: string; status: string; failures: number | null }[];
  return Object.fromEntries(results.filter((r) => r.status !== "pass").map((r) => [`${r.unique_id.split(".")[2]} ${r.status}`, r.failures]));
}

describe("data quality on example-project (DuckDB)", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it("passes every test on the shipped seeds", async () => {
    const dir = copyProject();
    dirs.push(dir);
    for (const cmd of ["seed", "run"]) expect((await tsdbt(dir, cmd)).exitCode).toBe(0);
    const test = await tsdbt(dir, "test");
    expect(test.exitCode).toBe(0);
    expect(failingTests(dir)).toEqual({});
    expect(test.output).toContain("Done. PASS=42 WARN=0 ERROR=0 SKIP=0 TOTAL=42");
  }, 60_000);

  it("fails exactly the tests a broken raw_orders.csv breaks, with their failure counts", async () => {
    const dir = copyProject();
    dirs.push(dir);
    breakOrders(dir);
    for (const cmd of ["seed", "run"]) expect((await tsdbt(dir, cmd)).exitCode).toBe(0);
    const test = await tsdbt(dir, "test");
    expect(test.exitCode).toBe(1);
    const expected = {
      // 1045 twice: raw, staged and fact tables each have one duplicated key
      "unique_raw_orders_order_id fail": 1,
      "unique_stg_orders_order_id fail": 1,
      "unique_fct_orders_order_id fail": 1,
      // 'lost' and 'cancelled': two values outside the accepted list, in staging and the fact table
      "accepted_values_stg_orders_status__placed__shipped__completed__returned fail": 2,
      "accepted_values_fct_orders_status__placed__shipped__completed__returned fail": 2,
      // customer 99 does not exist
      "relationships_stg_orders_user_id__user_id__ref_stg_customers_ fail": 1,
      "relationships_fct_orders_user_id__user_id__ref_stg_customers_ fail": 1,
      // two orders without a city; sales_by_city groups them into one null city
      "not_null_stg_orders_city fail": 2,
      "not_null_sales_by_city_city fail": 1,
    };
    expect(failingTests(dir)).toEqual(expected);
    const failLines = test.output.split("\n").filter((l) => / FAIL \d+ /.test(l));
    expect(failLines).toHaveLength(9);
    for (const [key, failures] of Object.entries(expected)) {
      const name = key.split(" ")[0]!;
      expect(failLines.some((l) => new RegExp(`\\d+ of 42 FAIL ${failures} ${name} \\.* ?\\[FAIL ${failures} in `).test(l))).toBe(true);
    }
    expect(test.output).toContain("Done. PASS=33 WARN=0 ERROR=9 SKIP=0 TOTAL=42");
  }, 60_000);
});
