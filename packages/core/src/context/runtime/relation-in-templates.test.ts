import { renderWithContext } from "./__fixtures__/render-with-context";

// Expected strings: what dbt-core 1.10.23 + dbt-postgres 1.9.0 printed for the same template
// (`dbt compile --inline`, database `test`, schema `rel_helper`, a table model m1).
const cases: [string, string][] = [
  ["{{ ref('m1') }}", '"test"."rel_helper"."m1"'],
  ["{{ ref('m1') is mapping }}", "True"],
  ["{{ ref('m1').get('metadata') }}", "{'type': 'PostgresRelation'}"],
  ["{{ ref('m1').get('metadata', {}).get('type', '') }}", "PostgresRelation"],
  ["{{ ref('m1').get('schema') }}", "rel_helper"],
  ["{{ ref('m1').get('nope', 'dflt') }}", "dflt"],
  ["{{ ref('m1').get('type', 'x') }}", "None"],
  ["{{ ref('m1').get('render') is not none }}", "True"],
  ["{{ ref('m1')['identifier'] }} {{ ref('m1')['type'] }}", "m1 None"],
  ["{{ ref('m1').path }}", "Path(database='test', schema='rel_helper', identifier='m1')"],
  ["{{ ref('m1').get('path') }}", "Path(database='test', schema='rel_helper', identifier='m1')"],
  ["{{ ref('m1').quote_policy }}", "Policy(database=True, schema=True, identifier=True)"],
  ["{{ ref('m1').include_policy }}", "Policy(database=True, schema=True, identifier=True)"],
  ["{{ ref('m1').path is mapping }} | {{ ref('m1').path.get('schema') }} | {{ ref('m1').quote_policy is mapping }}", "True | rel_helper | True"],
  ["{{ ref('m1').path.identifier }} | {{ ref('m1')['path']['schema'] }} | {{ ref('m1').quote_policy.identifier }}", "m1 | rel_helper | True"],
  ["{{ [ref('m1')] }}", '[<PostgresRelation "test"."rel_helper"."m1">]'],
  ["{{ ref('m1').type }}", "None"],
  ["{{ ref('m1').quote(identifier=false) }}", '"test"."rel_helper".m1'],
  ["{{ ref('m1').quote(database=false, schema=false) }}", 'test.rel_helper."m1"'],
  ["{{ ref('m1').include(database=false) }}", '"rel_helper"."m1"'],
  ["{{ ref('m1').include(database=false, schema=false) }}", '"m1"'],
  ["{{ ref('m1').include(identifier=false) }}", '"test"."rel_helper"'],
  ["{{ ref('m1').incorporate(path={'identifier': 'zz'}, type='view') }}", '"test"."rel_helper"."zz"'],
  ["{{ ref('m1').incorporate(type='view').type }} {{ ref('m1').incorporate(type='view').is_view }}", "view True"],
  ["{{ ref('m1').incorporate(path={'schema': none}) }}", '"test"."m1"'],
  ["{{ ref('m1').without_identifier() }} | {{ ref('m1').without_identifier().identifier }}", '"test"."rel_helper" | None'],
  ["{{ ref('m1').replace_path(identifier='q') }}", '"test"."rel_helper"."q"'],
  ["{{ ref('m1') == ref('m1') }} | {{ ref('m1') == ref('m1').incorporate(type='table') }} | {{ ref('m1') in [ref('m1')] }}", "True | False | True"],
  ["{{ ref('m1').name }} | {{ ref('m1').table }} | {{ ref('m1').database }}", "m1 | m1 | test"],
  ["{{ ref('m1').is_table }} {{ ref('m1').is_view }} {{ ref('m1').is_cte }} {{ ref('m1').is_materialized_view }}", "False False False False"],
  ["{{ ref('m1').render() }} | {{ ref('m1') ~ '' }} | {{ ref('m1') | string }}", '"test"."rel_helper"."m1" | "test"."rel_helper"."m1" | "test"."rel_helper"."m1"'],
  ["{{ ref('m1').quote_character }} | {{ ref('m1').limit }} | {{ ref('m1').dbt_created }}", '" | None | False'],
  ["{{ ref('m1').can_be_renamed }} | {{ ref('m1').can_be_replaced }} | {{ ref('m1').matches(identifier='m1') }}", "False | False | True"],
  ["{{ ref('m1') is string }} | {{ ref('m1') is sequence }}", "False | False"],
  ["{{ ref('m1').items() }} | {{ ref('m1').keys() }}", 'ItemsView(<PostgresRelation "test"."rel_helper"."m1">) | KeysView(<PostgresRelation "test"."rel_helper"."m1">)'],
  ["{{ ref('m1').information_schema() }} | {{ ref('m1').information_schema('tables') }}", '"test".INFORMATION_SCHEMA | "test".INFORMATION_SCHEMA.tables'],
  [
    "{{ ref('m1').to_dict(omit_none=true)['path'] }} {{ ref('m1').to_dict(omit_none=true)['quote_policy'] }} {{ ref('m1').to_dict(omit_none=true)['dbt_created'] }} {{ ref('m1').to_dict(omit_none=true)['require_alias'] }} {{ 'type' in ref('m1').to_dict(omit_none=true) }}",
    "{'database': 'test', 'schema': 'rel_helper', 'identifier': 'm1'} {'database': True, 'schema': True, 'identifier': True} False True False",
  ],
  [
    "{{ ref('m1').to_dict()['type'] }} {{ ref('m1').to_dict()['limit'] }} {{ ref('m1').to_dict()['catalog'] }} {{ ref('m1').to_dict()['renameable_relations'] | sort }}",
    "None None None ['table', 'view']",
  ],
  ["{{ api.Relation.create(database='d', schema='s', identifier='i') }}", '"d"."s"."i"'],
  ["{{ api.Relation.create(schema='s', identifier='i', type='table').type }} | {{ api.Relation.create(identifier='i') }}", 'table | "i"'],
  ["{{ api.Relation.add_ephemeral_prefix('x') }}", "__dbt__cte__x"],
  ["{{ api.Relation.Table }} {{ api.Relation.View }} {{ api.Relation.CTE }} {{ api.Relation.MaterializedView }} {{ api.Relation.External }}", "table view cte materialized_view external"],
  ["{{ api.Relation.create(database='d', schema='s', identifier='i', quote_policy={'identifier': false}) }}", '"d"."s".i'],
  ["{{ api.Relation.create(database='d', schema='s', identifier='i', type='cte') }} | {{ api.Relation.create(identifier='i', type='cte').quote(identifier=false) }}", '"d"."s"."i" | i'],
  ["{{ api.Relation.create(database='d', schema='s', identifier='i', include_policy={'database': false}) }}", '"s"."i"'],
  [
    "{% set d = {ref('m1'): 'a', api.Relation.create(schema='x', identifier='y'): 'b', ref('m1'): 'c'} %}{{ d }} | {% for k, v in d.items() %}{{ k.identifier }}={{ v }};{% endfor %} | {{ d[ref('m1')] }} {{ ref('m1') in d }} {{ d | length }} {{ d.keys() | list }}",
    '{<PostgresRelation "test"."rel_helper"."m1">: \'c\', <PostgresRelation "x"."y">: \'b\'} | m1=c;y=b; | c True 2 [<PostgresRelation "test"."rel_helper"."m1">, <PostgresRelation "x"."y">]',
  ],
];

describe("relations in templates (dbt-core's BaseRelation / PostgresRelation)", () => {
  it.each(cases)("%s", (template, expected) => {
    expect(renderWithContext(template)).toBe(expected);
  });

  it("works as a key of a plain dict filled by update(), as dbt_utils.union_relations does", () => {
    const template = "{%- set cols = {} -%}{%- do cols.update({ref('m1'): []}) -%}{%- do cols[ref('m1')].append('id') -%}{{ cols[ref('m1')] }} {{ ref('m1') in cols }}";
    expect(renderWithContext(template)).toBe("['id'] True");
  });

  it("refuses to be iterated like a dict, with dbt's message", () => {
    expect(() => renderWithContext("{% for x in ref('m1') %}{{ x }}{% endfor %}")).toThrow(
      'The object (""test"."rel_helper"."m1"") was used as a dictionary. This capability has been removed from objects of this type.',
    );
  });

  it("passes dbt_utils' _is_relation check and tells a string from a relation", () => {
    const isRelation = "{{ (obj is mapping and obj.get('metadata', {}).get('type', '').endswith('Relation')) }}";
    expect(renderWithContext(`{% set obj = ref('m1') %}${isRelation}`)).toBe("True");
    expect(renderWithContext(`{% set obj = api.Relation.create(schema='s', identifier='t') %}${isRelation}`)).toBe("True");
    expect(renderWithContext(`{% set obj = 'a.b' %}${isRelation}`)).toBe("False");
  });

  it("at parse time returns the relation of the node being parsed from ref(), as dbt does", () => {
    // dbt-core's parse error for `{% for x in ref('m1') %}` names "test"."rel_helper"."inline_query"
    expect(renderWithContext("{{ ref('m1') }} {{ ref('m1') is mapping }}", { execute: false })).toBe('"test"."rel_helper"."inline_query" True');
  });
});
