import { fakeWarehouse, renderWithContext } from "./__fixtures__/render-with-context";

// run_query("select 1 as id, 'a' as name union all select 2, 'b' order by 1") as dbt-core 1.10.23 hands it to templates.
const warehouse = () =>
  fakeWarehouse({
    results: () => ({
      columns: [
        { name: "id", type: "integer" },
        { name: "name", type: "text" },
      ],
      rows: [
        { id: 1, name: "a" },
        { id: 2, name: "b" },
      ],
    }),
  });

const render = (template: string) => renderWithContext(`{%- set t = run_query('select …') -%}${template}`, { warehouse: warehouse() });

describe("run_query results (agate Table), expected values from dbt-core", () => {
  it.each([
    ["{{ t.column_names }} | {{ t.rows | length }} | {{ t | length }} | {{ t.columns | length }}", "('id', 'name') | 2 | 2 | 2"],
    ["{{ t.columns[0].values() }} | {{ t.columns['name'].values() }} | {{ t.columns.keys() }} | {{ t.columns[1].name }}", "(1, 2) | ('a', 'b') | ('id', 'name') | name"],
    ["{{ t.rows[0][0] }} {{ t.rows[0]['name'] }} {{ t.rows[1].name }} | {{ t.rows[0].values() }} | {{ t.rows[0].keys() }} | {{ t.rows[0].items() }}", "1 a b | (1, 'a') | ('id', 'name') | (('id', 1), ('name', 'a'))"],
    ["{% for row in t %}{{ row['id'] }}-{{ row[1] }};{% endfor %} | {% for row in t.rows %}{{ row.id }};{% endfor %}", "1-a;2-b; | 1;2;"],
    ["{{ t[0] }} | {{ t.rows[0] }} | {{ t.columns[0] }}", "<agate.Row: (1, 'a')> | <agate.Row: (1, 'a')> | <agate.Column: (1, 2)>"],
    ["{% for k, c in t.columns.items() %}{{ k }}={{ c.values() | list }};{% endfor %} | {{ t.print_table() }}", "id=[1, 2];name=['a', 'b']; | None"],
    ["{{ t.rows[0].get('name') }} | {{ t.rows[0].get('zz', 'd') }} | {{ t.columns[0].values_without_nulls() }} | {{ t.columns[0] | list }}", "a | d | (1, 2) | [1, 2]"],
    ["{{ t.column_types | length }} | {{ t.rows[0] | list }} | {{ 'name' in t.column_names }}", "2 | [1, 'a'] | True"],
  ])("%s", (template, expected) => {
    expect(render(template)).toBe(expected);
  });

  it("statement results load once, as in dbt ('main' excepted), with data as a list of tuples", () => {
    const wh = fakeWarehouse({ results: () => ({ columns: [{ name: "n", type: "integer" }], rows: [{ n: 7 }] }) });
    const template = "{%- call statement('st', fetch_result=True) -%} select 7 as n {%- endcall -%}{{ load_result('st')['data'] }} | {{ load_result('zz') }}";
    expect(renderWithContext(template, { warehouse: wh })).toBe("[(7,)] | None");
    expect(() => renderWithContext("{%- call statement('st', fetch_result=True) -%} select 7 {%- endcall -%}{{ load_result('st') }}{{ load_result('st') }}", { warehouse: wh })).toThrow(
      "The 'statement' result named 'st' has already been loaded into a variable.",
    );
    expect(renderWithContext("{%- call statement('main', fetch_result=True) -%} select 7 {%- endcall -%}{{ load_result('main').table.columns['n'].values() }} {{ load_result('main')['response'] }}", { warehouse: wh })).toBe("(7,) SELECT 1");
  });

  // run_query("select x::numeric / 1 as n, x as i from (values (10), (9), (2), (10)) v(x)") on PostgreSQL; dbt-core 1.10.23 gives
  // values_sorted() as a list in numeric order, and values_distinct() as a tuple of agate's set (its order is Python's set order)
  it("sorts a column's values by number as a list, and gives its distinct values once", () => {
    const wh = fakeWarehouse({
      results: () => ({
        columns: [{ name: "n", type: "numeric" }, { name: "i", type: "integer" }],
        rows: [10, 9, 2, 10].map((x) => ({ n: x, i: x })),
        decimalTexts: { n: ["10.0000000000000000", "9.0000000000000000", "2.0000000000000000", "10.0000000000000000"] },
      }),
    });
    const out = renderWithContext("{%- set t = run_query('select …') -%}{{ t.columns['n'].values_sorted() }} {{ t.columns['i'].values_sorted() }} {{ t.columns['n'].values_distinct() | length }} {{ t.columns['i'].values_distinct() | sort }}", { warehouse: wh });
    expect(out).toBe("[Decimal('2.0000000000000000'), Decimal('9.0000000000000000'), Decimal('10.0000000000000000'), Decimal('10.0000000000000000')] [2, 9, 10, 10] 3 [2, 9, 10]");
  });

  // run_query("select 1 as a, 2.5::float8 as b, 'x' as c, 3::float8 as d, 1.50::numeric as e") on PostgreSQL (dbt_profiler's
  // get_profile_table and print_profile_schema); expected values from dbt-core 1.10.23 + dbt-postgres
  const profiled = (template: string) =>
    renderWithContext(`{%- set t = run_query('select …') -%}{%- set t = t.rename(t.column_names | map('upper')) -%}${template}`, {
      warehouse: fakeWarehouse({
        results: () => ({
          columns: [
            { name: "a", type: "integer" },
            { name: "b", type: "double precision" },
            { name: "c", type: "text" },
            { name: "d", type: "double precision" },
            { name: "e", type: "numeric" },
          ],
          rows: [{ a: 1, b: 2.5, c: "x", d: 3, e: 1.5 }],
        }),
      }),
    });
  it.each([
    [
      "{% for row in t.rows %}{% set rd = row.dict() %}{% set a = rd.pop('A') %}{{ a }} {% for k, v in rd.items() %}{% set col = t.columns.get(k) %}{{ k }}={{ col.data_type.jsonify(v) }} {% endfor %}{% endfor %}",
      "1 B=2.5 C=x D=3.0 E=1.5 ",
    ],
    ["{{ t.select(['B', 'A']).column_names }} {{ t.exclude('A').column_names }} {{ t.order_by('A', reverse=True).rows[0]['A'] }} {{ t.limit(0).rows | length }}", "('B', 'A') ('B', 'C', 'D', 'E') 1 0"],
    ["{{ t.rename({'B': 'bee'}).column_names }} | {{ t.rows[0]['D'] }} | x: {{ t.columns.get('D').data_type.jsonify(t.rows[0]['D']) }}", "('A', 'bee', 'C', 'D', 'E') | 3.0 | x: 3.0"],
  ])("rename, select, exclude, order_by, limit and data_type.jsonify: %s", (template, expected) => {
    expect(profiled(template)).toBe(expected);
  });

  it("a float column's whole numbers print as Python's floats (dbt_date's hourly date spine: `<= 264.0`)", () => {
    // select 264::float8, 7::int on PostgreSQL: dbt-core prints 264.0 and 7
    const wh = fakeWarehouse({ results: () => ({ columns: [{ name: "h", type: "double precision" }, { name: "n", type: "integer" }], rows: [{ h: 264, n: 7 }] }) });
    const template = "{%- call statement('st', fetch_result=True) -%} select … {%- endcall -%}{%- set d = load_result('st')['data'] -%}{{ d[0][0] }} {{ d[0][1] }}";
    expect(renderWithContext(template, { warehouse: wh })).toBe("264.0 7");
  });

  it("at parse time run_query gives an undefined value that prints nothing, as dbt's", () => {
    expect(renderWithContext("[{{ run_query('select 1') }}]", { execute: false })).toBe("[]");
  });
});
