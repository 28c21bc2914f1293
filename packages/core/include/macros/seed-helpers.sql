{#- Seed loading helpers of dbt's global project, for packages and custom seed logic: the placeholder
    of a bound value, rows per insert, and the seed's column list quoted as its config says. -#}

{% macro get_binding_char() -%}
    {{ return(adapter.dispatch('get_binding_char', 'dbt')()) }}
{%- endmacro %}

{% macro default__get_binding_char() -%}
    {{ return('%s') }}
{%- endmacro %}

{#- rows per insert statement -#}
{% macro get_batch_size() -%}
    {{ return(adapter.dispatch('get_batch_size', 'dbt')()) }}
{%- endmacro %}

{% macro default__get_batch_size() -%}
    {{ return(10000) }}
{%- endmacro %}

{#- `"a", "b"`: each name through adapter.quote_seed_column and the seed's `quote_columns` -#}
{% macro get_seed_column_quoted_csv(model, column_names) -%}
    {%- set quote_columns = config.get('quote_columns', none) -%}
    {%- set quoted = [] -%}
    {%- for name in column_names -%}
        {%- do quoted.append(adapter.quote_seed_column(name, quote_columns)) -%}
    {%- endfor -%}
    {{ return(quoted | join(', ')) }}
{%- endmacro %}
