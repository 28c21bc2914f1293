/**
 * End-to-end: `tsdbt lineage MODEL.COLUMN` through the public Node API (upstream and downstream
 * trees in text and JSON, compiled in-process or reused from target/manifest.json, errors with
 * suggestions), and column-lineage coverage of example-project.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { buildColumnLineage } from "@tsdbt/lineage";
import type { Manifest } from "@tsdbt/core";
import { makeProject, removeAllProjects, runApi, type FixtureProject } from "./helpers/fixture-project";

afterAll(() => removeAllProjects());

const FILES: Record<string, string> = {
  "seeds/raw_payments.csv": "payment_id,order_id,amount_cents\n1,10,500\n",
  "models/sources.yml": ["version: 2", "sources:", "  - name: shop", "    schema: main", "    tables:", "      - name: refunds", "        columns:", "          - name: order_id", "          - name: refunded_cents", ""].join("\n"),
  "models/payments.sql": "with src as (select * from {{ ref('raw_payments') }}) select order_id, {{ cents_to_dollars('amount_cents') }} as amount from src\n",
  "models/order_totals.sql": [
    "select o.order_id, o.customer_id, sum(p.amount) - coalesce(max(r.refunded_cents), 0) / 100.0 as net",
    "from {{ ref('orders') }} o",
    "join {{ ref('payments') }} p on p.order_id = o.order_id",
    "left join {{ source('shop', 'refunds') }} r on r.order_id = o.order_id",
    "group by 1, 2",
    "",
  ].join("\n"),
};

type Tree = { node: string; column: string; transformations?: { type: string; subtype: string }[]; children: Tree[] };
const brief = (trees: Tree[]): unknown[] => trees.map((t) => [`${t.node}.${t.column}`, (t.transformations ?? []).map((x) => `${x.type}/${x.subtype}`).join(","), ...(t.children.length ? [brief(t.children)] : [])]);

describe("tsdbt lineage", () => {
  let p: FixtureProject;
  beforeAll(() => {
    p = makeProject(FILES);
  });

  it("prints where a column comes from, down to seeds and sources, compiling in-process when nothing was compiled", async () => {
    const r = await runApi(["lineage", "order_totals.net"], { project: p });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("Compiling 3 nodes for lineage");
    expect(r.stdout.split("\n").filter((l) => !/^\d\d:\d\d:\d\d/.test(l))).toEqual([
      "Upstream of order_totals.net",
      "├── payments.amount  [DIRECT/AGGREGATION]",
      "│   └── raw_payments.amount_cents  [DIRECT/TRANSFORMATION]",
      "└── shop.refunds.refunded_cents  [DIRECT/AGGREGATION]",
    ]);
    expect(fs.existsSync(p.file("target/manifest.json"))).toBe(false);
  });

  it("answers in JSON, reusing target/manifest.json after `tsdbt compile`", async () => {
    expect((await runApi(["compile"], { project: p })).exitCode).toBe(0);
    const r = await runApi(["lineage", "order_totals.NET", "--output", "json", "-q"], { project: p });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).not.toContain("Compiling");
    const answer = JSON.parse(r.stdout);
    expect(answer.node).toBe("model.fixture.order_totals");
    expect(answer.column).toBe("net");
    expect(brief(answer.upstream)).toEqual([
      ["model.fixture.payments.amount", "DIRECT/AGGREGATION", [["seed.fixture.raw_payments.amount_cents", "DIRECT/TRANSFORMATION"]]],
      ["source.fixture.shop.refunds.refunded_cents", "DIRECT/AGGREGATION"],
    ]);
    expect(answer.downstream).toBeUndefined();
  });

  it("prints what a column feeds with --downstream, and both directions when asked", async () => {
    const r = await runApi(["lineage", "orders.customer_id", "--downstream", "--output", "json", "-q"], { project: p });
    const answer = JSON.parse(r.stdout);
    expect(answer.upstream).toBeUndefined();
    expect(brief(answer.downstream)).toEqual([["model.fixture.order_totals.customer_id", "DIRECT/IDENTITY"]]);
    const both = await runApi(["lineage", "raw_payments.amount_cents", "--downstream", "--upstream"], { project: p });
    expect(both.stdout).toContain("Upstream of raw_payments.amount_cents  (no upstream columns)");
    expect(both.stdout).toContain("Downstream of raw_payments.amount_cents\n└── payments.amount  [DIRECT/TRANSFORMATION]\n    └── order_totals.net  [DIRECT/AGGREGATION]");
  });

  it("names the closest model or column when the one asked for does not exist", async () => {
    const model = await runApi(["lineage", "order_total.net"], { project: p });
    expect(model.exitCode).toBe(2);
    expect(model.diagnostics).toEqual([expect.objectContaining({ code: "TSDBT-E605", message: "No model, seed, snapshot or source is named 'order_total'. Did you mean 'order_totals'?" })]);
    const column = await runApi(["lineage", "order_totals.nett"], { project: p });
    expect(column.exitCode).toBe(2);
    expect(column.diagnostics[0]).toMatchObject({ code: "TSDBT-E605", message: "'order_totals.nett' names no column: model.fixture.order_totals has 'order_id', 'customer_id', 'net'. Did you mean 'net'?" });
    const usage = await runApi(["lineage", "order_totals"], { project: p });
    expect(usage.exitCode).toBe(2);
    expect(usage.diagnostics[0].code).toBe("TSDBT-E000");
  });
});

describe("column lineage of example-project", () => {
  it("traces every output column of every model", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-lineage-example-"));
    try {
      fs.cpSync(path.resolve(__dirname, "../example-project"), dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}target`) });
      expect((await runApi(["compile", "--project-dir", dir, "--profiles-dir", dir], {})).exitCode).toBe(0);
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, "target", "manifest.json"), "utf8")) as Manifest;
      const r = buildColumnLineage(manifest, { projectDir: dir });
      expect(r.diagnostics).toEqual([]);
      expect(r.coverage).toEqual({ columns: 50, resolved: 50, ratio: 1, models: { total: 8, columnLevel: 8, modelLevel: 0 } });
      const fct = r.models["model.tsdbt_example.fct_orders"];
      expect(fct.columns.paid_with_credit.upstream).toEqual([{ node: "model.tsdbt_example.int_order_payments", column: "paid_with_credit", transformations: [{ type: "DIRECT", subtype: "TRANSFORMATION" }] }]);
      expect(r.models["model.tsdbt_example.int_order_payments"].columns.paid_with_credit.upstream).toEqual([
        { node: "model.tsdbt_example.stg_payments", column: "payment_method", transformations: [{ type: "INDIRECT", subtype: "CONDITIONAL" }] },
        { node: "model.tsdbt_example.stg_payments", column: "amount", transformations: [{ type: "DIRECT", subtype: "AGGREGATION" }] },
      ]);
      expect(Object.keys(r.models["model.tsdbt_example.stg_customers"].columns)).toEqual(["user_id", "customer_name", "email", "signup_date"]);
      expect(r.models["model.tsdbt_example.stg_customers"].columns.customer_name.upstream).toEqual([{ node: "seed.tsdbt_example.raw_customers", column: "name", transformations: [{ type: "DIRECT", subtype: "IDENTITY" }] }]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
