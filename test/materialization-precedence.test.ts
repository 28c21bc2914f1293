/**
 * End-to-end (DuckDB): which materialization a model runs when the project, a package and tsdbt
 * all offer one, as dbt chooses (checked against dbt-core 1.10 on PostgreSQL with the same
 * layout): the adapter-specific one before `default`, then the root project before packages
 * before the built-ins; a package cannot replace a built-in name such as `table`, the project
 * can. Also: a materialization that returns no relations (TSDBT-E412), one that does not commit
 * (rolled back, as in dbt, with a warning) and an incremental
 * strategy with no macro (TSDBT-E402).
 */
import { makeProject, removeAllProjects, runApi, warehouseRelations } from "./helpers/fixture-project";

const stamp = (name: string, adapter: string, builtBy: string) =>
  `{% materialization ${name}, ${adapter} %}\n` +
  `  {% call statement('main') %}create table {{ this }} as select '${builtBy}' as built_by{% endcall %}\n` +
  `  {{ adapter.commit() }}{{ return({'relations': [this]}) }}\n` +
  `{% endmaterialization %}\n`;

const PACKAGE = {
  "dbt_packages/tagger/dbt_project.yml": "name: tagger\nversion: '1.0.0'\nconfig-version: 2\n",
  "dbt_packages/tagger/macros/materializations.sql": stamp("stamped", "adapter='duckdb'", "package-duckdb") + stamp("table", "default", "package-table"),
};

afterAll(() => removeAllProjects());

async function builtBy(project: ReturnType<typeof makeProject>, table: string): Promise<string> {
  const show = await runApi(["show", "--inline", `select built_by from ${table}`, "--output", "json", "-q"], { project });
  return String(JSON.parse(show.stdout).show[0].built_by);
}

describe("materialization precedence", () => {
  it("runs the package's adapter-specific one before the project's default one, and never a package's `table`", async () => {
    const project = makeProject({
      ...PACKAGE,
      "macros/stamped.sql": stamp("stamped", "default", "project-default"),
      "models/customers.sql": "{{ config(materialized='stamped') }} select 1 as id",
      "models/orders.sql": "{{ config(materialized='table') }} select 10 as order_id",
      "models/customer_orders.sql": null,
      "models/schema.yml": null,
    });
    const run = await runApi(["run"], { project });
    expect(run.exitCode).toBe(0);
    expect(await builtBy(project, "customers")).toBe("package-duckdb");
    // the built-in table materialization ran: the model's own column, no built_by
    const show = await runApi(["show", "--inline", "select * from orders", "--output", "json", "-q"], { project });
    expect(JSON.parse(show.stdout).show).toEqual([{ order_id: 10 }]);
  }, 60000);

  it("lets the project replace a built-in materialization with `{% materialization table, default %}`", async () => {
    const project = makeProject({
      "macros/table.sql": stamp("table", "default", "project-table"),
      "models/customers.sql": "{{ config(materialized='table') }} select 1 as id",
      "models/customer_orders.sql": null,
      "models/schema.yml": null,
    });
    const run = await runApi(["run", "--log-level", "debug", "-s", "customers"], { project });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/materialization 'table' runs the Jinja macro macro\.fixture\.materialization_table_default/);
    expect(await builtBy(project, "customers")).toBe("project-table");
  }, 60000);

  it("lets the project replace the snapshot materialization with `{% materialization snapshot, default %}`", async () => {
    const project = makeProject({
      "macros/snapshot.sql": stamp("snapshot", "default", "project-snapshot"),
      "snapshots/orders_history.sql": "{% snapshot orders_history %}\n{{ config(target_schema=target.schema, unique_key='id', strategy='check', check_cols='all') }}\nselect 1 as id\n{% endsnapshot %}\n",
      "models/customer_orders.sql": null,
      "models/schema.yml": null,
    });
    const run = await runApi(["snapshot", "--log-level", "debug"], { project });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/materialization 'snapshot' runs the Jinja macro macro\.fixture\.materialization_snapshot_default/);
    expect(await builtBy(project, "orders_history")).toBe("project-snapshot");
  }, 60000);

  it("fails the node with TSDBT-E412 when the materialization returns no relations, and keeps nothing it did", async () => {
    const project = makeProject({
      "macros/forgetful.sql": "{% materialization forgetful, default %}\n{% call statement('main') %}create table {{ this }} as select 1 as id{% endcall %}\n{% endmaterialization %}\n",
      "models/customers.sql": "{{ config(materialized='forgetful') }} select 1 as id",
      "models/customer_orders.sql": null,
      "models/schema.yml": null,
    });
    const run = await runApi(["run", "-s", "customers"], { project });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain("models/customers.sql: TSDBT-E412: The materialization 'forgetful' of customers did not return the relations it built");
    expect(run.stdout).toContain("hint: End the materialization with {{ return({'relations': [target_relation]}) }}.");
    expect(await warehouseRelations(project)).not.toContain("main.customers");
  }, 60000);

  it("rolls back what a materialization did after its last adapter.commit(), as dbt does, and warns", async () => {
    const project = makeProject({
      "macros/uncommitted.sql":
        "{% materialization uncommitted, default %}\n{% call statement('main') %}create table {{ this }} as select 1 as id{% endcall %}\n{{ return({'relations': [this]}) }}\n{% endmaterialization %}\n",
      "models/customers.sql": "{{ config(materialized='uncommitted') }} select 1 as id",
      "models/customer_orders.sql": null,
      "models/schema.yml": null,
    });
    const run = await runApi(["run", "-s", "customers"], { project });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("model.fixture.customers: the materialization 'uncommitted' did not commit its last statement (create table");
    expect(await warehouseRelations(project)).not.toContain("main.customers");
  }, 60000);

  it("tells a statement the warehouse refused (Database Error) from the template's own error (Compilation Error)", async () => {
    const project = makeProject({
      "macros/failing.sql": [
        "{% materialization refused, default %}",
        "  {% call statement('main') %}create table {{ this }} as select * from no_such_table{% endcall %}",
        "  {{ return({'relations': [this]}) }}",
        "{% endmaterialization %}",
        "{% materialization refusing, default %}",
        "  {{ exceptions.raise_compiler_error('refusing to build ' ~ this.identifier) }}",
        "{% endmaterialization %}",
        "",
      ].join("\n"),
      "models/customers.sql": "{{ config(materialized='refused') }} select 1 as id",
      "models/orders.sql": "{{ config(materialized='refusing') }} select 1 as id",
      "models/customer_orders.sql": null,
      "models/schema.yml": null,
    });
    const run = await runApi(["run"], { project });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/Database Error in model customers \(models\/customers\.sql\)\n\s+Catalog Error: Table with name no_such_table does not exist/);
    expect(run.stdout).toMatch(/Compilation Error in model orders \(models\/orders\.sql\)\n\s+refusing to build orders/);
    expect(await warehouseRelations(project)).toEqual([]);
  }, 60000);

  it("names the macro a custom incremental strategy needs when there is none (TSDBT-E402)", async () => {
    const project = makeProject({
      "models/customers.sql": "{{ config(materialized='incremental', incremental_strategy='upsert_latest') }} select 1 as id",
      "models/customer_orders.sql": null,
      "models/schema.yml": null,
    });
    expect((await runApi(["run", "-s", "customers"], { project })).exitCode).toBe(0);
    const second = await runApi(["run", "-s", "customers"], { project });
    expect(second.exitCode).toBe(1);
    expect(second.stdout).toContain("TSDBT-E402: Incremental model customers uses incremental_strategy 'upsert_latest', which tsdbt does not support.");
    expect(second.stdout).toContain("or define a macro named get_incremental_upsert_latest_sql(arg_dict) for a custom strategy.");
  }, 60000);
});
