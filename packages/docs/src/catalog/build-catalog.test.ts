import type { Column, QueryResult, RelationRef } from "@tsdbt/adapter-api";
import type { Manifest } from "@tsdbt/core";
import { buildCatalog, type CatalogSource } from "./build-catalog";

const node = (name: string, materialized: string, schema = "main") => ({
  unique_id: `model.shop.${name}`, resource_type: "model", name, alias: name, database: "db", schema, config: { materialized, enabled: true },
});
const manifest = {
  metadata: { dbt_version: "1.10.0", invocation_id: "inv" },
  nodes: Object.fromEntries([node("Orders", "table"), node("stg", "view"), node("eph", "ephemeral"), node("missing", "table"), node("broken", "table", "other")].map((n) => [n.unique_id, n])),
  sources: { "source.shop.raw.events": { unique_id: "source.shop.raw.events", resource_type: "source", name: "events", identifier: "events", database: "db", schema: "raw" } },
} as unknown as Manifest;

function fakeAdapter(): CatalogSource & { queries: string[] } {
  const relations: Record<string, RelationRef[]> = {
    main: [{ database: "db", schema: "main", identifier: "orders", type: "table" }, { database: "db", schema: "main", identifier: "stg", type: "view" }, { database: "db", schema: "main", identifier: "not_ours", type: "table" }],
    raw: [{ database: "db", schema: "raw", identifier: "events", type: "table" }],
    other: [{ database: "db", schema: "other", identifier: "broken", type: "table" }],
  };
  const queries: string[] = [];
  return {
    queries,
    dialect: { quote: (s: string) => `"${s}"` } as CatalogSource["dialect"],
    listRelations: async (_db, schema) => relations[schema] ?? [],
    getColumns: async (r): Promise<Column[]> => {
      if (r.identifier === "broken") throw new Error("permission denied");
      return [{ name: "id", dataType: "INTEGER", index: 1 }, { name: "note", dataType: "VARCHAR", index: 2, comment: "free text" }];
    },
    execute: async (sql): Promise<QueryResult> => {
      queries.push(sql);
      return { columns: [{ name: "n", type: "BIGINT" }], rows: [{ n: 42n }] };
    },
  };
}

describe("buildCatalog", () => {
  it("describes only the project's existing relations, counts table rows, and collects errors", async () => {
    const adapter = fakeAdapter();
    const catalog = await buildCatalog(manifest, adapter);
    expect(Object.keys(catalog.nodes)).toEqual(["model.shop.Orders", "model.shop.stg"]);
    expect(Object.keys(catalog.sources)).toEqual(["source.shop.raw.events"]);
    const orders = catalog.nodes["model.shop.Orders"];
    expect(orders.metadata).toEqual({ type: "BASE TABLE", schema: "main", name: "orders", database: "db", comment: null, owner: null });
    expect(orders.columns.note).toEqual({ type: "VARCHAR", index: 2, name: "note", comment: "free text" });
    expect(orders.stats.row_count.value).toBe(42);
    expect(catalog.nodes["model.shop.stg"].metadata.type).toBe("VIEW");
    expect(catalog.nodes["model.shop.stg"].stats.row_count).toBeUndefined();
    expect(adapter.queries.sort()).toEqual(['select count(*) as n from "db"."main"."orders"', 'select count(*) as n from "db"."raw"."events"']);
    expect(catalog.errors).toEqual(["Could not describe other.broken: permission denied"]);
  });

  it("skips row counts above the limit", async () => {
    const adapter = fakeAdapter();
    const catalog = await buildCatalog(manifest, adapter, { rowCountLimit: 1 });
    expect(adapter.queries).toEqual([]);
    expect(catalog.nodes["model.shop.Orders"].stats).toEqual({ has_stats: expect.objectContaining({ value: false, include: false }) });
  });
});
