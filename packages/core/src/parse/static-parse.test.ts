import { staticParse } from "./static-parse";

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
    expect(parsed.comments).toHaveLength(1);
    expect(sql.slice(parsed.calls[1].start, parsed.calls[1].end)).toBe("{{ ref('orders') }}");
  });

  it("falls back when a template has statements, other expressions or non-literal arguments", () => {
    expect(staticParse("{% if x %}select 1{% endif %}")).toBeNull();
    expect(staticParse("select {{ var('x') }}")).toBeNull();
    expect(staticParse("select * from {{ ref(name) }}")).toBeNull();
    expect(staticParse("select * from {{ ref('a') ~ 'b' }}")).toBeNull();
    expect(staticParse("{{ config(materialized=var('m')) }}")).toBeNull();
  });

  it("keeps whitespace-control markers and accepts plain SQL with braces", () => {
    const parsed = staticParse("select '{' as brace, {{- ref('a') -}} x")!;
    expect(parsed.calls[0]).toMatchObject({ fn: "ref", trimLeft: true, trimRight: true });
  });
});
