/**
 * End-to-end: `tsdbt docs generate` on the example project built on DuckDB (catalog.json valid
 * against dbt's schema, limited to the project's relations, with types and row counts; the
 * site's files and data), `--empty-catalog --no-compile`, and `tsdbt docs serve`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { invoke } from "tsdbt";
import { validateArtifact } from "./artifact-schemas";
import { copyExampleProject } from "./docs-browser";

async function tsdbt(dir: string, argv: string[], signal?: AbortSignal, onEvent?: (e: { data?: Record<string, unknown> }) => void) {
  const lines: string[] = [];
  const r = await invoke([...argv, "--project-dir", dir], { write: (l) => lines.push(l), signal, onEvent: onEvent as never });
  return { ...r, output: lines.join("\n") };
}

function readIndex(dir: string): { entries: { id: string; cols: { name: string; type: string; tests: number[] }[]; stats?: [string, unknown][]; lineage?: unknown }[]; hasColumnLineage: boolean } {
  const text = fs.readFileSync(path.join(dir, "target", "tsdbt-docs", "data", "index.js"), "utf8");
  return JSON.parse(JSON.parse(text.slice(text.indexOf("=") + 1).trim().replace(/;$/, "")));
}

describe("tsdbt docs generate / serve", () => {
  let dir: string;
  beforeAll(async () => {
    dir = copyExampleProject();
    const build = await tsdbt(dir, ["build", "-q"]);
    expect(build.exitCode).toBe(0);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("writes a schema-valid catalog of the project's relations with types and row counts", async () => {
    const run = await tsdbt(dir, ["docs", "generate"]);
    expect(run.exitCode).toBe(0);
    expect(run.output).toMatch(/Catalog written to .*catalog\.json \(10 relations\)/);
    const catalog = JSON.parse(fs.readFileSync(path.join(dir, "target", "catalog.json"), "utf8"));
    expect(validateArtifact("catalog-v1.json", catalog)).toEqual([]);
    expect(Object.keys(catalog.nodes).sort()).toEqual(
      // int_order_payments is ephemeral: no relation
      ["customer_lifetime_value", "fct_orders", "high_value_customer_features", "sales_by_city", "stg_customers", "stg_orders", "stg_payments"].map((n) => `model.tsdbt_example.${n}`)
        .concat(["raw_customers", "raw_orders", "raw_payments"].map((n) => `seed.tsdbt_example.${n}`)).sort(),
    );
    const orders = catalog.nodes["model.tsdbt_example.fct_orders"];
    expect(orders.metadata).toMatchObject({ type: "BASE TABLE", schema: "main", name: "fct_orders" });
    expect(orders.columns.order_id).toEqual({ type: "INTEGER", index: 1, name: "order_id", comment: null });
    expect(orders.stats.row_count.value).toBe(45);
    expect(catalog.nodes["model.tsdbt_example.stg_orders"].metadata.type).toBe("VIEW");
    expect(catalog.nodes["model.tsdbt_example.stg_orders"].stats.row_count).toBeUndefined();
  });

  it("writes the site: index.html, app, layout library and data with catalog types and column tests", () => {
    const target = path.join(dir, "target");
    const html = fs.readFileSync(path.join(target, "index.html"), "utf8");
    expect(html).toContain('<script src="tsdbt-docs/data/index.js');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    for (const f of ["app.js", "app.css", "dagre.min.js", "data/chunk-0.js"]) expect(fs.existsSync(path.join(target, "tsdbt-docs", f))).toBe(true);
    const index = readIndex(dir);
    const orders = index.entries.find((e) => e.id === "model.tsdbt_example.fct_orders")!;
    expect(orders.cols[0]).toMatchObject({ name: "order_id", type: "INTEGER" });
    expect(orders.cols[0].tests.map((t) => index.entries[t].id).sort()).toEqual([expect.stringMatching(/^test\.tsdbt_example\.not_null_fct_orders_order_id/), expect.stringMatching(/^test\.tsdbt_example\.unique_fct_orders_order_id/)]);
    expect(orders.stats).toEqual([["Row count", 45]]);
    // generate traces columns through the compiled SQL and writes target/column_lineage.json
    expect(index.hasColumnLineage).toBe(true);
    const lineage = JSON.parse(fs.readFileSync(path.join(dir, "target", "column_lineage.json"), "utf8"));
    expect(lineage.models["model.tsdbt_example.fct_orders"].columns.city.upstream).toEqual([{ node: "model.tsdbt_example.stg_orders", column: "city", transformations: [{ type: "DIRECT", subtype: "IDENTITY" }] }]);
  });

  it("works offline with --empty-catalog --no-compile, lineage included", async () => {
    const run = await tsdbt(dir, ["docs", "generate", "--empty-catalog", "--no-compile"]);
    expect(run.exitCode).toBe(0);
    expect(run.output).toContain("with column lineage");
    const catalog = JSON.parse(fs.readFileSync(path.join(dir, "target", "catalog.json"), "utf8"));
    expect(validateArtifact("catalog-v1.json", catalog)).toEqual([]);
    expect(catalog.nodes).toEqual({});
    const index = readIndex(dir);
    expect(index.hasColumnLineage).toBe(true);
    const stgOrders = index.entries.findIndex((e) => e.id === "model.tsdbt_example.stg_orders");
    const fct = index.entries.find((e) => e.id === "model.tsdbt_example.fct_orders")! as { lineage: Record<string, unknown[]> };
    expect(fct.lineage.city).toEqual([[stgOrders, "city", expect.anything()]]);
  });

  it("rejects an unknown subcommand with a coded usage error", async () => {
    const run = await tsdbt(dir, ["docs", "publish"]);
    expect(run.exitCode).toBe(2);
    expect(run.diagnostics?.[0]).toMatchObject({ code: "TSDBT-E801" });
  });

  it("serves target/ on 127.0.0.1 until stopped, and nothing outside it", async () => {
    const stop = new AbortController();
    let url = "";
    let ready!: () => void;
    const listening = new Promise<void>((r) => (ready = r));
    const serving = tsdbt(dir, ["docs", "serve", "--port", "0"], stop.signal, (e) => {
      if (typeof e.data?.url === "string") {
        url = e.data.url;
        ready();
      }
    });
    await listening;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain("tsdbt-docs/app.js");
    expect((await fetch(`${url}tsdbt-docs/app.js`)).headers.get("content-type")).toContain("javascript");
    expect((await fetch(`${url}..%2f..%2fetc/passwd`)).status).toBe(404);
    expect((await fetch(`${url}missing.js`)).status).toBe(404);
    stop.abort();
    expect((await serving).exitCode).toBe(0);
  });
});
