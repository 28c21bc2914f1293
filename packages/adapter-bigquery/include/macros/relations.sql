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
