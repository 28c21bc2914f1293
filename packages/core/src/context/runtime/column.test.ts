import { fakeWarehouse, renderWithContext } from "./__fixtures__/render-with-context";

// A table m1 built by dbt-core 1.10.23 on PostgreSQL from
//   select 1 as id, 'abc'::varchar(20) as name, 1.5::numeric(10,2) as amount, 'x'::text as t, now() as ts
// Our postgres adapter reports pg_catalog.format_type names; dbt reads information_schema.
const warehouse = () =>
  fakeWarehouse({
    columns: {
      "rel_helper.m1": [
        ["id", "integer"],
        ["name", "character varying(20)"],
        ["amount", "numeric(10,2)"],
        ["t", "text"],
        ["ts", "timestamp with time zone"],
      ],
    },
  });

const render = (template: string) => renderWithContext(`{%- set cols = adapter.get_columns_in_relation(ref('m1')) -%}${template}`, { warehouse: warehouse() });

describe("columns (dbt-core's Column / PostgresColumn), expected values from dbt-core", () => {
  it("reads name, dtype, sizes, data_type and the type predicates of each column", () => {
    const template =
      "{% for c in cols %}{{ c.name }}:{{ c.dtype }}:{{ c.data_type }}:{{ c.char_size }}:{{ c.numeric_precision }}:{{ c.numeric_scale }}:{{ c.is_string() }}{{ c.is_number() }}{{ c.is_numeric() }}{{ c.is_integer() }}{{ c.is_float() }}:{{ c.quoted }}; {% endfor %}";
    expect(render(template)).toBe(
      'id:integer:integer:None:32:0:FalseTrueFalseTrueFalse:"id"; ' +
        'name:character varying:character varying(20):20:None:None:TrueFalseFalseFalseFalse:"name"; ' +
        'amount:numeric:numeric(10,2):None:10:2:FalseTrueTrueFalseFalse:"amount"; ' +
        't:text:text:None:None:None:TrueFalseFalseFalseFalse:"t"; ' +
        'ts:timestamp with time zone:timestamp with time zone:None:None:None:FalseFalseFalseFalseFalse:"ts"; ',
    );
  });

  it("prints as dbt's dataclass and is not a mapping", () => {
    expect(render("{{ cols[0] }} | {{ cols[1] }} | {{ cols[0] is mapping }}")).toBe(
      "PostgresColumn(column='id', dtype='integer', char_size=None, numeric_precision=32, numeric_scale=0) | PostgresColumn(column='name', dtype='character varying', char_size=20, numeric_precision=None, numeric_scale=None) | False",
    );
  });

  it("sizes strings, compares them and writes literals", () => {
    expect(render("{{ cols[1].string_size() }} | {{ cols[3].string_size() }} | {{ cols[1].can_expand_to(cols[3]) }} | {{ cols[0].literal(5) }}")).toBe("20 | 256 | True | 5::integer");
    expect(render("{{ cols | map(attribute='name') | list }} | {{ cols[0].column }} | {{ cols[2].expanded_data_type }}")).toBe("['id', 'name', 'amount', 't', 'ts'] | id | numeric(10,2)");
  });

  it("api.Column: create, translate_type, string_type, numeric_type, from_description, the constructor", () => {
    expect(renderWithContext("{{ api.Column.create('x', 'string') }} | {{ api.Column.create('x', 'string').data_type }} | {{ api.Column.translate_type('string') }} | {{ api.Column.translate_type('integer') }}")).toBe(
      "PostgresColumn(column='x', dtype='TEXT', char_size=None, numeric_precision=None, numeric_scale=None) | TEXT | TEXT | integer",
    );
    expect(renderWithContext("{{ api.Column.string_type(10) }} | {{ api.Column.numeric_type('numeric', 10, 2) }} | {{ api.Column.numeric_type('numeric', none, none) }}")).toBe("character varying(10) | numeric(10,2) | numeric");
    expect(renderWithContext("{{ api.Column('c', 'character varying', 20).data_type }} | {{ api.Column('c', 'text').data_type }} | {{ api.Column('c', 'character varying').data_type }} | {{ api.Column.from_description('c', 'numeric(12,3)') }}")).toBe(
      "character varying(20) | text | character varying | PostgresColumn(column='c', dtype='numeric', char_size=None, numeric_precision=12, numeric_scale=3)",
    );
  });

  it("at parse time get_columns_in_relation is an empty list without a warehouse", () => {
    expect(renderWithContext("{{ adapter.get_columns_in_relation(ref('m1')) }}", { execute: false })).toBe("[]");
  });
});
