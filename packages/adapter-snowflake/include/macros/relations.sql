{#- dbt-snowflake's create_table_as: a session temporary table when `temporary`, else a transient
    table (unless `transient: false`) with the model's cluster_by and copy_grants, built with
    `create or replace`: the DDL tsdbt's TypeScript table materialization sends; an enforced
    contract is checked, and the table gets the contract's typed columns and constraints. -#}
{% macro snowflake__create_table_as(temporary, relation, sql) -%}
    {%- set contract_config = config.get('contract') or {} -%}
    {%- set contract = none -%}
    {%- if contract_config.get('enforced') -%}
        {{ get_assert_columns_equivalent(sql) }}
        {%- if not temporary -%}
            {%- set contract = {'columns': get_table_columns_and_constraints(), 'names': adapter.dispatch('get_column_names', 'dbt')(), 'select': get_select_subquery(sql)} -%}
        {%- endif -%}
    {%- endif -%}
    {%- set sql_header = config.get('sql_header', none) -%}
    {{ sql_header if sql_header is not none }}
    {{ adapter.tsdbt_create_table_as(temporary, relation, sql, model.get('config', {}), contract=contract) }}
{%- endmacro %}

{#- Snowflake renames into the session's current schema unless the new name is qualified. -#}
{% macro snowflake__get_rename_table_sql(relation, new_name) %}
    alter table {{ relation }} rename to {{ relation.incorporate(path={'identifier': new_name}) }}
{% endmacro %}

{% macro snowflake__get_rename_view_sql(relation, new_name) %}
    alter view {{ relation }} rename to {{ relation.incorporate(path={'identifier': new_name}) }}
{% endmacro %}
