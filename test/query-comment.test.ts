/**
 * dbt_project.yml's `query-comment`: the statements of a node's build reach the warehouse with
 * dbt's comment. A post-hook stores what DuckDB saw as its own statement (`current_query()`), so
 * the test reads the warehouse, not tsdbt's logs. Expected texts: what dbt-core 1.10.23 sends on
 * PostgreSQL for the same settings (its default comment, and `append: true` with a template).
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { BASE_FILES, DUCKDB_FILE, makeProject, removeAllProjects, runApi, type FixtureProject } from "./helpers/fixture-project";

afterAll(() => removeAllProjects());

const MODEL = `{{ config(materialized='table', post_hook="create table seen_by_warehouse as select current_query() as q") }}\nselect 1 as id\n`;

async function seenByWarehouse(queryComment: string | null): Promise<string> {
  const project: FixtureProject = makeProject({
    "dbt_project.yml": BASE_FILES["dbt_project.yml"] + (queryComment ?? ""),
    "models/m.sql": MODEL,
    "models/customers.sql": null,
    "models/orders.sql": null,
    "models/customer_orders.sql": null,
    "models/schema.yml": null,
  });
  const run = await runApi(["run", "-s", "m"], { project });
  expect(run.exitCode).toBe(0);
  const instance = await DuckDBInstance.create(project.file(DUCKDB_FILE));
  try {
    const rows = (await (await instance.connect()).runAndReadAll("select q from seen_by_warehouse")).getRowObjectsJson();
    return String(rows[0]!.q);
  } finally {
    instance.closeSync();
  }
}

describe("query-comment", () => {
  it("puts dbt's default comment, naming the node, before every statement of the build", async () => {
    expect(await seenByWarehouse(null)).toBe(
      '/* {"app": "dbt", "dbt_version": "1.10.23", "profile_name": "fixture", "target_name": "dev", "node_id": "model.fixture.m"} */\ncreate table seen_by_warehouse as select current_query() as q',
    );
  });

  it("renders the project's template in the node's context and appends it when asked", async () => {
    const config = 'query-comment:\n  comment: "run by {{ target.name }} for {{ node.unique_id if node else connection_name }}"\n  append: true\n';
    expect(await seenByWarehouse(config)).toBe("create table seen_by_warehouse as select current_query() as q\n/* run by dev for model.fixture.m */");
  });

  it("comments a data test's query too", async () => {
    // the test fails (returns a row) when its query reached DuckDB without the comment
    const files = { "models/m.sql": "select 1 as id\n", "tests/commented.sql": "select 1 as failure where current_query() not like '/* {\"app\": \"dbt\"%'\n" };
    const commented = await runApi(["build"], { project: makeProject({ ...files, "models/schema.yml": null }) });
    expect(commented.exitCode).toBe(0);
    const plain = await runApi(["build"], { project: makeProject({ ...files, "models/schema.yml": null, "dbt_project.yml": BASE_FILES["dbt_project.yml"] + "query-comment: null\n" }) });
    expect(plain.exitCode).toBe(1);
  });

  it("comments what templates send themselves: run_query in a model, the run's hooks, a run-operation", async () => {
    // each statement stores the text DuckDB received (current_query()); dbt-core 1.10.23 sends
    // the same comments on PostgreSQL: the node's for a model's run_query, connection "master"
    // for on-run-start and on-run-end, "macro_<name>" for a run-operation
    const project = makeProject({
      "dbt_project.yml":
        BASE_FILES["dbt_project.yml"] +
        'on-run-start: ["create or replace table seen_by_hook as select current_query() as q"]\non-run-end: ["create or replace table seen_by_end_hook as select current_query() as q"]\n',
      "models/m.sql": "{% if execute %}{% set seen = run_query('select current_query() as q').columns[0].values()[0] %}{% endif %}\nselect '{{ (seen or '') | replace(\"'\", \"''\") }}' as q\n",
      "macros/record.sql": "{% macro record() %}{% do run_query('create table seen_by_operation as select current_query() as q') %}{% endmacro %}\n",
      "models/customers.sql": null,
      "models/orders.sql": null,
      "models/customer_orders.sql": null,
      "models/schema.yml": null,
    });
    expect((await runApi(["run", "-s", "m"], { project })).exitCode).toBe(0);
    expect((await runApi(["run-operation", "record"], { project })).exitCode).toBe(0);
    const instance = await DuckDBInstance.create(project.file(DUCKDB_FILE));
    try {
      const connection = await instance.connect();
      const seen = async (table: string) => String((await connection.runAndReadAll(`select q from ${table}`)).getRowObjectsJson()[0]!.q);
      const comment = (who: string) => `/* {"app": "dbt", "dbt_version": "1.10.23", "profile_name": "fixture", "target_name": "dev", ${who}} */\n`;
      // run_query sends its SQL as dbt's run_query macro does, on an indented line of its own
      expect(await seen("m")).toBe(comment('"node_id": "model.fixture.m"') + "\n    select current_query() as q\n  ");
      expect(await seen("seen_by_hook")).toBe(comment('"connection_name": "master"') + "create or replace table seen_by_hook as select current_query() as q");
      expect(await seen("seen_by_end_hook")).toBe(comment('"connection_name": "master"') + "create or replace table seen_by_end_hook as select current_query() as q");
      expect(await seen("seen_by_operation")).toBe(comment('"connection_name": "macro_record"') + "\n    create table seen_by_operation as select current_query() as q\n  ");
    } finally {
      instance.closeSync();
    }
  });

  it("sends no comment when the project turns it off", async () => {
    expect(await seenByWarehouse("query-comment: null\n")).toBe("create table seen_by_warehouse as select current_query() as q");
  });
});
