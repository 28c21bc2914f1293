/**
 * `store_failures`: the failing rows of a data test kept in the audit schema, replaced on every run
 * (a table by a view and back), against DuckDB.
 */
import { Relation, type Adapter } from "@tsdbt/adapter-api";
import type { ManifestNode } from "@tsdbt/core";
import { openDuckDb, rows } from "../__fixtures__/harness";
import type { ExecutionEnvironment } from "../execute-node";
import { runStoredDataTest } from "./store-failures";

let adapter: Adapter;
let dispose: () => Promise<void>;
let environment: ExecutionEnvironment;

beforeAll(async () => {
  ({ adapter, dispose } = await openDuckDb({ threads: 1 }));
  await adapter.execute("create table main.orders as select * from (values (1), (2), (3), (4)) as t(id)", { fetch: false });
  environment = {
    adapter,
    compiler: { relationOf: () => ({ database: adapter.defaultDatabase, schema: "main_dbt_test__audit", identifier: "not_null_orders_id" }) } as unknown as ExecutionEnvironment["compiler"],
    fullRefresh: false,
    projectDir: ".",
    ensureSchema: async (relation: Relation) => {
      await adapter.execute(`create schema if not exists ${adapter.dialect.quote(relation.schema!)}`, { fetch: false });
    },
  };
});
afterAll(() => dispose());

const testNode = { unique_id: "test.proj.not_null_orders_id", name: "not_null_orders_id", original_file_path: "models/schema.yml", config: {} } as unknown as ManifestNode;
const audit = "main_dbt_test__audit.not_null_orders_id";
const kind = async () => (await rows(adapter, "select table_type from information_schema.tables where table_schema = 'main_dbt_test__audit' and table_name = 'not_null_orders_id'")).map((r) => r.table_type);

test("keeps the failing rows in a table named after the test, replaced on the next run, then as a view and back", async () => {
  // another test's failures in the same audit schema stay untouched
  await adapter.execute("create schema if not exists main_dbt_test__audit", { fetch: false });
  await adapter.execute("create table main_dbt_test__audit.accepted_values_orders_id as select 7 as id", { fetch: false });
  const first = await runStoredDataTest(environment, testNode, "select * from main.orders where id <= 3", "table");
  expect(first).toMatchObject({ status: "fail", failures: 3, message: "Got 3 results, configured to fail if != 0" });
  expect(first.relationName).toBe(new Relation({ database: adapter.defaultDatabase, schema: "main_dbt_test__audit", identifier: "not_null_orders_id" }, adapter.dialect.quote).render());
  expect(await kind()).toEqual(["BASE TABLE"]);
  expect(await rows(adapter, `select id from ${audit} order by id`)).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);

  // the next run replaces the table: the rows are the new failures, not both runs'
  expect(await runStoredDataTest(environment, testNode, "select * from main.orders where id = 4", "table")).toMatchObject({ failures: 1 });
  expect(await rows(adapter, `select id from ${audit}`)).toEqual([{ id: 4 }]);

  // store_failures_as: view drops the table and keeps a view, which follows the data
  expect(await runStoredDataTest(environment, testNode, "select * from main.orders where id >= 2", "view")).toMatchObject({ failures: 3 });
  expect(await kind()).toEqual(["VIEW"]);
  await adapter.execute("insert into main.orders values (5)", { fetch: false });
  expect(await rows(adapter, `select count(*)::int as n from ${audit}`)).toEqual([{ n: 4 }]);

  // and back to a table, which drops the view
  expect(await runStoredDataTest(environment, testNode, "select * from main.orders where id > 10", "table")).toEqual(
    expect.objectContaining({ status: "pass", failures: 0, message: null }),
  );
  expect(await kind()).toEqual(["BASE TABLE"]);
  expect(await rows(adapter, "select id from main_dbt_test__audit.accepted_values_orders_id")).toEqual([{ id: 7 }]);
});

test("the statements are attributed to the test node", async () => {
  const execute = jest.spyOn(adapter, "execute");
  try {
    await runStoredDataTest(environment, testNode, "select * from main.orders where id = 1", "table");
    // drop, create, verdict (the schema is the environment's, created before)
    const own = execute.mock.calls.filter(([sql]) => !sql.startsWith("create schema"));
    expect(own.map(([, options]) => options?.nodeId)).toEqual(["test.proj.not_null_orders_id", "test.proj.not_null_orders_id", "test.proj.not_null_orders_id"]);
  } finally {
    execute.mockRestore();
  }
});
