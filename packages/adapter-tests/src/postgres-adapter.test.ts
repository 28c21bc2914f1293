/**
 * PostgreSQL-specific adapter behaviour beyond the conformance suite: capabilities from the
 * server version, connection settings, error codes, type names and the worker bridge.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startAdapterWorker, type Adapter, type AdapterError, type ProfileTarget } from "@tsdbt/adapter-api";
import { createAdapter, PostgresAdapter } from "@tsdbt/adapter-postgres";
import { startTestPostgres, uniqueSchemaName, type TestPostgres } from "./postgres-server";

let server: TestPostgres;
let dir: string;
beforeAll(async () => {
  server = await startTestPostgres();
  dir = mkdtempSync(join(tmpdir(), "tsdbt-pg-"));
}, 120000);
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const target = (extra: Record<string, unknown> = {}): ProfileTarget => ({
  type: "postgres",
  host: server.host,
  port: server.port,
  user: server.user,
  password: server.password,
  dbname: server.database,
  schema: "public",
  threads: 2,
  ...extra,
});

async function withAdapter<T>(extra: Record<string, unknown>, fn: (adapter: Adapter) => Promise<T>): Promise<T> {
  const adapter = createAdapter(target(extra), { projectDir: dir, targetPath: dir });
  try {
    await adapter.open();
    return await fn(adapter);
  } finally {
    await adapter.close();
  }
}

describe("postgres adapter", () => {
  it("offers MERGE exactly when the server is PostgreSQL 15 or newer", async () => {
    await withAdapter({}, async (adapter) => {
      const [row] = (await adapter.execute("select current_setting('server_version_num') as v")).rows;
      expect(adapter.capabilities.merge).toBe(Number(row!.v) >= 150000);
      expect((adapter as PostgresAdapter).server?.versionNum).toBe(Number(row!.v));
      expect(adapter.capabilities.transactionalDdl).toBe(true);
    });
  });

  it("names result column types as PostgreSQL does and reads wide numbers and time zones as plain values", async () => {
    await withAdapter({}, async (adapter) => {
      const result = await adapter.execute(
        "select cast(12345678.25 as numeric(12, 2)) as amount, cast('ab' as varchar(5)) as code, " +
          "cast('2024-01-02 03:04:05.5+00' as timestamptz) at time zone 'UTC' as utc, cast(null as bigint) as nothing",
      );
      expect(result.columns.map((c) => c.type)).toEqual(["numeric(12,2)", "character varying(5)", "timestamp without time zone", "bigint"]);
      expect(result.rows).toEqual([{ amount: 12345678.25, code: "ab", utc: "2024-01-02 03:04:05.500000", nothing: null }]);
    });
  });

  it("reads a schema's columns in one query exactly as it reads each relation's", async () => {
    const schema = uniqueSchemaName("schema_columns");
    await withAdapter({}, async (adapter) => {
      try {
        await adapter.execute(`create schema ${schema}`);
        await adapter.execute(`create table ${schema}.orders (id integer not null, code varchar(5), amount numeric(10,2), tags text[], at timestamp)`);
        await adapter.execute(`comment on column ${schema}.orders.code is 'the code'`);
        await adapter.execute(`create view ${schema}.paid as select id, amount from ${schema}.orders`);
        await adapter.execute(`create sequence ${schema}.counter`);
        const whole = await adapter.getSchemaColumns!(null, schema);
        expect([...whole.keys()].sort()).toEqual(["orders", "paid"]);
        for (const identifier of ["orders", "paid"]) expect(whole.get(identifier)).toEqual(await adapter.getColumns({ database: null, schema, identifier }));
        expect(whole.get("orders")!.map((c) => [c.name, c.dataType, c.nullable, c.comment])).toEqual([
          ["id", "integer", false, null],
          ["code", "character varying(5)", true, "the code"],
          ["amount", "numeric(10,2)", true, null],
          ["tags", "text[]", true, null],
          ["at", "timestamp without time zone", true, null],
        ]);
      } finally {
        await adapter.execute(`drop schema if exists ${schema} cascade`);
      }
    });
  });

  it("sets search_path and role on every connection", async () => {
    const schema = uniqueSchemaName("tsdbt_sp");
    await withAdapter({ search_path: `"${schema}", public`, role: server.user }, async (adapter) => {
      await adapter.execute(`create schema "${schema}"`, { fetch: false });
      try {
        await adapter.execute("create table placed_by_search_path (v integer)", { fetch: false });
        expect((await adapter.listRelations(null, schema)).map((r) => r.identifier)).toEqual(["placed_by_search_path"]);
        expect((await adapter.execute("select current_user as u")).rows).toEqual([{ u: server.user }]);
      } finally {
        await adapter.execute(`drop schema "${schema}" cascade`, { fetch: false });
      }
    });
  });

  it("fails to connect with TSDBT-E101, the address and a hint, after its retries", async () => {
    const adapter = createAdapter(target({ port: 1, retries: 1, connect_timeout: 2 }), { projectDir: dir, targetPath: dir });
    const error = (await adapter.open().then(() => null, (e: unknown) => e)) as AdapterError;
    expect(error.code).toBe("TSDBT-E101");
    expect(error.message).toMatch(/^Could not connect to PostgreSQL at .*:1 as /);
    expect(error.hint).toMatch(/host, port, user, password and dbname/);
    await adapter.close();
  });

  it("keeps the server's own message for SQL errors and reopens on use after close, like the DuckDB adapter", async () => {
    const adapter = createAdapter(target(), { projectDir: dir, targetPath: dir });
    await expect(adapter.execute("select * from no_such_table_here")).rejects.toThrow(/relation "no_such_table_here" does not exist/);
    const open = adapter.execute("select 1");
    await open;
    await adapter.close();
    await expect(adapter.execute("select 1")).resolves.toBeDefined();
    await adapter.close();
  });

  it("runs behind the worker bridge with blocking calls, as the CLI uses it", async () => {
    const worker = await startAdapterWorker(target({ threads: 2 }), { projectDir: dir, targetPath: dir });
    try {
      expect(worker.capabilities.transactionalDdl).toBe(true);
      expect(worker.executeSync("select cast(2 as bigint) as two, cast('2024-03-01' as date) as d").rows).toEqual([{ two: 2, d: "2024-03-01" }]);
      expect(worker.listSchemasSync(null)).toContain("public");
    } finally {
      await worker.close();
    }
  });
});
