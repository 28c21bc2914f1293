/**
 * End-to-end (DuckDB): the built-in (TypeScript) materializations send the SQL of the project's
 * overrides of the macros dbt's materializations call — persist_docs pieces, alter_column_type,
 * create_view_as — and say which path each node took; a snapshot whose macros are overridden runs
 * through dbt's snapshot macros.
 */
import { makeProject, removeAllProjects, runApi } from "./helpers/fixture-project";

afterAll(() => removeAllProjects());

describe("overrides of the macros built-in materializations call", () => {
  it("sends the SQL of overridden alter_relation_comment, alter_column_type and create_view_as", async () => {
    const project = makeProject({
      "macros/overrides.sql": [
        "{% macro alter_relation_comment(relation, relation_comment) -%}",
        "  comment on table {{ relation }} is '{{ relation_comment }} (reviewed)'",
        "{%- endmacro %}",
        "{% macro alter_column_type(relation, column_name, new_column_type) -%}",
        "  {% call statement('retype') %}alter table {{ relation }} alter column {{ adapter.quote(column_name) }} set data type {{ new_column_type }}{% endcall %}",
        "{%- endmacro %}",
        "{% macro duckdb__create_view_as(relation, sql) -%}",
        "  create view {{ relation }} as select * from ({{ sql }}) as reviewed where true",
        "{%- endmacro %}",
        "",
      ].join("\n"),
      "models/schema.yml": "version: 2\nmodels:\n  - name: customers\n    description: Our customers\n    config:\n      materialized: table\n      persist_docs: {relation: true}\n",
      "models/orders.sql": "{{ config(materialized='incremental', on_schema_change='sync_all_columns') }}\nselect 10 as order_id, {{ \"'late'\" if is_incremental() else '1' }} as status\n",
      "models/customer_orders.sql": "select * from {{ ref('customers') }}\n",
    });
    expect((await runApi(["run"], { project })).exitCode).toBe(0);
    const second = await runApi(["run", "--log-level", "debug"], { project });
    expect(second.exitCode).toBe(0);
    const log = second.stdout;
    // (sent through run_query, as dbt's persist_docs does: on an indented line of its own)
    expect(log).toMatch(/On model\.fixture\.customers: \n {4}comment on table "[^"]+"\."main"\."customers" is 'Our customers \(reviewed\)'/);
    expect(log).toMatch(/On model\.fixture\.orders: alter table "[^"]+"\."main"\."orders" alter column "status" set data type VARCHAR/);
    expect(log).toMatch(/On model\.fixture\.customer_orders: create view "[^"]+"\."main"\."customer_orders__tsdbt_tmp" as select \* from \(select \* from "[^"]+"\."main"\."customers"\) as reviewed where true/);
    expect(log).toContain("model.fixture.customer_orders: the view step renders the overriding macro(s) macro.fixture.duckdb__create_view_as and sends their SQL.");
    const show = await runApi(["show", "--inline", "select comment from duckdb_tables() where table_name = 'customers'", "--output", "json", "-q"], { project });
    expect(JSON.parse(show.stdout).show).toEqual([{ comment: "Our customers (reviewed)" }]);
    const types = await runApi(["show", "--inline", "select data_type from information_schema.columns where table_name = 'orders' and column_name = 'status'", "--output", "json", "-q"], { project });
    expect(JSON.parse(types.stdout).show).toEqual([{ data_type: "VARCHAR" }]);
  }, 90000);

  it("uses a package's override only when the project's dispatch search order for `dbt` names the package (as dbt does)", async () => {
    const files = {
      "dbt_packages/tagged/dbt_project.yml": "name: tagged\nversion: '1.0.0'\nconfig-version: 2\n",
      "dbt_packages/tagged/macros/create_table_as.sql":
        "{% macro default__create_table_as(temporary, relation, sql) -%}\n  create table {{ relation }} as (select *, 'tagged' as tag from ({{ sql }}) as model_rows)\n{%- endmacro %}\n",
      "models/customers.sql": "{{ config(materialized='table') }} select 1 as id",
      "models/customer_orders.sql": null,
      "models/schema.yml": null,
    };
    const columns = async (project: ReturnType<typeof makeProject>) => {
      expect((await runApi(["run", "-s", "customers"], { project })).exitCode).toBe(0);
      const show = await runApi(["show", "--inline", "select * from customers", "--output", "json", "-q"], { project });
      return JSON.parse(show.stdout).show;
    };
    expect(await columns(makeProject(files))).toEqual([{ id: 1 }]);
    const dispatch = "name: fixture\nversion: '1.0.0'\nconfig-version: 2\nprofile: fixture\ndispatch:\n  - macro_namespace: dbt\n    search_order: ['fixture', 'tagged', 'dbt']\n";
    expect(await columns(makeProject({ ...files, "dbt_project.yml": dispatch }))).toEqual([{ id: 1, tag: "tagged" }]);
  }, 90000);

  it("keeps the TypeScript path when nothing is overridden, and says so at debug level", async () => {
    const project = makeProject();
    const run = await runApi(["run", "--log-level", "debug", "-s", "customers"], { project });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("model.fixture.customers: materialization 'view' runs tsdbt's built-in TypeScript strategy.");
    expect(run.stdout).not.toContain("renders the overriding macro");
  }, 60000);

  it("runs a snapshot through dbt's snapshot macros when one is overridden (check strategy, check_cols 'all')", async () => {
    const source = (run: number) =>
      run === 1 ? "select 1 as id, 'a' as name union all select 2 as id, 'b' as name" : "select 1 as id, 'a' as name union all select 2 as id, 'B' as name union all select 3 as id, 'c' as name";
    const files = (run: number) => ({
      "dbt_project.yml": "name: fixture\nversion: '1.0.0'\nconfig-version: 2\nprofile: fixture\nsnapshot-paths: [snapshots]\n",
      "macros/hash.sql": "{% macro duckdb__snapshot_hash_arguments(args) -%} upper({{ dbt.default__snapshot_hash_arguments(args) }}) {%- endmacro %}\n",
      "snapshots/customers_snapshot.sql": `{% snapshot customers_snapshot %}\n{{ config(unique_key='id', strategy='check', check_cols='all', target_schema='main') }}\n${source(run)}\n{% endsnapshot %}\n`,
    });
    const project = makeProject(files(1));
    const first = await runApi(["snapshot", "--log-level", "debug"], { project });
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toContain("snapshot.fixture.customers_snapshot: the snapshot renders the overriding macro(s) macro.fixture.duckdb__snapshot_hash_arguments and sends their SQL.");
    project.write(files(2));
    const second = await runApi(["snapshot"], { project });
    expect(second.exitCode).toBe(0);
    const show = await runApi(
      ["show", "--inline", "select id, name, dbt_valid_to is null as is_current, dbt_scd_id = upper(dbt_scd_id) as upper_id from main.customers_snapshot order by id, dbt_valid_from", "--output", "json", "-q"],
      { project },
    );
    expect(JSON.parse(show.stdout).show).toEqual([
      { id: 1, name: "a", is_current: true, upper_id: true },
      { id: 2, name: "b", is_current: false, upper_id: true },
      { id: 2, name: "B", is_current: true, upper_id: true },
      { id: 3, name: "c", is_current: true, upper_id: true },
    ]);
  }, 90000);
  it("runs the macro path with a composite unique_key and hard_deletes 'invalidate' (timestamp strategy)", async () => {
    const rows = (run: number) =>
      run === 1
        ? "select 1 as shop, 'a' as sku, 5 as qty, cast('2024-01-01' as timestamp) as changed_at union all select 1 as shop, 'b' as sku, 7 as qty, cast('2024-01-01' as timestamp) as changed_at"
        : "select 1 as shop, 'a' as sku, 6 as qty, cast('2024-01-02' as timestamp) as changed_at";
    const files = (run: number) => ({
      "dbt_project.yml": "name: fixture\nversion: '1.0.0'\nconfig-version: 2\nprofile: fixture\nsnapshot-paths: [snapshots]\n",
      "macros/merge.sql": "{% macro snapshot_merge_sql(target, source, insert_cols) -%} {{ dbt.default__snapshot_merge_sql(target, source, insert_cols) }} {%- endmacro %}\n",
      "snapshots/stock_snapshot.sql": `{% snapshot stock_snapshot %}\n{{ config(unique_key=['shop', 'sku'], strategy='timestamp', updated_at='changed_at', hard_deletes='invalidate', target_schema='main') }}\n${rows(run)}\n{% endsnapshot %}\n`,
    });
    const project = makeProject(files(1));
    expect((await runApi(["snapshot"], { project })).exitCode).toBe(0);
    project.write(files(2));
    expect((await runApi(["snapshot"], { project })).exitCode).toBe(0);
    const show = await runApi(
      ["show", "--inline", "select sku, qty, cast(dbt_valid_from as varchar) as valid_from, dbt_valid_to is null as is_current from main.stock_snapshot order by sku, dbt_valid_from", "--output", "json", "-q"],
      { project },
    );
    expect(JSON.parse(show.stdout).show).toEqual([
      { sku: "a", qty: 5, valid_from: "2024-01-01 00:00:00", is_current: false },
      { sku: "a", qty: 6, valid_from: "2024-01-02 00:00:00", is_current: true },
      { sku: "b", qty: 7, valid_from: "2024-01-01 00:00:00", is_current: false },
    ]);
  }, 90000);
});
