{#- An incremental model without a strategy: delete+insert with a unique_key, else append (as dbt-postgres). -#}
{% macro postgres__get_incremental_default_sql(arg_dict) -%}
    {%- if arg_dict['unique_key'] -%}
        {{ return(get_incremental_delete_insert_sql(arg_dict)) }}
    {%- endif -%}
    {{ return(get_incremental_append_sql(arg_dict)) }}
{%- endmacro %}
