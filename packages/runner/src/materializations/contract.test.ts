/*
 * Model contracts on DuckDB, tsdbt's embedded default: the pre-flight comparison of the query's
 * columns with the contract's (DuckDB's own type names: a `varchar(5)` keeps a `varchar(10)`
 * contract, `numeric` is DuckDB's DECIMAL(18,3)), the table created with the contract's typed
 * columns and constraints (DuckDB enforces not_null, unique, primary_key, check, foreign_key),
 * views checked but left without constraints, and incremental runs checked before their rows land.
 */
import type { Adapter } from "@tsdbt/adapter-api";
import type { ManifestNode } from "@tsdbt/core";
import { openDuckDb, project, rows, type NodeSpec } from "../__fixtures__/harness";
import { runNodes } from "../run-nodes";
import type { NodeResult, RunEvent } from "../types";

let adapter: Adapter;
let dispose: () => Promise<void>;
beforeEach(async () => ({ adapter, dispose } = await openDuckDb({ threads: 1 })));
afterEach(async () => dispose());

interface ContractSpec extends NodeSpec {
  /** name → [data_type, constraints] */
  contract: Record<string, [string | null, Record<string, unknown>[]?]>;
  constraints?: Record<string, unknown>[];
}

/** Builds the specs (contract enforced); each node's result, statements and warnings. */
async function build(specs: ContractSpec[], fullRefresh = false): Promise<{ results: Record<string, NodeResult>; sent: string[]; warnings: string[] }> {
  const { manifest, compiler, ids } = project(adapter, specs);
  for (const spec of specs) {
    const node = manifest.nodes[`model.proj.${spec.name}`] as ManifestNode;
    node.config.contract = { enforced: true, alias_types: true };
    node.columns = Object.fromEntries(
      Object.entries(spec.contract).map(([name, [dataType, constraints]]) => [name, { name, description: "", meta: {}, data_type: dataType, constraints: constraints ?? [], quote: null, tags: [] }]),
    ) as ManifestNode["columns"];
    node.constraints = spec.constraints ?? [];
  }
  const events: RunEvent[] = [];
  const summary = await runNodes({ manifest, compiler, adapter, selected: ids, threads: 1, projectDir: ".", fullRefresh, onEvent: (e) => events.push(e) });
  return {
    results: Object.fromEntries(summary.results.map((r) => [r.unique_id.replace("model.proj.", ""), r])),
    sent: events.flatMap((e) => (e.kind === "node_sql" ? [e.sql.replace(/\s+/g, " ").trim()] : [])),
    warnings: events.flatMap((e) => (e.kind === "node_debug" && e.level === "warn" ? [e.message] : [])),
  };
}

const tables = async () => (await rows(adapter, "select table_name from information_schema.tables where table_schema = 'main' order by 1")).map((r) => r.table_name);
const columnsOf = async (table: string) =>
  (await rows(adapter, `select column_name, data_type, is_nullable from information_schema.columns where table_name = '${table}' order by ordinal_position`)).map((r) => `${r.column_name} ${r.data_type} ${r.is_nullable}`);
const constraintsOf = async (table: string) =>
  (await rows(adapter, `select constraint_type, constraint_text from duckdb_constraints() where table_name = '${table}' order by 1, 2`)).map((r) => `${r.constraint_type}: ${r.constraint_text}`);

describe("model contracts on DuckDB", () => {
  it("creates a table with the contract's typed columns, in the contract's order, and its constraints, which DuckDB enforces", async () => {
    const parent: ContractSpec = { name: "parent", sql: "select 1 as id, 'a' as code", config: { materialized: "table" }, contract: { id: ["integer", [{ type: "primary_key" }]], code: ["string", [{ type: "unique" }]] } };
    const child: ContractSpec = {
      name: "child",
      sql: "select 'x' as label, 10 as id, 1 as parent_id",
      config: { materialized: "table" },
      dependsOn: ["model.proj.parent"],
      contract: { id: ["integer", [{ type: "not_null" }, { type: "check", expression: "id > 0" }]], label: ["varchar(10)"], parent_id: ["integer"] },
      constraints: [{ type: "foreign_key", columns: ["parent_id"], to: '"main"."parent"', to_columns: ["id"] }, { type: "check", name: "short_label", expression: "length(label) < 5" }],
    };
    const { results, sent, warnings } = await build([parent, child]);
    expect([results.parent!.status, results.child!.status]).toEqual(["success", "success"]);
    expect(warnings).toEqual([]);
    // the contract's order (id, label, parent_id), not the query's; `string` is the generic label of text
    expect(await columnsOf("child")).toEqual(["id INTEGER NO", "label VARCHAR YES", "parent_id INTEGER YES"]);
    expect(await columnsOf("parent")).toEqual(["id INTEGER NO", "code VARCHAR YES"]);
    expect(await constraintsOf("child")).toEqual([
      "CHECK: CHECK((id > 0))",
      "CHECK: CHECK((length(\"label\") < 5))",
      "FOREIGN KEY: FOREIGN KEY (parent_id) REFERENCES parent(id)",
      "NOT NULL: NOT NULL",
    ]);
    expect(await rows(adapter, "select id, label, parent_id from child")).toEqual([{ id: 10, label: "x", parent_id: 1 }]);
    await expect(adapter.execute("insert into child values (-1, 'y', 1)")).rejects.toThrow(/CHECK constraint failed/);
    await expect(adapter.execute("insert into child values (2, 'y', 99)")).rejects.toThrow(/foreign key/i);
    await expect(adapter.execute("insert into parent values (1, 'b')")).rejects.toThrow(/violates primary key constraint/);
    // the statements: the query's columns, the contract's columns, then the typed table filled in the contract's order
    const childStatements = sent.filter((s) => s.includes("10 as id"));
    expect(childStatements[0]).toBe("select * from ( select 'x' as label, 10 as id, 1 as parent_id ) as __dbt_sbq where false limit 0");
    expect(sent).toContain("select * from ( select cast(null as integer) as id, cast(null as varchar(10)) as label, cast(null as integer) as parent_id ) as __dbt_sbq where false limit 0");
    expect(childStatements[1]).toBe(
      'create table "warehouse"."main"."child" ( id integer not null check (id > 0), label varchar(10), parent_id integer, foreign key (parent_id) references "main"."parent" (id), constraint short_label check (length(label) < 5) ) ; insert into "warehouse"."main"."child" ( id, label, parent_id ) ( select id, label, parent_id from ( select \'x\' as label, 10 as id, 1 as parent_id ) as model_subq )',
    );
  });

  it("fails a model whose columns break the contract with dbt's table of differences, in DuckDB's type names, and builds nothing", async () => {
    const spec: ContractSpec = {
      name: "m",
      sql: "select 1::bigint as id, 'a' as extra, 2.5::numeric(5,2) as amount",
      config: { materialized: "table" },
      contract: { id: ["integer"], amount: ["numeric"], missing_one: ["text"] },
    };
    const { results, warnings } = await build([spec]);
    expect(results.m!.status).toBe("error");
    expect(results.m!.message).toBe(
      [
        "Compilation Error in model m (models/m.sql)",
        "  This model has an enforced contract that failed.",
        "  Please ensure the name, data_type, and number of columns in your contract match the columns in your model's definition.",
        "  ",
        "  | column_name | definition_type | contract_type | mismatch_reason       |",
        "  | ----------- | --------------- | ------------- | --------------------- |",
        "  | amount      | DECIMAL(5,2)    | DECIMAL(18,3) | data type mismatch    |",
        "  | extra       | VARCHAR         |               | missing in contract   |",
        "  | id          | BIGINT          | INTEGER       | data type mismatch    |",
        "  | missing_one |                 | VARCHAR       | missing in definition |",
        "  ",
      ].join("\n"),
    );
    expect(warnings).toEqual(["Detected columns with numeric type and unspecified precision/scale, this can lead to unintended rounding: ['amount']`"]);
    expect(await tables()).toEqual([]);
  });

  it("fails a contract column without a data_type, and a contract without columns, with dbt's messages", async () => {
    const untyped: ContractSpec = { name: "untyped", sql: "select 1 as id, 'a' as name", config: { materialized: "table" }, contract: { id: ["integer"], name: [null] } };
    const empty: ContractSpec = { name: "empty", sql: "select 1 as id", config: { materialized: "table" }, contract: {} };
    const { results } = await build([untyped, empty]);
    expect(results.untyped!.message).toBe(
      "Compilation Error in model untyped (models/untyped.sql)\n  Contracted models require data_type to be defined for each column. Please ensure that the column name and data_type are defined within the YAML configuration for the ['name'] column(s).",
    );
    expect(results.empty!.message).toBe("Compilation Error in model empty (models/empty.sql)\n  This model has an enforced contract, and its 'columns' specification is missing");
    expect(await tables()).toEqual([]);
  });

  it("keeps the previous table when a rebuild breaks the contract", async () => {
    const first: ContractSpec = { name: "m", sql: "select 1 as id", config: { materialized: "table" }, contract: { id: ["integer"] } };
    expect((await build([first])).results.m!.status).toBe("success");
    const broken = { ...first, sql: "select 'one' as id" };
    expect((await build([broken])).results.m!.message).toContain("| id          | VARCHAR         | INTEGER       | data type mismatch |");
    expect(await rows(adapter, "select id from m")).toEqual([{ id: 1 }]);
  });

  it("checks a view's columns but gives it no constraints", async () => {
    const view: ContractSpec = { name: "v", sql: "select 1 as id", config: { materialized: "view" }, contract: { id: ["integer", [{ type: "not_null" }]] } };
    const { results, sent } = await build([view]);
    expect(results.v!.status).toBe("success");
    expect(sent.filter((s) => s.includes("__dbt_sbq"))).toHaveLength(2);
    expect(sent.some((s) => /^create (or replace )?view .* as \( select 1 as id \)$/.test(s))).toBe(true);
    const wrong = { ...view, sql: "select 'a' as id" };
    expect((await build([wrong])).results.v!.status).toBe("error");
    expect(await rows(adapter, "select id from v")).toEqual([{ id: 1 }]);
  });

  it("checks each incremental run's new rows before they are merged, and creates the first build's table typed", async () => {
    const spec: ContractSpec = {
      name: "events",
      sql: ({ isIncremental }) => (isIncremental ? "select 2 as id, 'two' as name" : "select 1 as id, 'one' as name"),
      config: { materialized: "incremental", unique_key: "id", on_schema_change: "append_new_columns" },
      contract: { id: ["integer", [{ type: "not_null" }, { type: "unique" }]], name: ["text"] },
    };
    expect((await build([spec])).results.events!.status).toBe("success");
    expect(await constraintsOf("events")).toEqual(["NOT NULL: NOT NULL", "UNIQUE: UNIQUE(id)"]);
    const second = await build([spec]);
    expect(second.results.events!.status).toBe("success");
    expect(second.sent.filter((s) => s.includes("__dbt_sbq"))).toEqual([
      "select * from ( select 2 as id, 'two' as name ) as __dbt_sbq where false limit 0",
      "select * from ( select cast(null as integer) as id, cast(null as text) as name ) as __dbt_sbq where false limit 0",
    ]);
    const broken = { ...spec, sql: ({ isIncremental }: { isIncremental: boolean }) => (isIncremental ? "select 3 as id" : "select 1 as id, 'one' as name") };
    const third = await build([broken]);
    expect(third.results.events!.message).toContain("| name        |                 | VARCHAR       | missing in definition |");
    expect(await rows(adapter, "select id, name from events order by id")).toEqual([
      { id: 1, name: "one" },
      { id: 2, name: "two" },
    ]);
  });
});
