{#- Schemas, columns and relations, as the macros of dbt's global project that custom
    materializations and packages call. Each dispatches, so `<adapter>__name` or `default__name`
    in a project or package replaces it. -#}

{% macro create_schema(relation) -%}
    {{ adapter.dispatch('create_schema', 'dbt')(relation) }}
{%- endmacro %}

{% macro default__create_schema(relation) -%}
    {%- call statement('create_schema') -%}
        create schema if not exists {{ relation.without_identifier() }}
    {%- endcall -%}
{%- endmacro %}

{% macro drop_schema(relation) -%}
    {{ adapter.dispatch('drop_schema', 'dbt')(relation) }}
{%- endmacro %}

{% macro default__drop_schema(relation) -%}
    {%- call statement('drop_schema') -%}
        drop schema if exists {{ relation.without_identifier() }} cascade
    {%- endcall -%}
{%- endmacro %}

{#- `<database>.INFORMATION_SCHEMA`, or `INFORMATION_SCHEMA` without a database -#}
{% macro information_schema_name(database) -%}
    {{ return(adapter.dispatch('information_schema_name', 'dbt')(database)) }}
{%- endmacro %}

{% macro default__information_schema_name(database) -%}
    {{ database ~ '.' if database }}INFORMATION_SCHEMA
{%- endmacro %}

{#- the relation's columns (Column objects), as the adapter reads them; [] while parsing -#}
{% macro get_columns_in_relation(relation) -%}
    {{ return(adapter.dispatch('get_columns_in_relation', 'dbt')(relation)) }}
{%- endmacro %}

{% macro default__get_columns_in_relation(relation) -%}
    {{ return(adapter.get_columns_in_relation(relation)) }}
{%- endmacro %}

{#- rows of (name, type, size, precision, scale) → Column objects -#}
{% macro sql_convert_columns_in_relation(table) -%}
    {%- set columns = [] -%}
    {%- for row in table -%}
        {%- do columns.append(api.Column(*row)) -%}
    {%- endfor -%}
    {{ return(columns) }}
{%- endmacro %}

{% macro get_list_of_column_names(columns) -%}
    {{ return(columns | map(attribute='name') | list) }}
{%- endmacro %}

{#- one `alter` that adds and drops columns (Column objects) -#}
{% macro alter_relation_add_remove_columns(relation, add_columns=none, remove_columns=none) -%}
    {{ return(adapter.dispatch('alter_relation_add_remove_columns', 'dbt')(relation, add_columns, remove_columns)) }}
{%- endmacro %}

{% macro default__alter_relation_add_remove_columns(relation, add_columns, remove_columns) -%}
    {%- set changes = [] -%}
    {%- for column in add_columns or [] -%}
        {%- do changes.append('add column ' ~ column.quoted ~ ' ' ~ column.expanded_data_type) -%}
    {%- endfor -%}
    {%- for column in remove_columns or [] -%}
        {%- do changes.append('drop column ' ~ column.quoted) -%}
    {%- endfor -%}
    {%- do run_query('alter ' ~ relation.type ~ ' ' ~ relation.render() ~ '\n    ' ~ changes | join(',\n    ')) -%}
{%- endmacro %}

{% macro truncate_relation(relation) -%}
    {{ return(adapter.dispatch('truncate_relation', 'dbt')(relation)) }}
{%- endmacro %}

{% macro default__truncate_relation(relation) -%}
    {%- call statement('truncate_relation') -%}
        truncate table {{ relation.render() }}
    {%- endcall -%}
{%- endmacro %}

{#- [true, the relation] when it exists, else [false, a new relation of `type`] -#}
{% macro get_or_create_relation(database, schema, identifier, type) -%}
    {{ return(adapter.dispatch('get_or_create_relation', 'dbt')(database, schema, identifier, type)) }}
{%- endmacro %}

{% macro default__get_or_create_relation(database, schema, identifier, type) -%}
    {%- set existing = adapter.get_relation(database=database, schema=schema, identifier=identifier) -%}
    {%- if existing -%}
        {{ return([true, existing]) }}
    {%- endif -%}
    {{ return([false, api.Relation.create(database=database, schema=schema, identifier=identifier, type=type)]) }}
{%- endmacro %}

{#- a statement block that sends nothing but records a result under `name` (tsdbt writes the
    node's target/run file itself, so the SQL is not written here) -#}
{% macro noop_statement(name=none, message=none, code=none, rows_affected=none, res=none) -%}
    {%- set sql = caller() -%}
    {%- if name is not none -%}
        {%- do store_raw_result(name, message=message, code=code, rows_affected=rows_affected, agate_table=res) -%}
    {%- endif -%}
{%- endmacro %}

{#- `{% call set_sql_header(config) %}…{% endcall %}`: SQL sent before the model's statement -#}
{% macro set_sql_header(config) -%}
    {{ config.set('sql_header', caller()) }}
{%- endmacro %}
