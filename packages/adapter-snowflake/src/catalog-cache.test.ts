import { CatalogCache, changesCatalog } from "./catalog-cache";

describe("the Snowflake catalog cache", () => {
  it("tells reads from statements that may change the catalog, leading comments aside", () => {
    expect(["select 1", "  show terse objects in schema A", "describe table T", "/* tag */ with x as (select 1) select * from x", "-- note\nselect 2"].map(changesCatalog)).toEqual([false, false, false, false, false]);
    expect(["create or replace table T as (select 1)", "drop view if exists V", "merge into T using S on true when matched then delete", "alter table T add column c int", "/* tag */ insert into T values (1)", "begin"].map(changesCatalog)).toEqual([true, true, true, true, true, true]);
  });

  it("answers a read from the cache until a write starts, and never keeps a read that overlapped a write", async () => {
    const cache = new CatalogCache<string>();
    let loads = 0;
    const load = async () => `v${++loads}`;
    expect(await cache.read("A", load)).toBe("v1");
    expect(await cache.read("A", load)).toBe("v1");
    let finishWrite!: () => void;
    const write = cache.writing(() => new Promise<void>((resolve) => (finishWrite = resolve)));
    expect(cache.peek("A")).toBeUndefined();
    expect(await cache.read("A", load)).toBe("v2"); // read while the write runs
    finishWrite();
    await write;
    expect(cache.peek("A")).toBeUndefined();
    expect(await cache.read("A", load)).toBe("v3");
  });

  it("forgets a failed read", async () => {
    const cache = new CatalogCache<string>();
    await expect(cache.read("A", () => Promise.reject(new Error("offline")))).rejects.toThrow("offline");
    expect(await cache.read("A", async () => "back")).toBe("back");
  });
});
