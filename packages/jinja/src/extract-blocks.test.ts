import { extractBlocks } from "./extract-blocks";

describe("extractBlocks", () => {
  it("finds macros with names, arguments and positions", () => {
    const src = "-- header\n{% macro cents_to_dollars(column_name, scale=2) %}\n  ({{ column_name }} / 100)::numeric(16, {{ scale }})\n{% endmacro %}\n\n  {%- macro other() -%}x{%- endmacro -%}\n";
    const { blocks, errors } = extractBlocks(src, "macros/m.sql");
    expect(errors).toEqual([]);
    expect(blocks.map((b) => [b.kind, b.name, b.line, b.col, b.bodyLine])).toEqual([
      ["macro", "cents_to_dollars", 2, 1, 2],
      ["macro", "other", 6, 3, 6],
    ]);
    expect(blocks[0].args).toEqual(["column_name", "scale"]);
    expect(blocks[0].source).toBe("{% macro cents_to_dollars(column_name, scale=2) %}\n  ({{ column_name }} / 100)::numeric(16, {{ scale }})\n{% endmacro %}");
    expect(blocks[0].body).toBe("\n  ({{ column_name }} / 100)::numeric(16, {{ scale }})\n");
    expect(blocks[1].body).toBe("x");
  });

  it("rewrites a test block as a macro named test_<name>", () => {
    const src = "{% test is_even(model, column_name) %}\nselect * from {{ model }}\n{% endtest %}";
    const { blocks } = extractBlocks(src, "tests/generic/t.sql");
    expect(blocks[0]).toMatchObject({ kind: "test", name: "test_is_even", args: ["model", "column_name"] });
    expect(blocks[0].source).toBe("{% macro test_is_even(model, column_name) %}\nselect * from {{ model }}\n{% endmacro %}");
  });

  it("names materializations after their adapter and keeps whitespace control", () => {
    const src = "{%- materialization table, adapter='duckdb' -%}\n{{ return({'relations': []}) }}\n{%- endmaterialization %}\n{% materialization view, default %}{% endmaterialization %}";
    const { blocks, errors } = extractBlocks(src, "m.sql");
    expect(errors).toEqual([]);
    expect(blocks.map((b) => [b.name, b.adapter])).toEqual([
      ["materialization_table_duckdb", "duckdb"],
      ["materialization_view_default", "default"],
    ]);
    expect(blocks[0].source).toBe("{%- macro materialization_table_duckdb() -%}\n{{ return({'relations': []}) }}\n{%- endmacro %}");
  });

  it("finds snapshot and docs blocks", () => {
    const src = "{% docs orders %}\n# Orders\n{% enddocs %}\n{% snapshot orders_snapshot %}\n{{ config(strategy='check') }}\nselect 1\n{% endsnapshot %}";
    const { blocks } = extractBlocks(src, "x.md");
    expect(blocks.map((b) => [b.kind, b.name, b.line, b.bodyLine])).toEqual([
      ["docs", "orders", 1, 1],
      ["snapshot", "orders_snapshot", 4, 4],
    ]);
    expect(blocks[0].body).toBe("\n# Orders\n");
  });

  it("ignores tags in comments, raw sections and strings", () => {
    const src = [
      "{# {% macro commented() %}{% endmacro %} #}",
      "{% raw %}{% macro raw_one() %}{% endmacro %}{% endraw %}",
      "{% macro real(sep='%}') %}{{ '{% endmacro %}' }}{% endmacro %}",
    ].join("\n");
    const { blocks, errors } = extractBlocks(src, "m.sql");
    expect(errors).toEqual([]);
    expect(blocks.map((b) => b.name)).toEqual(["real"]);
    expect(blocks[0].body).toBe("{{ '{% endmacro %}' }}");
  });

  it("keeps nested macros inside their top-level block", () => {
    const src = "{% macro outer() %}{% macro inner() %}i{% endmacro %}{{ inner() }}{% endmacro %}";
    const { blocks } = extractBlocks(src, "m.sql");
    expect(blocks.map((b) => b.name)).toEqual(["outer"]);
    expect(blocks[0].source).toBe(src);
  });

  it("reports an unclosed block at its opening tag", () => {
    const src = "{% macro ok() %}{% endmacro %}\n\n  {% macro broken(a) %}\nselect 1\n";
    const { blocks, errors } = extractBlocks(src, "macros/b.sql");
    expect(blocks.map((b) => b.name)).toEqual(["ok"]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: "TSDBT-J001", file: "macros/b.sql", line: 3, col: 3 });
    expect(errors[0].message).toContain("{% endmacro %}");
    expect(errors[0].snippet).toBe("  {% macro broken(a) %}");
  });

  it("reports an unmatched control-flow end tag and an unterminated tag", () => {
    expect(extractBlocks("x\n{% endif %}", "t.sql").errors[0]).toMatchObject({ code: "TSDBT-J001", line: 2, col: 1 });
    expect(extractBlocks("{% macro a() %}{{ 'x }}{% endmacro %}", "t.sql").errors[0]).toMatchObject({ line: 1, col: 19 });
  });

  // dbt-core 1.10 parses such a file with one UnexpectedJinjaBlockDeprecation warning per tag
  // ("Found unexpected 'endmacro' block tag.") and keeps every macro.
  it("ignores tags between blocks with a warning each, as dbt-core does", () => {
    const src = "text {{ x }}\n{% macro a() %}A{% endmacro %}\n{% endmacro %}\n{% set x = 1 %}\n{% if true %}y{% endif %}\n{% macro b() %}B{% endmacro %}\n{% endtest %}";
    const { blocks, errors, warnings } = extractBlocks(src, "macros/m.sql");
    expect(errors).toEqual([]);
    expect(blocks.map((b) => b.name)).toEqual(["a", "b"]);
    expect(warnings.map((w) => [w.code, w.line, w.col])).toEqual([
      ["TSDBT-W020", 3, 1],
      ["TSDBT-W020", 4, 1],
      ["TSDBT-W020", 5, 1],
      ["TSDBT-W020", 5, 15],
      ["TSDBT-W020", 7, 1],
    ]);
    expect(warnings[0].message).toBe("Found {% endmacro %} outside any macro, test, materialization, snapshot or docs block; it is ignored.");
  });

  it("keeps each block as dbt-core 1.10 keeps it (macro_sql): the blank space a `{%-` opening or `-%}` closing tag takes, none at the file's ends", () => {
    // the file and the macro_sql values dbt-core 1.10.23 wrote for it (dbt parse)
    const src = [
      "",
      "",
      "{%- macro ws_a() -%}",
      "  a",
      "{%- endmacro -%}",
      "",
      "",
      "{%- macro ws_b() %}b{% endmacro %}",
      "",
      "  {%- macro ws_c() %}c{% endmacro %}",
      "{# note #}",
      "{%- macro ws_d() %}d{%- endmacro %}  ",
      "{% set x = 1 -%}",
      "",
      "{%- macro ws_e() %}e{% endmacro -%}",
      "{% test ws_t(model) %}select 1{% endtest %}",
      "\t{%- test ws_u(model) -%}select 2{%- endtest -%}",
      "",
      "",
    ].join("\n");
    const { blocks } = extractBlocks(src, "macros/ws.sql");
    expect(Object.fromEntries(blocks.map((b) => [b.name, b.written]))).toEqual({
      ws_a: "{%- macro ws_a() -%}\n  a\n{%- endmacro -%}\n\n\n",
      ws_b: "{%- macro ws_b() %}b{% endmacro %}",
      ws_c: "\n\n  {%- macro ws_c() %}c{% endmacro %}",
      ws_d: "\n{%- macro ws_d() %}d{%- endmacro %}",
      ws_e: "{%- macro ws_e() %}e{% endmacro -%}\n",
      test_ws_t: "{% test ws_t(model) %}select 1{% endtest %}",
      test_ws_u: "\n\t{%- test ws_u(model) -%}select 2{%- endtest -%}",
    });
  });
});
