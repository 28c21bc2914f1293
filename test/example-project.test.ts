/**
 * End-to-end: the example project built on the embedded DuckDB through the public Node API,
 * with the figures of example-project/README.md, artifacts validated against dbt's schemas,
 * and a second build that converges (the incremental model adds nothing).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { invoke } from "tsdbt";
import { DuckDBInstance } from "@duckdb/node-api";
import { validateArtifact } from "./artifact-schemas";

const EXAMPLE = path.resolve(__dirname, "../example-project");

function copyProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-example-"));
  fs.cpSync(EXAMPLE, dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}target`) });
  return dir;
}

async function tsdbt(dir: string, ...argv: string[]) {
  const lines: string[] = [];
  const result = await invoke([...argv, "--project-dir", dir], { write: (line) => lines.push(line) });
  return { ...result, output: lines.join("\n") };
}

async function query(dir: string, sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(path.join(dir, "target", "example.duckdb"));
  try {
    const conn = await instance.connect();
    const reader = await conn.runAndReadAll(sql);
    return reader.getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    instance.closeSync();
  }
}

describe("tsdbt build on example-project (DuckDB)", () => {
  let dir: string;
  beforeAll(() => {
    dir = copyProject();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("builds every seed and model and passes every test", async () => {
    const run = await tsdbt(dir, "build");
    expect(run.output).toContain("Done. PASS=52 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=52");
    expect(run.exitCode).toBe(0);
    expect(run.output).toMatch(/\d+ of 52 START sql table model main\.customer_lifetime_value \.+ \[RUN\]/);
    // the SQL each node ran is kept under target/compiled, as dbt keeps it
    expect(fs.readFileSync(path.join(dir, "target/compiled/tsdbt_example/models/marts/sales_by_city.sql"), "utf8")).toContain('"main"."fct_orders"');
  });

  it("computes the figures the example's README states", async () => {
    const tiers = await query(dir, "select loyalty_tier, count(*)::int as n, round(sum(lifetime_value), 2)::double as total from customer_lifetime_value group by 1 order by 1");
    expect(tiers).toEqual([
      { loyalty_tier: "Gold", n: 3, total: 3696.83 },
      { loyalty_tier: "Silver", n: 9, total: 2548.8 },
    ]);
    const cities = await query(dir, "select city, order_count::int as orders, total_sales::double as total from sales_by_city order by city");
    expect(cities).toEqual([
      { city: "Ghent", orders: 7, total: 935.47 },
      { city: "Lisbon", orders: 9, total: 1472.52 },
      { city: "Lyon", orders: 8, total: 1438.12 },
      { city: "Porto", orders: 7, total: 1580.96 },
      { city: "Valencia", orders: 9, total: 818.56 },
    ]);
    const nulls = await query(dir, "select count(*)::int as n from stg_orders where amount = 0");
    expect(nulls).toEqual([{ n: 4 }]);
  });

  it("writes a manifest and run results that validate against dbt's schemas", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "target", "manifest.json"), "utf8"));
    expect(validateArtifact("manifest-v12.json", manifest)).toEqual([]);
    expect(manifest.nodes["model.tsdbt_example.customer_lifetime_value"].compiled_code).toContain('"main"."fct_orders"');
    const runResults = JSON.parse(fs.readFileSync(path.join(dir, "target", "run_results.json"), "utf8"));
    expect(validateArtifact("run-results-v6.json", runResults)).toEqual([]);
    expect(runResults.results).toHaveLength(52);
  });

  it("converges on a second build: the incremental model appends nothing", async () => {
    const before = await query(dir, "select count(*)::int as n from fct_orders");
    const again = await tsdbt(dir, "build");
    expect(again.exitCode).toBe(0);
    expect(await query(dir, "select count(*)::int as n from fct_orders")).toEqual(before);
    expect(before).toEqual([{ n: 45 }]);
  });
});
