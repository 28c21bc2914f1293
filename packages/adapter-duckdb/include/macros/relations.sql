{#- DuckDB keeps temporary tables in its own `temp` catalog: a temp relation has no database or
    schema, and a time stamp keeps concurrent builds apart. -#}
{% macro duckdb__make_temp_relation(base_relation, suffix) -%}
    {%- set tail = suffix ~ modules.datetime.datetime.now().strftime('%H%M%S%f') -%}
    {{ return(base_relation.incorporate(path={'identifier': base_relation.identifier ~ tail, 'schema': none, 'database': none})) }}
{%- endmacro %}

{#- DuckDB takes one change per `alter` statement (dbt-duckdb sends one each) -#}
{% macro duckdb__alter_relation_add_remove_columns(relation, add_columns, remove_columns) -%}
    {%- for column in add_columns or [] -%}
        {%- do run_query('alter ' ~ relation.type ~ ' ' ~ relation.render() ~ ' add column ' ~ column.quoted ~ ' ' ~ column.expanded_data_type) -%}
    {%- endfor -%}
    {%- for column in remove_columns or [] -%}
        {%- do run_query('alter ' ~ relation.type ~ ' ' ~ relation.render() ~ ' drop column ' ~ column.quoted) -%}
    {%- endfor -%}
{%- endmacro %}

{#- DuckDB has no column list in `create table … as`: a contracted table is created with its typed
    columns and constraints, then filled in the contract's column order -#}
{% macro duckdb__create_table_as(temporary, relation, sql) -%}
    {{ return(tsdbt_typed_create_table_as(temporary, relation, sql)) }}
{%- endmacro %}
