import { defineDialect, Relation, type Adapter, type RelationRef } from "@tsdbt/adapter-api";
import { clearLeftovers, findRelation, withSuffix } from "./relation-lookup";

const quote = (s: string) => `"${s}"`;
const relation = (identifier: string) => new Relation({ database: "db", schema: "s", identifier }, quote);
const ref = (identifier: string, type: RelationRef["type"] = "table"): RelationRef => ({ database: "db", schema: "s", identifier, type });

/** A catalog holding `relations`; with `filtering`, the adapter looks names up itself (findRelations). */
function catalog(relations: RelationRef[], options: { filtering?: boolean; maxIdentifierBytes?: number } = {}) {
  const sent: string[] = [];
  const asked: string[][] = [];
  const adapter = {
    dialect: defineDialect({ parserDialect: "postgresql", maxIdentifierBytes: options.maxIdentifierBytes }),
    execute: async (sql: string) => (sent.push(sql), { columns: [], rows: [] }),
    listRelations: async () => relations,
    ...(options.filtering
      ? {
          findRelations: async (_db: string | null, _schema: string, names: string[]) => {
            asked.push(names);
            return relations.filter((r) => names.includes(r.identifier));
          },
        }
      : {}),
  } as unknown as Adapter;
  return { adapter, sent, asked };
}

describe("findRelation", () => {
  it("matches the identifier exactly first, then without regard to case, and tells views from tables", async () => {
    expect(await findRelation(catalog([ref("ORDERS", "view"), ref("orders")]).adapter, relation("orders"))).toEqual({ ref: ref("orders"), kind: "table" });
    expect(await findRelation(catalog([ref("ORDERS", "view")]).adapter, relation("orders"))).toEqual({ ref: ref("ORDERS", "view"), kind: "view" });
    expect(await findRelation(catalog([ref("orders", "materialized_view")]).adapter, relation("orders"))).toMatchObject({ kind: "table" });
    expect(await findRelation(catalog([ref("orders_v2")]).adapter, relation("orders"))).toBeNull();
  });
});

describe("clearLeftovers", () => {
  it("drops the temp and backup relations an interrupted build left, each with its kind, and returns the relation itself", async () => {
    const { adapter, sent } = catalog([ref("m"), ref("m__tsdbt_tmp", "view"), ref("M__TSDBT_BACKUP"), ref("other__tsdbt_tmp")]);
    expect(await clearLeftovers(adapter, relation("m"))).toEqual({ ref: ref("m"), kind: "table" });
    expect(sent).toEqual(['drop view if exists "db"."s"."m__tsdbt_tmp" cascade', 'drop table if exists "db"."s"."m__tsdbt_backup" cascade']);
  });

  it("asks an adapter that can filter for the three names only, shortened to the engine's limit", async () => {
    const long = "x".repeat(60);
    const { adapter, asked } = catalog([], { filtering: true, maxIdentifierBytes: 63 });
    expect(await clearLeftovers(adapter, relation(long))).toBeNull();
    const names = asked[0]!;
    expect(names[0]).toBe(long);
    expect(names.slice(1).map((n) => Buffer.byteLength(n) <= 63)).toEqual([true, true]);
    expect(names.slice(1).map((n) => n === withSuffix(relation(long), "__tsdbt_tmp", 63).identifier || n === withSuffix(relation(long), "__tsdbt_backup", 63).identifier)).toEqual([true, true]);
    expect(new Set(names).size).toBe(3);
  });
});
