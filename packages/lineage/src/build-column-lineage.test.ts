import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { buildColumnLineage } from "./build-column-lineage";
import type { LineageResult, UpstreamColumn } from "./types";
import { rel, testManifest } from "./__fixtures__/manifest";

/** Upstream of a column as `node.column TYPE/SUBTYPE[,…]` strings. */
function flat(list: UpstreamColumn[] | undefined): string[] {
  return (list ?? []).map((u) => `${u.node.replace(/^(model|seed|snapshot)\.p\./, "").replace(/^source\.p\./, "src:")}.${u.column} ${u.transformations.map((t) => `${t.type}/${t.subtype}`).join(",")}`);
}
const up = (r: LineageResult, model: string, column: string) => flat(r.models[`model.p.${model}`]?.columns[column]?.upstream);
const rows = (r: LineageResult, model: string) => flat(r.models[`model.p.${model}`]?.indirect);

const BASE = [
  { name: "customers", sql: "select 1 as id, 'ann' as name, true as active" },
  { name: "orders", sql: "select 10 as order_id, 1 as customer_id, 5.0 as amount, 'placed' as status, current_date as ordered_at" },
];

describe("buildColumnLineage", () => {
  it("traces joins: aliases, qualified and bare columns, join keys and filters as indirect inputs", () => {
    const r = buildColumnLineage(
      testManifest([
        ...BASE,
        {
          name: "joined",
          deps: ["model.p.customers", "model.p.orders"],
          sql: `select o.order_id, c.name as customer_name, o.amount * 2 as doubled, status
                from ${rel("orders")} as o
                inner join ${rel("customers")} c on o.customer_id = c.id
                where c.active`,
        },
      ]),
    );
    expect(Object.keys(r.models["model.p.joined"].columns)).toEqual(["order_id", "customer_name", "doubled", "status"]);
    expect(up(r, "joined", "order_id")).toEqual(["orders.order_id DIRECT/IDENTITY"]);
    expect(up(r, "joined", "customer_name")).toEqual(["customers.name DIRECT/IDENTITY"]);
    expect(up(r, "joined", "doubled")).toEqual(["orders.amount DIRECT/TRANSFORMATION"]);
    expect(up(r, "joined", "status")).toEqual(["orders.status DIRECT/IDENTITY"]);
    expect(rows(r, "joined")).toEqual(["orders.customer_id INDIRECT/JOIN", "customers.id INDIRECT/JOIN", "customers.active INDIRECT/FILTER"]);
    expect(r.models["model.p.joined"].parents.sort()).toEqual(["model.p.customers", "model.p.orders"]);
    expect(r.coverage).toMatchObject({ resolved: r.coverage.columns, ratio: 1 });
    expect(r.diagnostics).toEqual([]);
  });

  it("follows CTE chains and expands select * from the parent's lineage", () => {
    const r = buildColumnLineage(
      testManifest([
        ...BASE,
        {
          name: "chain",
          deps: ["model.p.orders"],
          sql: `with src as (select * from ${rel("orders")}),
                cleaned as (select order_id, cast(amount as decimal(10,2)) as amount, upper(status) as status from src where status <> 'returned'),
                final as (select * from cleaned)
                select * from final`,
        },
      ]),
    );
    expect(Object.keys(r.models["model.p.chain"].columns)).toEqual(["order_id", "amount", "status"]);
    expect(up(r, "chain", "order_id")).toEqual(["orders.order_id DIRECT/IDENTITY"]);
    expect(up(r, "chain", "amount")).toEqual(["orders.amount DIRECT/TRANSFORMATION"]);
    expect(up(r, "chain", "status")).toEqual(["orders.status DIRECT/TRANSFORMATION"]);
    expect(rows(r, "chain")).toEqual(["orders.status INDIRECT/FILTER"]);
    expect(r.models["model.p.chain"].open).toBeUndefined();
  });

  it("merges union branches by position, names from the first branch", () => {
    const r = buildColumnLineage(
      testManifest([
        ...BASE,
        {
          name: "unioned",
          deps: ["model.p.customers", "model.p.orders"],
          sql: `select id as key, name as label from ${rel("customers")}
                union all
                select order_id, status from ${rel("orders")} where amount > 0
                union
                select 0, 'none'`,
        },
      ]),
    );
    expect(up(r, "unioned", "key")).toEqual(["customers.id DIRECT/IDENTITY", "orders.order_id DIRECT/IDENTITY"]);
    expect(up(r, "unioned", "label")).toEqual(["customers.name DIRECT/IDENTITY", "orders.status DIRECT/IDENTITY"]);
    expect(rows(r, "unioned")).toEqual(["orders.amount INDIRECT/FILTER"]);
  });

  it("expands select * from a catalog, a seed file's header, declared columns, and qualified t.*", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-lineage-"));
    fs.mkdirSync(path.join(dir, "seeds"));
    fs.writeFileSync(path.join(dir, "seeds", "raw_people.csv"), '\uFEFFperson_id,"full name",city\n1,Ann,Lyon\n');
    try {
      const manifest = testManifest(
        [
          { name: "raw_people", type: "seed", file: "seeds/raw_people.csv" },
          { name: "people", deps: ["seed.p.raw_people"], sql: `select * from ${rel("raw_people")}` },
          { name: "events", deps: ["source.p.raw.events"], sql: `select e.*, 1 as one from "db"."raw"."events" e` },
          { name: "wide", deps: ["model.p.people", "model.p.events"], sql: `select p.*, e.kind from ${rel("people")} p join ${rel("events")} e on e.person_id = p.person_id` },
        ],
        [{ name: "events", columns: ["event_id", "person_id", "kind"] }],
      );
      const r = buildColumnLineage(manifest, { projectDir: dir });
      expect(Object.keys(r.models["model.p.people"].columns)).toEqual(["person_id", "full name", "city"]);
      expect(up(r, "people", "full name")).toEqual(["seed.p.raw_people.full name DIRECT/IDENTITY".replace("seed.p.", "")]);
      expect(Object.keys(r.models["model.p.events"].columns)).toEqual(["event_id", "person_id", "kind", "one"]);
      expect(up(r, "events", "kind")).toEqual(["src:raw.events.kind DIRECT/IDENTITY"]);
      expect(Object.keys(r.models["model.p.wide"].columns)).toEqual(["person_id", "full name", "city", "kind"]);

      // the catalog wins over everything else
      const catalog = { nodes: { "seed.p.raw_people": { columns: { CITY: { type: "TEXT", index: 2 }, PERSON_ID: { type: "INTEGER", index: 1 } } } } };
      const withCatalog = buildColumnLineage(manifest, { projectDir: dir, catalog });
      expect(Object.keys(withCatalog.models["model.p.people"].columns)).toEqual(["PERSON_ID", "CITY"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("passes columns through a select * over a relation of unknown columns, and says the list may be incomplete", () => {
    const r = buildColumnLineage(
      testManifest(
        [
          { name: "stg", deps: ["source.p.raw.feed"], sql: `with source as (select * from "db"."raw"."feed") select id, max(amount_cents) / 100 as amount from source group by id` },
          { name: "passthrough", deps: ["source.p.raw.feed"], sql: `select * from "db"."raw"."feed"` },
        ],
        [{ name: "feed" }],
      ),
    );
    expect(up(r, "stg", "id")).toEqual(["src:raw.feed.id DIRECT/IDENTITY"]);
    expect(up(r, "stg", "amount")).toEqual(["src:raw.feed.amount_cents DIRECT/AGGREGATION"]);
    expect(rows(r, "stg")).toEqual(["src:raw.feed.id INDIRECT/GROUP_BY"]);
    expect(r.models["model.p.passthrough"]).toMatchObject({ level: "column", columns: {}, open: true });
    expect(r.diagnostics.map((d) => [d.code, d.nodeId])).toEqual([["TSDBT-E604", "model.p.passthrough"]]);
  });

  it("marks aggregations, group by, having, order by, CASE conditions and windows", () => {
    const r = buildColumnLineage(
      testManifest([
        ...BASE,
        {
          name: "agg",
          deps: ["model.p.orders"],
          sql: `select customer_id,
                  count(*) as n,
                  sum(coalesce(amount, 0)) as total,
                  coalesce(max(ordered_at), current_date) as last_at,
                  sum(case when status = 'returned' then 1 else 0 end) as returns,
                  row_number() over (partition by customer_id order by min(ordered_at)) as rank_in_customer,
                  count(distinct order_id) as orders
                from ${rel("orders")}
                group by 1
                having sum(amount) > 10
                order by total desc`,
        },
      ]),
    );
    expect(up(r, "agg", "customer_id")).toEqual(["orders.customer_id DIRECT/IDENTITY"]);
    expect(up(r, "agg", "n")).toEqual([]);
    expect(up(r, "agg", "total")).toEqual(["orders.amount DIRECT/AGGREGATION"]);
    expect(up(r, "agg", "last_at")).toEqual(["orders.ordered_at DIRECT/AGGREGATION"]);
    expect(up(r, "agg", "returns")).toEqual(["orders.status INDIRECT/CONDITIONAL"]);
    expect(up(r, "agg", "rank_in_customer")).toEqual(["orders.customer_id INDIRECT/WINDOW", "orders.ordered_at INDIRECT/WINDOW"]);
    expect(up(r, "agg", "orders")).toEqual(["orders.order_id DIRECT/AGGREGATION"]);
    expect(rows(r, "agg")).toEqual(["orders.customer_id INDIRECT/GROUP_BY", "orders.amount INDIRECT/FILTER,INDIRECT/SORT"]);
    expect(r.coverage.ratio).toBe(1);
  });

  it("resolves subqueries in FROM and in expressions, and scalar subqueries as transformations", () => {
    const r = buildColumnLineage(
      testManifest([
        ...BASE,
        {
          name: "subq",
          deps: ["model.p.customers", "model.p.orders"],
          sql: `select x.cid, x.total, (select max(name) from ${rel("customers")} c where c.id = x.cid) as name
                from (select customer_id as cid, sum(amount) as total from ${rel("orders")} group by customer_id) as x
                where x.cid in (select id from ${rel("customers")} where active)`,
        },
      ]),
    );
    expect(up(r, "subq", "cid")).toEqual(["orders.customer_id DIRECT/IDENTITY"]);
    expect(up(r, "subq", "total")).toEqual(["orders.amount DIRECT/AGGREGATION"]);
    expect(up(r, "subq", "name")).toEqual(["customers.name DIRECT/AGGREGATION", "customers.id INDIRECT/FILTER", "orders.customer_id INDIRECT/FILTER"]);
    expect(rows(r, "subq")).toEqual(["orders.customer_id INDIRECT/FILTER,INDIRECT/GROUP_BY", "customers.id INDIRECT/FILTER", "customers.active INDIRECT/FILTER"]);
  });

  it("links injected ephemeral CTEs to the ephemeral model, and ignores the model's own relation (incremental filters)", () => {
    const r = buildColumnLineage(
      testManifest([
        ...BASE,
        { name: "eph", materialized: "ephemeral", deps: ["model.p.orders"], sql: `select order_id, amount * 100 as cents from ${rel("orders")}` },
        {
          name: "inc",
          materialized: "incremental",
          deps: ["model.p.eph"],
          sql: `with __dbt__cte__eph as (select order_id, amount * 100 as cents from ${rel("orders")})
                select order_id, cents from __dbt__cte__eph where order_id > (select max(order_id) from ${rel("inc")})`,
        },
      ]),
    );
    expect(up(r, "inc", "cents")).toEqual(["eph.cents DIRECT/IDENTITY"]);
    expect(up(r, "eph", "cents")).toEqual(["orders.amount DIRECT/TRANSFORMATION"]);
    expect(rows(r, "inc")).toEqual(["eph.order_id INDIRECT/FILTER"]);
    expect(r.models["model.p.inc"].parents).toEqual(["model.p.eph"]);
  });

  it("falls back to model-level lineage with a diagnostic when no dialect reads the SQL", () => {
    const r = buildColumnLineage(
      testManifest([
        ...BASE,
        { name: "weird", deps: ["model.p.orders"], columns: ["a", "b"], sql: `select order_id from ${rel("orders")} match_recognize ( pattern (a b+) define b as true )` },
        { name: "after", deps: ["model.p.weird"], sql: `select a from ${rel("weird")}` },
      ]),
    );
    expect(r.models["model.p.weird"]).toEqual({ level: "model", columns: { a: { upstream: [], unresolved: ["*"] }, b: { upstream: [], unresolved: ["*"] } }, indirect: [], parents: ["model.p.orders"] });
    expect(up(r, "after", "a")).toEqual(["weird.a DIRECT/IDENTITY"]);
    const d = r.diagnostics.find((x) => x.code === "TSDBT-E601")!;
    expect(d).toMatchObject({ severity: "warn", nodeId: "model.p.weird", file: "models/weird.sql" });
    expect(d.message).toMatch(/^Column lineage of model 'weird' is model-level only: the SQL parser could not read its compiled SQL \(postgresql: .+; bigquery: .+\)\.$/);
    expect(r.coverage).toMatchObject({ columns: 2 + 3 + 5 + 1, resolved: 3 + 5 + 1, models: { total: 4, columnLevel: 3, modelLevel: 1 } });
  });

  it("reports relations outside the project and leaves their columns untraced", () => {
    const r = buildColumnLineage(testManifest([{ name: "ext", sql: `select t.a, 1 as b from other_db.public.things t` }]));
    expect(r.models["model.p.ext"].columns).toEqual({ a: { upstream: [], unresolved: ["other_db.public.things.a"] }, b: { upstream: [] } });
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: "TSDBT-E602", severity: "warn", message: expect.stringContaining("reads other_db.public.things, which is neither a CTE nor a model") })]);
    expect(r.coverage).toMatchObject({ columns: 2, resolved: 1, ratio: 0.5 });
  });

  it("reads Snowflake and BigQuery relation names with their dialects", () => {
    const sf = testManifest([{ name: "orders", sql: "select 1 as ID" }, { name: "s", deps: ["model.p.orders"], sql: `select O.ID as ORDER_ID from "DB"."MAIN"."ORDERS" O qualify row_number() over (partition by O.ID order by O.ID) = 1` }], [], "snowflake");
    const r = buildColumnLineage(sf);
    expect(r.models["model.p.s"].dialect).toBe("snowflake");
    expect(up(r, "s", "ORDER_ID")).toEqual(["orders.ID DIRECT/IDENTITY"]);
    expect(rows(r, "s")).toEqual(["orders.ID INDIRECT/FILTER"]);
    const bq = testManifest([{ name: "orders", sql: "select 1 as id" }, { name: "b", deps: ["model.p.orders"], sql: "select o.id from `db.main.orders` o" }], [], "bigquery");
    expect(up(buildColumnLineage(bq), "b", "id")).toEqual(["orders.id DIRECT/IDENTITY"]);
  });

  it("reads recursive CTEs with column lists and lateral aliases", () => {
    const r = buildColumnLineage(
      testManifest([
        ...BASE,
        {
          name: "rec",
          deps: ["model.p.orders"],
          sql: `with recursive days(n) as (select 1 union all select n + 1 from days where n < 3)
                select d.n, o.amount as a, a * 2 as twice from days d cross join ${rel("orders")} o`,
        },
      ]),
    );
    expect(Object.keys(r.models["model.p.rec"].columns)).toEqual(["n", "a", "twice"]);
    expect(up(r, "rec", "n")).toEqual([]);
    expect(up(r, "rec", "twice")).toEqual(["orders.amount DIRECT/TRANSFORMATION"]);
    expect(r.coverage.ratio).toBe(1);
    expect(r.diagnostics).toEqual([]);
  });

  it("says which nodes were never compiled", () => {
    const r = buildColumnLineage(testManifest([{ name: "raw_sql_only" }]));
    expect(r.models["model.p.raw_sql_only"].level).toBe("model");
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: "TSDBT-E603", message: "1 node has no compiled SQL (model.p.raw_sql_only); its lineage is model-level only." })]);
  });
});
