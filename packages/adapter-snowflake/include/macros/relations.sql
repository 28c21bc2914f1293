{#- dbt-snowflake's create_table_as: a session temporary table when `temporary`, else a transient
    table (unless `transient: false`) with the model's cluster_by and copy_grants, built with
    `create or replace`: the DDL tsdbt's TypeScript table materialization sends. -#}
{% macro snowflake__create_table_as(temporary, relation, sql) -%}
    {%- set sql_header = config.get('sql_header', none) -%}
    {{ sql_header if sql_header is not none }}
    {{ adapter.tsdbt_create_table_as(temporary, relation, sql, model.get('config', {})) }}
{%- endmacro %}
