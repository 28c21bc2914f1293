{#- dbt-bigquery's create_table_as: `create or replace table` with the model's partition_by,
    cluster_by and options (labels, kms_key_name, …). BigQuery has no temporary tables outside
    sessions: a `temporary` one is a table that expires after 12 hours, as dbt-bigquery makes it. An enforced contract is checked, and the table gets the
    contract's typed columns and constraints. -#}
{% macro bigquery__create_table_as(temporary, relation, sql) -%}
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
    {{ adapter.tsdbt_create_table_as(temporary, relation, sql, model.get('config', {}), replace=true, contract=contract) }}
{%- endmacro %}

{#- BigQuery's DROP has no CASCADE. -#}
{% macro bigquery__drop_table(relation) -%}
    drop table if exists {{ relation }}
{%- endmacro %}

{% macro bigquery__drop_view(relation) -%}
    drop view if exists {{ relation }}
{%- endmacro %}

{% macro bigquery__drop_materialized_view(relation) -%}
    drop materialized view if exists {{ relation }}
{%- endmacro %}
