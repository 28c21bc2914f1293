import type { ConformanceContext } from "./context";

/** The Adapter interface itself: plain values, catalog, transactions, cancellation. */
export function describeAdapterBasics(t: ConformanceContext): void {
  describe("adapter basics", () => {
    it("returns plain JavaScript values with column names and types", async () => {
      const result = await t.adapter.execute(
        "select cast(1 as integer) as i, cast(9007199254740993 as bigint) as big, cast(42 as bigint) as small_big, " +
          "cast(1.25 as decimal(10, 2)) as d, cast('2024-01-02' as date) as dt, " +
          "cast('2024-01-02 03:04:05.5' as timestamp) as ts, cast('2024-01-02 03:04:05' as timestamp) as ts0, " +
          "true as b, cast(null as integer) as n, 'x' as s",
      );
      const rows = result.rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [t.name(k), v])));
      expect(rows).toEqual([
        { i: 1, big: "9007199254740993", small_big: 42, d: 1.25, dt: "2024-01-02", ts: "2024-01-02 03:04:05.500000", ts0: "2024-01-02 03:04:05", b: true, n: null, s: "x" },
      ]);
      expect(result.columns.map((c) => t.name(c.name))).toEqual(["i", "big", "small_big", "d", "dt", "ts", "ts0", "b", "n", "s"]);
      expect(result.columns.every((c) => typeof c.type === "string" && c.type.length > 0)).toBe(true);
      expect(structuredClone(result.rows)).toEqual(result.rows);
    });

    it("reports column types of an empty result and honours limit", async () => {
      const empty = await t.adapter.execute(t.adapter.dialect.limit("select cast(1 as integer) as a, 'x' as b", 0));
      expect(empty.rows).toEqual([]);
      expect(empty.columns.map((c) => t.name(c.name))).toEqual(["a", "b"]);
      const limited = await t.adapter.execute("select 1 as v union all select 2 union all select 3", { limit: 2 });
      expect(limited.rows).toHaveLength(2);
    });

    it("lists schemas, relations and columns from the catalog", async () => {
      await t.adapter.execute(t.adapter.dialect.createSchema(t.adapter.defaultDatabase, t.schema), { fetch: false });
      await t.adapter.execute(`create table ${t.rel("tbl")} (id integer not null, name varchar)`, { fetch: false });
      await t.adapter.execute(`create view ${t.rel("vw")} as select id from ${t.rel("tbl")}`, { fetch: false });
      expect((await t.adapter.listSchemas(t.adapter.defaultDatabase)).map(t.name)).toContain(t.schema);
      const relations = await t.adapter.listRelations(t.adapter.defaultDatabase, t.schema);
      expect(relations.map((r) => [r.identifier, r.type, t.name(r.schema)])).toEqual([
        ["tbl", "table", t.schema],
        ["vw", "view", t.schema],
      ]);
      const columns = await t.adapter.getColumns({ database: t.adapter.defaultDatabase, schema: t.schema, identifier: "tbl" });
      expect(columns.map((c) => [t.name(c.name), c.index, c.nullable])).toEqual([
        ["id", 1, false],
        ["name", 2, true],
      ]);
      expect(await t.adapter.getColumns({ database: t.adapter.defaultDatabase, schema: t.schema, identifier: "missing" })).toEqual([]);
      expect(await t.adapter.listRelations(t.adapter.defaultDatabase, `${t.schema}_missing`)).toEqual([]);
      if (t.adapter.findRelations) {
        const found = await t.adapter.findRelations(t.adapter.defaultDatabase, t.schema, ["vw", "missing"]);
        expect(found.map((r) => [r.identifier, r.type])).toEqual([["vw", "view"]]);
        expect(await t.adapter.findRelations(t.adapter.defaultDatabase, t.schema, [])).toEqual([]);
      }
    });

    // Where DDL commits by itself (Snowflake), the transaction that throws holds DML only.
    it("commits a transaction that resolves and rolls back DDL (where transactional) and DML of one that throws", async () => {
      await t.adapter.execute(t.adapter.dialect.createSchema(t.adapter.defaultDatabase, t.schema), { fetch: false });
      await t.adapter.transaction(async (tx) => {
        await tx.execute(`create table ${t.rel("kept")} (v integer)`, { fetch: false });
        await tx.execute(`insert into ${t.rel("kept")} values (1)`, { fetch: false });
      });
      await expect(
        t.adapter.transaction(async (tx) => {
          if (t.adapter.capabilities.transactionalDdl) await tx.execute(`create table ${t.rel("gone")} (v integer)`, { fetch: false });
          await tx.execute(`insert into ${t.rel("kept")} values (2)`, { fetch: false });
          throw new Error("abandon");
        }),
      ).rejects.toThrow("abandon");
      expect(await t.query(`select v from ${t.rel("kept")}`)).toEqual([{ v: 1 }]);
      const names = (await t.adapter.listRelations(t.adapter.defaultDatabase, t.schema)).map((r) => r.identifier);
      expect(names).toEqual(["kept"]);
    });

    it("reports rows affected by DML", async () => {
      await t.adapter.execute(t.adapter.dialect.createSchema(t.adapter.defaultDatabase, t.schema), { fetch: false });
      await t.adapter.execute(`create table ${t.rel("r")} (v integer)`, { fetch: false });
      const inserted = await t.adapter.execute(`insert into ${t.rel("r")} values (1), (2), (3)`, { fetch: false });
      expect(inserted.rowsAffected).toBe(3);
    });

    const cancelTest = t.options.slowQuery ? it : it.skip;
    cancelTest(`cancels a running statement${t.options.cannotCancel ? ` (skipped: ${t.options.cannotCancel})` : ""}`, async () => {
      const slow = t.options.slowQuery!;
      const started = Date.now();
      let settled = false;
      const running = t.adapter.execute(slow).then(
        () => "finished",
        (error: Error) => error.message,
      );
      void running.then(() => (settled = true));
      // A cancel sent before the statement reaches the engine is a no-op, so cancel until it ends.
      while (!settled && Date.now() - started < 20000) {
        await t.adapter.cancel();
        await Promise.race([running, new Promise((resolve) => setTimeout(resolve, 200))]);
      }
      expect(await running).not.toBe("finished");
      expect(Date.now() - started).toBeLessThan(25000);
      expect(await t.query("select 1 as ok")).toEqual([{ ok: 1 }]);
    });
  });
}
