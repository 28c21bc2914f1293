{#- Helpers of dbt's test and clone materializations, for custom ones: the query that counts a
    test's failures and decides warn/error, and cloning a relation. Each dispatches. -#}

{#- failures, should_warn and should_error of a test query (`limit` caps the rows it reads) -#}
{% macro get_test_sql(main_sql, fail_calc, warn_if, error_if, limit) -%}
    {{ adapter.dispatch('get_test_sql', 'dbt')(main_sql, fail_calc, warn_if, error_if, limit) }}
{%- endmacro %}

{% macro default__get_test_sql(main_sql, fail_calc, warn_if, error_if, limit) -%}
    select
      {{ fail_calc }} as failures,
      {{ fail_calc }} {{ warn_if }} as should_warn,
      {{ fail_calc }} {{ error_if }} as should_error
    from (
      {{ main_sql }}
      {{ "limit " ~ limit if limit is not none }}
    ) dbt_internal_test
{%- endmacro %}

{#- whether the warehouse can clone a table (zero-copy); PostgreSQL cannot -#}
{% macro can_clone_table() -%}
    {{ return(adapter.dispatch('can_clone_table', 'dbt')()) }}
{%- endmacro %}

{% macro default__can_clone_table() -%}
    {{ return(False) }}
{%- endmacro %}

{% macro create_or_replace_clone(this_relation, defer_relation) -%}
    {{ return(adapter.dispatch('create_or_replace_clone', 'dbt')(this_relation, defer_relation)) }}
{%- endmacro %}

{% macro default__create_or_replace_clone(this_relation, defer_relation) %}
    create or replace table {{ this_relation }} clone {{ defer_relation }}
{% endmacro %}

{#- source freshness: the latest `loaded_at_field` (rows matching `filter`) and the warehouse's now,
    as the `collect_freshness` statement's result (`.table` has max_loaded_at, snapshotted_at) -#}
{% macro collect_freshness(source, loaded_at_field, filter) -%}
    {{ return(adapter.dispatch('collect_freshness', 'dbt')(source, loaded_at_field, filter)) }}
{%- endmacro %}

{% macro default__collect_freshness(source, loaded_at_field, filter) -%}
    {%- call statement('collect_freshness', fetch_result=True, auto_begin=False) -%}
        select
            max({{ loaded_at_field }}) as max_loaded_at,
            {{ current_timestamp() }} as snapshotted_at
        from {{ source }}
        {%- if filter %}
        where {{ filter }}
        {%- endif %}
    {%- endcall -%}
    {{ return(load_result('collect_freshness')) }}
{%- endmacro %}

{#- source freshness from a `loaded_at_query` of the source's own -#}
{% macro collect_freshness_custom_sql(source, loaded_at_query) -%}
    {{ return(adapter.dispatch('collect_freshness_custom_sql', 'dbt')(source, loaded_at_query)) }}
{%- endmacro %}

{% macro default__collect_freshness_custom_sql(source, loaded_at_query) -%}
    {%- call statement('collect_freshness', fetch_result=True, auto_begin=False) -%}
        select
            ({{ loaded_at_query }}) as max_loaded_at,
            {{ current_timestamp() }} as snapshotted_at
    {%- endcall -%}
    {{ return(load_result('collect_freshness')) }}
{%- endmacro %}
