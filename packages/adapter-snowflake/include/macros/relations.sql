{#- dbt-snowflake's create_table_as: a session temporary table when `temporary`, else a transient
    table (unless `transient: false`) with the model's cluster_by and copy_grants, built with
    `create or replace`: the DDL tsdbt's TypeScript table materialization sends. -#}
{% macro snowflake__create_table_as(temporary, relation, sql) -%}
    {%- set sql_header = config.get('sql_header', none) -%}
    {{ sql_header if sql_header is not none }}
    {{ adapter.tsdbt_create_table_as(temporary, relation, sql, model.get('config', {})) }}
{%- endmacro %}

{#- Snowflake renames into the session's current schema unless the new name is qualified. -#}
{% macro snowflake__get_rename_table_sql(relation, new_name) %}
    alter table {{ relation }} rename to {{ relation.incorporate(path={'identifier': new_name}) }}
{% endmacro %}

{% macro snowflake__get_rename_view_sql(relation, new_name) %}
    alter view {{ relation }} rename to {{ relation.incorporate(path={'identifier': new_name}) }}
{% endmacro %}
