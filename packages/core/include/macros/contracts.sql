{#- Model contracts: comparing the columns a model's query returns with those its YAML declares,
    and the typed column list (with constraints) a contracted table is created with. Each public
    macro dispatches to `<adapter>__name`, then `default__name`, so a project can replace a step. -#}

{#- the contracted table's column definitions and model constraints, in parentheses -#}
{% macro get_table_columns_and_constraints() -%}
    {{ adapter.dispatch('get_table_columns_and_constraints', 'dbt')() }}
{%- endmacro %}

{% macro default__get_table_columns_and_constraints() -%}
    {{ return(table_columns_and_constraints()) }}
{%- endmacro %}

{% macro table_columns_and_constraints() -%}
    {%- set definitions = adapter.render_raw_columns_constraints(raw_columns=model['columns']) -%}
    {%- set definitions = definitions + adapter.render_raw_model_constraints(raw_constraints=model['constraints']) -%}
    (
    {{ definitions | join(',\n    ') }}
    )
{% endmacro %}

{#- fails the node (dbt's contract error) unless the query's columns match the contract's -#}
{% macro get_assert_columns_equivalent(sql) -%}
    {{ adapter.dispatch('get_assert_columns_equivalent', 'dbt')(sql) }}
{%- endmacro %}

{% macro default__get_assert_columns_equivalent(sql) -%}
    {{ return(assert_columns_equivalent(sql)) }}
{%- endmacro %}

{#- same number of columns, and each column of the query declared with the same formatted type -#}
{% macro assert_columns_equivalent(sql) -%}
    {%- set declared = model['columns'] -%}
    {%- if not declared -%}
        {{ exceptions.raise_contract_error([], []) }}
    {%- endif -%}
    {%- set sql_columns = format_columns(get_column_schema_from_query(sql, config.get('sql_header', none))) -%}
    {%- set yaml_columns = format_columns(get_column_schema_from_query(get_empty_schema_sql(declared))) -%}
    {%- set state = namespace(kept=(sql_columns | length) == (yaml_columns | length)) -%}
    {%- for column in sql_columns -%}
        {%- set found = namespace(formatted=none) -%}
        {%- for candidate in yaml_columns -%}
            {%- if found.formatted is none and candidate['name'] == column['name'] -%}
                {%- set found.formatted = candidate['formatted'] -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if found.formatted != column['formatted'] -%}
            {%- set state.kept = false -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if not state.kept -%}
        {%- do exceptions.raise_contract_error(yaml_columns, sql_columns) -%}
    {%- endif -%}
{%- endmacro %}

{#- columns (api.Column) as {'name', 'data_type', 'formatted'} dicts, through format_column -#}
{% macro format_columns(columns) -%}
    {%- set formatted = [] -%}
    {%- for column in columns -%}
        {%- do formatted.append(adapter.dispatch('format_column', 'dbt')(column)) -%}
    {%- endfor -%}
    {{ return(formatted) }}
{%- endmacro %}

{% macro default__format_column(column) -%}
    {{ return({'name': column.name, 'data_type': column.dtype, 'formatted': column.column.lower() ~ ' ' ~ column.dtype}) }}
{%- endmacro %}

{#- the contract's column names, comma-separated (quoted where `quote: true`), through adapter.dispatch('get_column_names', 'dbt') -#}
{% macro default__get_column_names() -%}
    {%- set names = [] -%}
    {%- for column in (model.get('columns') or {}).values() -%}
        {%- do names.append(adapter.quote(column['name']) if column.get('quote') else column['name']) -%}
    {%- endfor -%}
    {{ names | join(', ') }}
{%- endmacro %}

{#- a contracted table as PostgreSQL and DuckDB create it: the typed table, then the rows in the contract's column order -#}
{% macro tsdbt_create_contracted_table(relation, sql) -%}
    create table {{ relation }}
    {{ get_table_columns_and_constraints() }}
    ;
    insert into {{ relation }} (
        {{ adapter.dispatch('get_column_names', 'dbt')() }}
    )
    (
        {{ get_select_subquery(sql) }}
    );
{%- endmacro %}

{#- create_table_as of engines without a column list in `create table … as` (PostgreSQL, DuckDB):
    an enforced contract checks the query's columns (of temporary tables too), and a table is created
    with the contract's typed columns and constraints, then filled -#}
{% macro tsdbt_typed_create_table_as(temporary, relation, sql) -%}
    {%- set contract_config = config.get('contract') or {} -%}
    {%- if contract_config.get('enforced') -%}
        {{ get_assert_columns_equivalent(sql) }}
    {%- endif -%}
    {%- if contract_config.get('enforced') and not temporary -%}
        {%- set sql_header = config.get('sql_header', none) -%}
        {{ sql_header if sql_header is not none }}
        {{ tsdbt_create_contracted_table(relation, sql) }}
    {%- else -%}
        {{ return(default__create_table_as(temporary, relation, sql)) }}
    {%- endif -%}
{%- endmacro %}
