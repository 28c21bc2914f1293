import { branchRuns, renderStatic, staticParse } from "./static-parse";

describe("staticParse", () => {
  it("reads ref, source and config calls with literal arguments", () => {
    const sql = `{{ config(materialized='table', tags=['a', "b"], meta={'x': 1}, enabled=True) }}
select * from {{ ref('orders') }} join {{ ref('pkg', 'customers', version=2) }} using (id)
{# a comment {{ not_a_call() }} #}
left join {{ source('raw', 'payments') }} p on true`;
    const parsed = staticParse(sql)!;
    expect(parsed).not.toBeNull();
    expect(parsed.calls.map((c) => [c.fn, c.args, c.kwargs])).toEqual([
      ["config", [], { materialized: "table", tags: ["a", "b"], meta: { x: 1 }, enabled: true }],
      ["ref", ["orders"], {}],
      ["ref", ["pkg", "customers"], { version: 2 }],
      ["source", ["raw", "payments"], {}],
    ]);
    expect(parsed.silent.map((t) => t.kind)).toEqual(["comment"]);
    expect(sql.slice(parsed.calls[1].start, parsed.calls[1].end)).toBe("{{ ref('orders') }}");
  });

  it("falls back when a template has statements, other expressions or non-literal arguments", () => {
    expect(staticParse("{% if x %}select 1{% endif %}")).toBeNull();
    expect(staticParse("{% if is_incremental() %}{% if is_incremental() %}{% endif %}{% endif %}")).toBeNull();
    expect(staticParse("{% if is_incremental() %}where x > 1")).toBeNull();
    expect(staticParse("select {{ var('x') ~ 'y' }}")).toBeNull();
    expect(staticParse("select {{ round_to(2.50) }}")).toBeNull(); // a float literal prints as 2.5 in JavaScript
    expect(staticParse("select {{ pick(('a', 'b')) }}")).toBeNull(); // a tuple is not a list
    expect(staticParse("select * from {{ ref(name) }}")).toBeNull();
    expect(staticParse("select * from {{ ref('a') ~ 'b' }}")).toBeNull();
    expect(staticParse("{{ config(materialized=var('m')) }}")).toBeNull();
  });

  it("keeps whitespace-control markers and accepts plain SQL with braces", () => {
    const parsed = staticParse("select '{' as brace, {{- ref('a') -}} x")!;
    expect(parsed.calls[0]).toMatchObject({ fn: "ref", trimLeft: true, trimRight: true });
  });
});

describe("static calls of macros and functions", () => {
  it("reads single calls with literal arguments, namespaced or not", () => {
    const parsed = staticParse("select {{ cents('amount', scale=100) }}, {{ dbt.date_trunc('day', 'ts') }}, {{ var('start') }}")!;
    expect(parsed.calls.map((c) => [c.fn, c.callee, c.args, c.kwargs])).toEqual([
      ["call", "cents", ["amount"], { scale: 100 }],
      ["call", "dbt.date_trunc", ["day", "ts"], {}],
      ["call", "var", ["start"], {}],
    ]);
  });
});

describe("renderStatic", () => {
  const sql = "select * from {{ ref('a') }}\n{% if is_incremental() %}\n  where t > (select max(t) from {{ this }})\n{%- else %}\n  -- full\n{% endif %}\n";
  const values = (c: { fn: string; args: unknown[] }) => (c.fn === "this" ? '"db"."s"."me"' : `"db"."s"."${String(c.args[0])}"`);

  it("keeps the branch of is_incremental() that runs, with whitespace control", () => {
    const parsed = staticParse(sql)!;
    expect(renderStatic(sql, parsed, true, values)).toBe('select * from "db"."s"."a"\n\n  where t > (select max(t) from "db"."s"."me")');
    expect(renderStatic(sql, parsed, false, values)).toBe('select * from "db"."s"."a"\n\n  -- full\n');
  });

  it("marks calls with their branch so parsing can skip what does not run", () => {
    const parsed = staticParse(sql)!;
    expect(parsed.calls.map((c) => [c.fn, c.branch])).toEqual([["ref", "always"], ["this", "incremental"]]);
    expect(branchRuns("incremental", false)).toBe(false);
  });
});
