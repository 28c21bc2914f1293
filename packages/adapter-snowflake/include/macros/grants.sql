{#- Snowflake keeps a replaced relation's grants only with `copy grants`, which the copy_grants config asks for -#}
{% macro snowflake__copy_grants() -%}
    {{ return(config.get('copy_grants', false)) }}
{%- endmacro %}
