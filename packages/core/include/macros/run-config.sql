{#- What a materialization asks about the current run: dbt.should_full_refresh() and
    dbt.should_store_failures(): the node's config wins over the --full-refresh / --store-failures flags. -#}

{% macro should_full_refresh() -%}
    {%- set configured = config.get('full_refresh') -%}
    {{ return(flags.FULL_REFRESH if configured is none else configured) }}
{%- endmacro %}

{% macro should_store_failures() -%}
    {%- set configured = config.get('store_failures') -%}
    {{ return(flags.STORE_FAILURES if configured is none else configured) }}
{%- endmacro %}
