{#- Query text built around a model's SQL: a limited query (dbt show), a typed empty query from
    declared columns, the contract's column list, and a literal true. Each dispatches. -#}

{#- the query with `limit n` after it (none: no limit) -#}
{% macro get_limit_subquery_sql(sql, limit) -%}
    {{ adapter.dispatch('get_limit_sql', 'dbt')(sql, limit) }}
{%- endmacro %}

{% macro default__get_limit_sql(sql, limit) %}
  {{ sql }}
  {% if limit is not none %}
  limit {{ limit }}
  {%- endif -%}
{% endmacro %}

{#- what `dbt show` sends: the header, then the limited query -#}
{% macro get_show_sql(compiled_code, sql_header, limit) -%}
    {%- if sql_header is not none -%}{{ sql_header }}{%- endif %}
  {{ get_limit_subquery_sql(compiled_code, limit) }}
{% endmacro %}

{#- `select cast(null as <type>) as <name>, …` from column dicts ({'name', 'data_type', 'quote'}) -#}
{% macro get_empty_schema_sql(columns) -%}
    {{ return(adapter.dispatch('get_empty_schema_sql', 'dbt')(columns)) }}
{%- endmacro %}

{% macro default__get_empty_schema_sql(columns) -%}
    {%- set missing = [] -%}
    {%- for column in columns.values() if column.get('data_type') is none -%}
        {%- do missing.append(column['name']) -%}
    {%- endfor -%}
    {%- if missing -%}
        {{ exceptions.column_type_missing(missing) }}
    {%- endif -%}
    {%- set unscaled = [] -%}
    {%- for column in columns.values() if column['data_type'].strip().lower() in ('numeric', 'decimal', 'number') -%}
        {%- do unscaled.append(column['name']) -%}
    {%- endfor -%}
    {%- if unscaled -%}
        {%- do exceptions.warn('Detected columns with numeric type and unspecified precision/scale, this can lead to unintended rounding: ' ~ unscaled ~ '`') -%}
    {%- endif -%}
    {%- set parts = [] -%}
    {%- for column in columns.values() -%}
        {%- set name = adapter.quote(column['name']) if column.get('quote') else column['name'] -%}
        {%- do parts.append('\n      ' ~ cast('null', column['data_type']) ~ ' as ' ~ name) -%}
    {%- endfor -%}
    select
    {{ parts | join(', ') }}
{%- endmacro %}

{#- the model's query under the contract's column list (the model's `columns`, quoted where `quote: true`) -#}
{% macro get_select_subquery(sql) -%}
    {{ return(adapter.dispatch('get_select_subquery', 'dbt')(sql)) }}
{%- endmacro %}

{% macro default__get_select_subquery(sql) %}
    select {{ adapter.dispatch('get_column_names', 'dbt')() }}
    from (
        {{ sql }}
    ) as model_subq
{%- endmacro %}

{#- a literal true, for the adapter's SQL -#}
{% macro get_true_sql() %}
  {{ adapter.dispatch('get_true_sql', 'dbt')() }}
{% endmacro %}

{% macro default__get_true_sql() -%}
    {{ return('TRUE') }}
{%- endmacro %}

{#- the columns a query returns (Column objects), asked of the warehouse; [] while parsing -#}
{% macro get_column_schema_from_query(select_sql, select_sql_header=none) -%}
    {{ return(adapter.get_column_schema_from_query(get_empty_subquery_sql(select_sql, select_sql_header))) }}
{%- endmacro %}

{#- asks the warehouse to plan a query without running it (`explain`); the statement's result -#}
{% macro validate_sql(sql) -%}
    {{ return(adapter.dispatch('validate_sql', 'dbt')(sql)) }}
{%- endmacro %}

{% macro default__validate_sql(sql) -%}
    {%- call statement('validate_sql') -%}
        explain {{ sql }}
    {%- endcall -%}
    {{ return(load_result('validate_sql')) }}
{%- endmacro %}
