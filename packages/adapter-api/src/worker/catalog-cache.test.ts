import type { RelationRef } from "../relation";
import { CatalogCache, mayChangeCatalog } from "./catalog-cache";

describe("mayChangeCatalog", () => {
  it.each([
    "select * from a",
    "  -- a comment\n/* block */ with x as (select 1) select * from x",
    "insert into a values (1)",
    "merge into a using b on a.id = b.id when matched then delete",
    "delete from a where true;",
    "show terse objects in schema s limit 10000",
    "grant select on a to role r",
    "begin",
    "BEGIN TRANSACTION;",
  ])("leaves the cached listings alone for %j", (sql) => {
    expect(mayChangeCatalog(sql)).toBe(false);
  });

  it.each([
    "create table a as select 1",
    "/* tsdbt */ create or replace view v as select 1",
    "drop table if exists a cascade",
    "alter table a rename to b",
    "rollback",
    "commit",
    "truncate a",
    "call my_procedure()",
    "begin\n  create temp table t as select 1;\nend",
    "select 1; drop table a",
    "declare x int64",
  ])("drops them for %j", (sql) => {
    expect(mayChangeCatalog(sql)).toBe(true);
  });
});

describe("CatalogCache", () => {
  const t = (identifier: string): RelationRef => ({ database: "db", schema: "s", identifier, type: "table" });

  it("lists a schema once, and again after the catalog changed", async () => {
    const cache = new CatalogCache();
    let calls = 0;
    const load = async () => [t(`r${++calls}`)];
    expect(await cache.relations("db", "s", load)).toEqual([t("r1")]);
    expect(await cache.relations("db", "s", load)).toEqual([t("r1")]);
    expect(await cache.relations("db", "other", load)).toEqual([t("r2")]);
    cache.invalidate();
    expect(await cache.relations("db", "s", load)).toEqual([t("r3")]);
    expect(calls).toBe(3);
  });

  it("does not keep a listing that was in flight when the catalog changed", async () => {
    const cache = new CatalogCache();
    let finish!: (r: RelationRef[]) => void;
    const slow = cache.relations("db", "s", () => new Promise<RelationRef[]>((resolve) => (finish = resolve)));
    cache.invalidate();
    finish([t("before_the_create")]);
    await slow;
    expect(await cache.relations("db", "s", async () => [t("after_the_create")])).toEqual([t("after_the_create")]);
  });

  it("keeps a relation's columns until the catalog changes", async () => {
    const cache = new CatalogCache();
    let calls = 0;
    const load = async () => [{ name: `c${++calls}`, dataType: "integer" }];
    const events = { database: "db", schema: "s", identifier: "events" };
    expect(await cache.columns(events, load)).toEqual([{ name: "c1", dataType: "integer" }]);
    expect(await cache.columns({ ...events }, load)).toEqual([{ name: "c1", dataType: "integer" }]);
    expect(await cache.columns({ ...events, identifier: "other" }, load)).toEqual([{ name: "c2", dataType: "integer" }]);
    cache.invalidate();
    expect(await cache.columns(events, load)).toEqual([{ name: "c3", dataType: "integer" }]);
  });

  it("reads a listed schema's columns at once after the third relation asked for, until the catalog changes", async () => {
    const cache = new CatalogCache();
    const names = ["a", "b", "c", "d", "e"];
    await cache.relations("db", "s", async () => names.map(t));
    const single: string[] = [];
    let wholeReads = 0;
    const column = (relation: string) => [{ name: `${relation}_id`, dataType: "integer" }];
    const ask = (identifier: string) =>
      cache.columns(
        { database: "db", schema: "s", identifier },
        async () => (single.push(identifier), column(identifier)),
        async () => (wholeReads++, new Map(names.filter((n) => n !== "e").map((n) => [n, column(n)]))),
      );
    expect(await ask("a")).toEqual(column("a"));
    expect(await ask("b")).toEqual(column("b"));
    expect(await ask("c")).toEqual(column("c"));
    expect(await ask("d")).toEqual(column("d"));
    // a relation the schema's read did not return is read on its own
    expect(await ask("e")).toEqual(column("e"));
    expect([single, wholeReads]).toEqual([["a", "b", "e"], 1]);
    cache.invalidate();
    await cache.relations("db", "s", async () => names.map(t));
    expect(await ask("d")).toEqual(column("d"));
    expect([single, wholeReads]).toEqual([["a", "b", "e", "d"], 1]);
  });

  it("reads a large schema's columns one relation at a time", async () => {
    const cache = new CatalogCache();
    const many = Array.from({ length: 501 }, (_, i) => `r${i}`);
    await cache.relations("db", "s", async () => many.map(t));
    let wholeReads = 0;
    for (const identifier of many.slice(0, 5)) {
      await cache.columns({ database: "db", schema: "s", identifier }, async () => [], async () => (wholeReads++, new Map()));
    }
    expect(wholeReads).toBe(0);
  });

  it("answers no columns, without reading them, for a relation the schema's current listing lacks", async () => {
    const cache = new CatalogCache();
    let reads = 0;
    const load = async () => {
      reads++;
      return [{ name: "id", dataType: "integer" }];
    };
    await cache.relations("db", "s", async () => [t("Orders")]);
    expect(await cache.columns({ database: "db", schema: "s", identifier: "not_built_yet" }, load)).toEqual([]);
    expect(await cache.columns({ database: "db", schema: "s", identifier: "orders" }, load)).toEqual([{ name: "id", dataType: "integer" }]);
    expect(reads).toBe(1);
  });

  it("does not keep a failed listing", async () => {
    const cache = new CatalogCache();
    await expect(cache.relations("db", "s", () => Promise.reject(new Error("timeout")))).rejects.toThrow("timeout");
    expect(await cache.relations("db", "s", async () => [t("x")])).toEqual([t("x")]);
  });
});
