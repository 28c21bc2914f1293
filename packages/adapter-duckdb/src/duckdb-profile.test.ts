import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { AdapterError } from "@tsdbt/adapter-api";
import { createAdapter } from "./duckdb-adapter";
import { describeTarget } from "./describe-target";
import { readDuckDbProfile } from "./duckdb-profile";

const context = { projectDir: "/projects/shop", targetPath: "target" };

describe("readDuckDbProfile", () => {
  it("applies dbt-duckdb's defaults and resolves paths against the project directory", () => {
    expect(readDuckDbProfile({ type: "duckdb", schema: "main" }, context)).toMatchObject({
      path: "/projects/shop/target/tsdbt.duckdb",
      database: "tsdbt",
      schema: "main",
      threads: 1,
    });
    const profile = readDuckDbProfile(
      { type: "duckdb", schema: "dev", path: "data/jaffle.duckdb", threads: 4, attach: [{ path: "../raw.db", read_only: true }] },
      context,
    );
    expect(profile).toMatchObject({ path: "/projects/shop/data/jaffle.duckdb", database: "jaffle", schema: "dev", threads: 4 });
    expect(profile.attach).toEqual([{ path: "/projects/raw.db", alias: "raw", type: null, readOnly: true }]);
    expect(readDuckDbProfile({ type: "duckdb", schema: "main", path: ":memory:" }, context).database).toBe("memory");
  });

  it("rejects a database that is neither the file's catalog nor an attached alias", () => {
    const read = () => readDuckDbProfile({ type: "duckdb", schema: "main", path: "dev.duckdb", database: "prod" }, context);
    expect(read).toThrow(AdapterError);
    expect(read).toThrow(/database is neither the catalog of its path/);
    // a profile value is never quoted back
    expect(read).not.toThrow(/prod/);
    try {
      read();
    } catch (error) {
      expect((error as AdapterError).code).toBe("TSDBT-E042");
      expect((error as AdapterError).hint).toMatch(/set it to the file name without its extension/);
    }
  });

  it("rejects keys of the wrong shape with a sentence naming the key", () => {
    expect(() => readDuckDbProfile({ type: "duckdb", schema: "main", threads: 0 }, context)).toThrow(/threads must be a positive whole number/);
    expect(() => readDuckDbProfile({ type: "duckdb", schema: "main", extensions: "httpfs" }, context)).toThrow(/extensions must be a list/);
    expect(() => readDuckDbProfile({ type: "duckdb", schema: "main", settings: { "bad name": 1 } }, context)).toThrow(/'bad name' is not a valid identifier/);
  });
});

describe("DuckDB adapter: settings, extensions and attachments", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-duckdb-profile-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("applies settings on every connection and builds in an attached database named by `database`", async () => {
    const db = createAdapter(
      {
        type: "duckdb",
        schema: "main",
        path: "main.duckdb",
        database: "lake",
        threads: 2,
        settings: { default_null_order: "nulls_first" },
        extensions: ["json"],
        attach: [{ path: "lake.duckdb" }],
      },
      { projectDir: dir, targetPath: "target" },
    );
    try {
      const settings = await Promise.all([1, 2].map(() => db.execute("select current_setting('default_null_order') as v, current_database() as db")));
      expect(settings.map((r) => r.rows[0])).toEqual([{ v: "NULLS_FIRST", db: "lake" }, { v: "NULLS_FIRST", db: "lake" }]);
      await db.execute("create table built as select 1 as id");
      expect(await db.listRelations("lake", "main")).toEqual([{ database: "lake", schema: "main", identifier: "built", type: "table" }]);
    } finally {
      await db.close();
    }
  });

  it("refuses to download an extension that is not installed locally", async () => {
    const db = createAdapter({ type: "duckdb", schema: "main", path: ":memory:", extensions: ["spatial"] }, { projectDir: dir, targetPath: "target" });
    const failure = await db.open().then(() => null, (error: unknown) => error as AdapterError);
    expect(failure).toBeInstanceOf(AdapterError);
    expect(failure?.code).toBe("TSDBT-E043");
    expect(failure?.message).toMatch(/'spatial' is not installed on this machine/);
    await db.close();
  });
});

describe("describeTarget", () => {
  it("names the default database and schema without opening the file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-duckdb-describe-"));
    try {
      expect(describeTarget({ type: "duckdb", schema: "analytics", path: "warehouse/jaffle_shop.duckdb" }, { projectDir: dir, targetPath: "target" })).toEqual({
        database: "jaffle_shop",
        schema: "analytics",
      });
      expect(fs.existsSync(path.join(dir, "warehouse"))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
