import { columnConstraintOf, constraintDialect, modelConstraintOf, tableSpec } from "./constraints";

const quote = (s: string) => `"${s}"`;

describe("a contracted table's columns and constraints", () => {
  it("writes them as dbt-postgres did for the same YAML (custom expressions, named checks, a foreign key by expression)", () => {
    // dbt-core 1.10 + dbt-postgres 1.9 sent, for these constraints:
    // (id integer default 5, other integer, constraint my_c check (other > 0), check (id > 0), foreign key (id) references contract_probe.parent (id))
    const spec = tableSpec(
      [
        { name: "id", data_type: "integer", constraints: [columnConstraintOf({ type: "custom", expression: "default 5" })] },
        { name: "other", data_type: "integer", constraints: [] },
      ],
      [
        modelConstraintOf({ type: "custom", expression: "constraint my_c check (other > 0)" }),
        modelConstraintOf({ type: "check", expression: "id > 0", warn_unsupported: false }),
        modelConstraintOf({ type: "foreign_key", columns: ["id"], expression: "contract_probe.parent (id)" }),
      ],
      constraintDialect("postgres"),
      quote,
    );
    expect(spec).toEqual({
      columns: ["id integer default 5", "other integer"],
      constraints: ["constraint my_c check (other > 0)", "check (id > 0)", "foreign key (id) references contract_probe.parent (id)"],
      warnings: [],
    });
  });

  it("quotes a column marked quote, and leaves out what says nothing (a check without expression, a model not_null)", () => {
    const spec = tableSpec(
      [{ name: "Big Name", quote: true, data_type: "text", constraints: [columnConstraintOf({ type: "check" }), columnConstraintOf({ type: "not_null" }), columnConstraintOf({ type: "unique", expression: "nulls not distinct" })] }],
      [modelConstraintOf({ type: "not_null", columns: ["x"] }), modelConstraintOf({ type: "primary_key", name: "pk", columns: ["a", "b"] })],
      constraintDialect("duckdb"),
      quote,
    );
    expect(spec.columns).toEqual(['"Big Name" text not null unique nulls not distinct']);
    expect(spec.constraints).toEqual(["constraint pk primary key (a, b)"]);
  });

  it("follows each engine's support: dbt's base adapter keeps keys unenforced and refuses check; a warning can be turned off", () => {
    const constraints = [modelConstraintOf({ type: "check", expression: "a > 0" }), modelConstraintOf({ type: "primary_key", columns: ["a"], warn_unenforced: false }), modelConstraintOf({ type: "unique", columns: ["a"] })];
    const spec = tableSpec([], constraints, constraintDialect("trino"), quote);
    expect(spec.constraints).toEqual(["primary key (a)", "unique (a)"]);
    expect(spec.warnings).toEqual([
      "The constraint type check is not supported by trino, and will be ignored. Set 'warn_unsupported: false' on this constraint to ignore this warning.",
      "The constraint type unique is not enforced by trino. The constraint will be included in this model's DDL statement, but it will not guarantee anything about the underlying data. Set 'warn_unenforced: false' on this constraint to ignore this warning.",
    ]);
  });

  it("writes BigQuery's keys `not enforced`, a foreign key to a relation with its columns", () => {
    const spec = tableSpec(
      [{ name: "id", data_type: "int64", constraints: [columnConstraintOf({ type: "primary_key", warn_unenforced: false }), columnConstraintOf({ type: "foreign_key", to: "`p`.`d`.`t`", to_columns: ["id"], warn_unenforced: false })] }],
      [],
      constraintDialect("bigquery"),
      quote,
    );
    expect(spec.columns).toEqual(["id int64 primary key not enforced references `p`.`d`.`t` (id) not enforced"]);
    expect(spec.warnings).toEqual([]);
  });

  it("names a foreign key's table without its database on DuckDB, which refuses keys across databases", () => {
    const key = modelConstraintOf({ type: "foreign_key", columns: ["parent_id"], to: '"warehouse"."main"."parent"', to_columns: ["id"] });
    expect(tableSpec([], [key], constraintDialect("duckdb"), quote).constraints).toEqual(['foreign key (parent_id) references "main"."parent" (id)']);
    expect(tableSpec([], [key], constraintDialect("postgres"), quote).constraints).toEqual(['foreign key (parent_id) references "warehouse"."main"."parent" (id)']);
  });
});
