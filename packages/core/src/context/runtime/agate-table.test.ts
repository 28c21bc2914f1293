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

  it("at parse time run_query gives an undefined value that prints nothing, as dbt's", () => {
    expect(renderWithContext("[{{ run_query('select 1') }}]", { execute: false })).toBe("[]");
  });
});
