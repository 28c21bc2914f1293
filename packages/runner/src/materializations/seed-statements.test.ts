/*
 * What a seed sends and reports on DuckDB, also seen through the capabilities of engines without
 * transactional DDL or renames: first load, reload, a view in the way, failures, hooks.
 * (The CSV itself is loaded by the adapter into the temp table, outside the run log.)
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Adapter } from "@tsdbt/adapter-api";
import { openDuckDb, project, rows } from "../__fixtures__/harness";
import { runNodes } from "../run-nodes";
import type { NodeResult, RunEvent } from "../types";

let adapter: Adapter;
let dir: string;
let dispose: () => Promise<void>;
beforeEach(async () => ({ adapter, dir, dispose } = await openDuckDb()));
afterEach(() => dispose());

type Capabilities = Partial<Adapter["capabilities"]>;

/** DuckDB with other capability flags, refusing statements that match `failOn`. */
function engine(capabilities: Capabilities, failOn?: RegExp): Adapter {
  const failing = (execute: Adapter["execute"]): Adapter["execute"] => async (sql, options) => {
    if (failOn?.test(sql)) throw new Error("refused by the test");
    return execute(sql, options);
  };
  return Object.assign(Object.create(adapter) as Adapter, {
    capabilities: { ...adapter.capabilities, ...capabilities },
    execute: failing(adapter.execute.bind(adapter)),
    transaction: <T>(fn: (tx: Pick<Adapter, "execute">) => Promise<T>) => adapter.transaction((tx) => fn({ execute: failing(tx.execute.bind(tx)) })),
  });
}

async function seed(
  csv: string,
  options: { config?: Record<string, unknown>; capabilities?: Capabilities; fullRefresh?: boolean; failOn?: RegExp; uncounted?: boolean } = {},
): Promise<{ result: NodeResult; sent: string[] }> {
  writeFileSync(join(dir, "people.csv"), csv);
  const target = engine(options.capabilities ?? {}, options.failOn);
  // an engine whose bulk load does not say how many rows it loaded
  if (options.uncounted) {
    Object.assign(target, {
      loadCsv: async (...args: Parameters<NonNullable<Adapter["loadCsv"]>>): Promise<number | null> => {
        await adapter.loadCsv!(...args);
        return null;
      },
    });
  }
  const { manifest, compiler, ids } = project(target, [{ name: "people", resourceType: "seed", file: "people.csv", config: options.config ?? {} }]);
  const events: RunEvent[] = [];
  const summary = await runNodes({ manifest, compiler, adapter: target, selected: ids, threads: 1, projectDir: dir, fullRefresh: options.fullRefresh, onEvent: (e) => events.push(e) });
  return { result: summary.results[0]!, sent: events.flatMap((e) => (e.kind === "node_sql" ? [e.sql.replace(/\s+/g, " ")] : [])) };
}

const PEOPLE = '"warehouse"."main"."people"';
const TMP = '"warehouse"."main"."people__tsdbt_tmp"';
const RELOAD = [
  `select * from ( select * from ${PEOPLE} ) as tsdbt_limited limit 0`,
  `delete from ${PEOPLE} where true`,
  `insert into ${PEOPLE} ("id", "Name") select "id", "Name" from ${TMP}`,
  `drop table if exists ${TMP} cascade`,
];
const relations = () => rows(adapter, "select table_name, table_type from information_schema.tables where table_schema = 'main' order by 1");
const columns = async () => (await rows(adapter, "select column_name, data_type from information_schema.columns where table_name = 'people' order by ordinal_position")).map((r) => `${r.column_name as string}:${r.data_type as string}`);

describe("a seed's statements and result", () => {
  it("loads into a temp table renamed into place, then reloads by deleting and inserting, reporting the rows", async () => {
    const first = await seed("id,Name\n1,a\n2,b\n");
    expect([first.result.message, first.result.adapter_response]).toEqual(["INSERT 2", { _message: "INSERT 2", code: "INSERT", rows_affected: 2 }]);
    expect(first.sent).toEqual([`alter table ${TMP} rename to "people"`]);
    const second = await seed("id,Name\n1,a\n2,b\n3,c\n");
    expect([second.result.message, second.result.adapter_response]).toEqual(["INSERT 3", { _message: "INSERT 3", code: "INSERT", rows_affected: 3 }]);
    expect(second.sent).toEqual(RELOAD);
    expect(await relations()).toEqual([{ table_name: "people", table_type: "BASE TABLE" }]);
  });

  it("reloads the same way without transactional DDL, the delete and insert in one transaction", async () => {
    await seed("id,Name\n1,a\n", { capabilities: { transactionalDdl: false } });
    const { result, sent } = await seed("id,Name\n2,b\n", { capabilities: { transactionalDdl: false } });
    expect([result.status, sent]).toEqual(["success", RELOAD]);
    expect(await rows(adapter, 'select id, "Name" from people')).toEqual([{ id: 2, Name: "b" }]);
    // a failing insert rolls the delete back, and the temp table is dropped
    const failed = await seed("id,Name\n3,c\n", { capabilities: { transactionalDdl: false }, failOn: /^insert into/ });
    expect(failed.result.status).toBe("error");
    expect(await rows(adapter, 'select id, "Name" from people')).toEqual([{ id: 2, Name: "b" }]);
    expect(await relations()).toEqual([{ table_name: "people", table_type: "BASE TABLE" }]);
  });

  it("drops the temp table and keeps the rows when a reload fails inside its transaction", async () => {
    await seed("id,Name\n1,a\n");
    const { result } = await seed("id,Name\n2,b\n", { config: { "post-hook": ["select error('post-hook exploded')"] } });
    expect(result.status).toBe("error");
    expect(result.message).toContain("post-hook exploded");
    expect(await rows(adapter, 'select id, "Name" from people')).toEqual([{ id: 1, Name: "a" }]);
    expect(await relations()).toEqual([{ table_name: "people", table_type: "BASE TABLE" }]);
  });

  it("replaces a view in the way with the table, and on --full-refresh rebuilds instead of reloading", async () => {
    await adapter.execute("create view people as select 1 as x");
    expect((await seed("id,Name\n1,a\n")).sent).toEqual([`alter view ${PEOPLE} rename to "people__tsdbt_backup"`, `alter table ${TMP} rename to "people"`, 'drop view if exists "warehouse"."main"."people__tsdbt_backup" cascade']);
    const refreshed = await seed("id,Name\n5,e\n", { fullRefresh: true });
    expect(refreshed.sent).toEqual([`alter table ${PEOPLE} rename to "people__tsdbt_backup"`, `alter table ${TMP} rename to "people"`, 'drop table if exists "warehouse"."main"."people__tsdbt_backup" cascade']);
    expect(await rows(adapter, "select id from people")).toEqual([{ id: 5 }]);
  });

  it("copies the loaded temp table into place where the engine cannot rename", async () => {
    const capabilities = { transactionalDdl: false, renameRelation: false };
    await adapter.execute("create view people as select 1 as x");
    const { result, sent } = await seed("id,Name\n1,a\n2,b\n", { capabilities });
    expect([result.status, result.message]).toEqual(["success", "INSERT 2"]);
    expect(sent).toEqual([`drop view if exists ${PEOPLE} cascade`, `create table ${PEOPLE} as ( select * from ${TMP} )`, `drop table if exists ${TMP} cascade`]);
    expect(await relations()).toEqual([{ table_name: "people", table_type: "BASE TABLE" }]);
    expect(await rows(adapter, 'select id, "Name" from people order by id')).toEqual([{ id: 1, Name: "a" }, { id: 2, Name: "b" }]);
  });

  it("runs its hooks in order around a reload: outside, inside, inside, outside", async () => {
    await adapter.execute("create table audit (step varchar)");
    await seed("id,Name\n1,a\n");
    const config = {
      "pre-hook": [{ sql: "insert into audit values ('pre-outside')", transaction: false }, "insert into audit values ('pre-inside')"],
      "post-hook": [{ sql: "insert into audit values ('post-outside')", transaction: false }, "insert into audit values ('post-inside')"],
    };
    expect((await seed("id,Name\n2,b\n", { config })).result.status).toBe("success");
    expect(await rows(adapter, "select step from audit order by rowid")).toEqual([{ step: "pre-outside" }, { step: "pre-inside" }, { step: "post-inside" }, { step: "post-outside" }]);
  });
});

describe("a seed's rows", () => {
  it("loads blank and null cells as NULL, as dbt does, on the first load and on a reload", async () => {
    await seed("id,Name\n1,null\n2,  \n3,c\n");
    expect(await rows(adapter, 'select id, "Name" from people order by id')).toEqual([
      { id: 1, Name: null },
      { id: 2, Name: null },
      { id: 3, Name: "c" },
    ]);
    await seed("id,Name\n4,NULL\n");
    expect(await rows(adapter, 'select id, "Name" from people')).toEqual([{ id: 4, Name: null }]);
  });

  it("reports the rows the file holds where the engine's load does not count them", async () => {
    const first = await seed("id,Name\n1,a\n2,b\n", { uncounted: true });
    expect([first.result.status, first.result.message]).toEqual(["success", "INSERT 2"]);
    const reload = await seed("id,Name\n1,a\n2,b\n3,c\n", { uncounted: true });
    expect([reload.result.status, reload.result.message]).toEqual(["success", "INSERT 3"]);
  });
});

describe("a seed's columns", () => {
  it("lower-cases the column names with quote_columns: false", async () => {
    await seed("ID,Name\n1,a\n", { config: { quote_columns: false } });
    expect(await columns()).toEqual(["id:INTEGER", "name:VARCHAR"]);
  });

  it("keeps the names as written otherwise", async () => {
    await seed("ID,Name\n1,a\n", { config: { quote_columns: true } });
    expect(await columns()).toEqual(["ID:INTEGER", "Name:VARCHAR"]);
  });

  it("types the columns of a file with a header and no rows as text", async () => {
    const { result } = await seed("id,Name\n");
    expect([result.status, result.message]).toEqual(["success", "INSERT 0"]);
    expect(await columns()).toEqual(["id:VARCHAR", "Name:VARCHAR"]);
  });

  it("reloads when only the case of a column name changed, and asks for --full-refresh when a name or the count changed", async () => {
    await seed("id,Name\n1,a\n");
    expect((await seed("ID,name\n2,b\n")).result.status).toBe("success");
    const renamed = await seed("id,label\n3,c\n");
    expect(renamed.result.message).toBe(
      'Runtime Error in seed people (people.csv)\n  people.csv:1:1: TSDBT-E406: Seed people has columns (id, label) but "warehouse"."main"."people" has (id, Name).\n    hint: Run `tsdbt seed --full-refresh` to rebuild the table with the new columns.',
    );
    expect((await seed("id\n4\n")).result.message).toContain("TSDBT-E406: Seed people has columns (id) but");
    expect(await rows(adapter, 'select id, "Name" from people')).toEqual([{ id: 2, Name: "b" }]);
  });
});
