{#- A snapshot's changes are applied with an UPDATE … FROM and an INSERT, as dbt-duckdb does. -#}
{% macro duckdb__snapshot_merge_sql(target, source, insert_cols) -%}
    {{ return(tsdbt_snapshot_update_insert_sql(target, source, insert_cols)) }}
{%- endmacro %}
