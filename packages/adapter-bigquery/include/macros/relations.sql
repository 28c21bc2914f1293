{#- dbt-bigquery's create_table_as: `create or replace table` with the model's partition_by,
    cluster_by and options (labels, kms_key_name, …). BigQuery has no temporary tables outside
    sessions: a `temporary` one is a table that expires after 12 hours, as dbt-bigquery makes it. -#}
{% macro bigquery__create_table_as(temporary, relation, sql) -%}
    {%- set sql_header = config.get('sql_header', none) -%}
    {{ sql_header if sql_header is not none }}
    {{ adapter.tsdbt_create_table_as(temporary, relation, sql, model.get('config', {}), replace=true) }}
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
