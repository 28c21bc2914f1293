{#- An incremental model without a strategy: delete+insert, which appends when there is no unique_key (as dbt-duckdb). -#}
{% macro duckdb__get_incremental_default_sql(arg_dict) -%}
    {{ return(get_incremental_delete_insert_sql(arg_dict)) }}
{%- endmacro %}
