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

{#- `create table` for the seed from the agate table (load_agate_table()): each column's type is
    its `column_types` config, else adapter.convert_type of the agate column. Runs it; returns the SQL. -#}
{% macro create_csv_table(model, agate_table) -%}
    {{ return(adapter.dispatch('create_csv_table', 'dbt')(model, agate_table)) }}
{%- endmacro %}

{% macro default__create_csv_table(model, agate_table) -%}
    {%- set overrides = config.get('column_types', none) or {} -%}
    {%- set quote_columns = config.get('quote_columns', none) -%}
    {%- set definitions = [] -%}
    {%- for name in agate_table.column_names -%}
        {%- set type = overrides.get(name) or adapter.convert_type(agate_table, loop.index0) -%}
        {%- do definitions.append(adapter.quote_seed_column(name | string, quote_columns) ~ ' ' ~ type) -%}
    {%- endfor -%}
    {%- set sql = 'create table ' ~ this.render() ~ ' (' ~ definitions | join(',') ~ ')' -%}
    {%- call statement('_') -%}{{ sql }}{%- endcall -%}
    {{ return(sql) }}
{%- endmacro %}

{#- a seed's table before reloading: dropped and created again on a full refresh, else emptied -#}
{% macro reset_csv_table(model, full_refresh, old_relation, agate_table) -%}
    {{ return(adapter.dispatch('reset_csv_table', 'dbt')(model, full_refresh, old_relation, agate_table)) }}
{%- endmacro %}

{% macro default__reset_csv_table(model, full_refresh, old_relation, agate_table) -%}
    {%- if full_refresh -%}
        {%- do adapter.drop_relation(old_relation) -%}
        {{ return(create_csv_table(model, agate_table)) }}
    {%- endif -%}
    {%- do adapter.truncate_relation(old_relation) -%}
    {{ return('truncate table ' ~ old_relation.render()) }}
{%- endmacro %}

{#- inserts the rows, get_batch_size() per statement, their values bound to get_binding_char()
    placeholders; returns the first statement -#}
{% macro load_csv_rows(model, agate_table) -%}
    {{ return(adapter.dispatch('load_csv_rows', 'dbt')(model, agate_table)) }}
{%- endmacro %}

{% macro default__load_csv_rows(model, agate_table) -%}
    {%- set columns = get_seed_column_quoted_csv(model, agate_table.column_names) -%}
    {%- set placeholders = [] -%}
    {%- for name in agate_table.column_names -%}
        {%- do placeholders.append(get_binding_char()) -%}
    {%- endfor -%}
    {%- set row_sql = '(' ~ placeholders | join(',') ~ ')' -%}
    {%- set statements = [] -%}
    {%- for rows in agate_table.rows | batch(get_batch_size()) -%}
        {%- set bindings = [] -%}
        {%- set values = [] -%}
        {%- for row in rows -%}
            {%- do bindings.extend(row) -%}
            {%- do values.append(row_sql) -%}
        {%- endfor -%}
        {%- set sql = 'insert into ' ~ this.render() ~ ' (' ~ columns ~ ') values\n          ' ~ values | join(',') -%}
        {%- do adapter.add_query(sql, bindings=bindings, abridge_sql_log=True) -%}
        {%- do statements.append(sql) -%}
    {%- endfor -%}
    {{ return(statements[0] if statements else '') }}
{%- endmacro %}

{#- the text recorded for a seed: the create (or truncate) statement, then the first insert -#}
{% macro get_csv_sql(create_or_truncate_sql, insert_sql) %}
    {{ adapter.dispatch('get_csv_sql', 'dbt')(create_or_truncate_sql, insert_sql) }}
{% endmacro %}

{% macro default__get_csv_sql(create_or_truncate_sql, insert_sql) %}
    {{ create_or_truncate_sql }};
    -- dbt seed --
    {{ insert_sql }}
{% endmacro %}
