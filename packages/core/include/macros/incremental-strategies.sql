{#- The SQL of dbt's incremental strategies, as macros: `incremental_strategy='x'` is served by
    `get_incremental_x_sql(arg_dict)` (`delete+insert` by get_incremental_delete_insert_sql), and a
    project can add its own strategy by defining such a macro. arg_dict holds target_relation,
    temp_relation, unique_key, dest_columns and incremental_predicates. -#}

{% macro get_incremental_default_sql(arg_dict) -%}
    {{ return(adapter.dispatch('get_incremental_default_sql', 'dbt')(arg_dict)) }}
{%- endmacro %}

{% macro default__get_incremental_default_sql(arg_dict) -%}
    {{ return(get_incremental_append_sql(arg_dict)) }}
{%- endmacro %}

{% macro get_incremental_append_sql(arg_dict) -%}
    {{ return(adapter.dispatch('get_incremental_append_sql', 'dbt')(arg_dict)) }}
{%- endmacro %}

{% macro default__get_incremental_append_sql(arg_dict) -%}
    {{ return(get_insert_into_sql(arg_dict['target_relation'], arg_dict['temp_relation'], arg_dict['dest_columns'])) }}
{%- endmacro %}

{% macro get_insert_into_sql(target_relation, temp_relation, dest_columns) -%}
    {%- set columns_csv = get_quoted_csv(dest_columns | map(attribute='name')) -%}
    insert into {{ target_relation }} ({{ columns_csv }})
    (
        select {{ columns_csv }}
        from {{ temp_relation }}
    )
{%- endmacro %}

{% macro get_incremental_delete_insert_sql(arg_dict) -%}
    {{ return(adapter.dispatch('get_incremental_delete_insert_sql', 'dbt')(arg_dict)) }}
{%- endmacro %}

{% macro default__get_incremental_delete_insert_sql(arg_dict) -%}
    {{ return(get_delete_insert_merge_sql(arg_dict['target_relation'], arg_dict['temp_relation'], arg_dict['unique_key'], arg_dict['dest_columns'], arg_dict['incremental_predicates'])) }}
{%- endmacro %}

{% macro get_incremental_merge_sql(arg_dict) -%}
    {{ return(adapter.dispatch('get_incremental_merge_sql', 'dbt')(arg_dict)) }}
{%- endmacro %}

{% macro default__get_incremental_merge_sql(arg_dict) -%}
    {{ return(get_merge_sql(arg_dict['target_relation'], arg_dict['temp_relation'], arg_dict['unique_key'], arg_dict['dest_columns'], arg_dict['incremental_predicates'])) }}
{%- endmacro %}

{% macro get_incremental_insert_overwrite_sql(arg_dict) -%}
    {{ return(adapter.dispatch('get_incremental_insert_overwrite_sql', 'dbt')(arg_dict)) }}
{%- endmacro %}

{% macro default__get_incremental_insert_overwrite_sql(arg_dict) -%}
    {{ return(get_insert_overwrite_merge_sql(arg_dict['target_relation'], arg_dict['temp_relation'], arg_dict['dest_columns'], arg_dict['incremental_predicates'])) }}
{%- endmacro %}

{#- a unique key as a list of column expressions ([] when unset) -#}
{% macro tsdbt_key_list(unique_key) -%}
    {{ return([] if unique_key is none else ([unique_key] if unique_key is string else unique_key)) }}
{%- endmacro %}

{% macro get_merge_sql(target, source, unique_key, dest_columns, incremental_predicates=none) -%}
    {{ return(adapter.dispatch('get_merge_sql', 'dbt')(target, source, unique_key, dest_columns, incremental_predicates)) }}
{%- endmacro %}

{% macro default__get_merge_sql(target, source, unique_key, dest_columns, incremental_predicates=none) -%}
    {%- set keys = tsdbt_key_list(unique_key) -%}
    {%- set conditions = [] -%}
    {%- for key in keys -%}
        {%- do conditions.append('DBT_INTERNAL_SOURCE.' ~ key ~ ' = DBT_INTERNAL_DEST.' ~ key) -%}
    {%- endfor -%}
    {%- for predicate in (incremental_predicates or []) -%}
        {%- do conditions.append(predicate) -%}
    {%- endfor -%}
    {%- set excluded = config.get('merge_exclude_columns') or [] -%}
    {%- set update_columns = config.get('merge_update_columns') or [] -%}
    {%- if not update_columns -%}
        {%- for column in dest_columns if column.name not in excluded -%}
            {%- do update_columns.append(column.name) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- set columns_csv = get_quoted_csv(dest_columns | map(attribute='name')) -%}
    merge into {{ target }} as DBT_INTERNAL_DEST
    using {{ source }} as DBT_INTERNAL_SOURCE
    on {{ conditions | join(' and ') if conditions else 'FALSE' }}
    {%- if keys %}
    when matched then update set
        {% for name in update_columns -%}
            {{ adapter.quote(name) }} = DBT_INTERNAL_SOURCE.{{ adapter.quote(name) }}{{ ", " if not loop.last }}
        {%- endfor %}
    {%- endif %}
    when not matched then insert ({{ columns_csv }})
    values ({% for column in dest_columns %}DBT_INTERNAL_SOURCE.{{ adapter.quote(column.name) }}{{ ", " if not loop.last }}{% endfor %})
{%- endmacro %}

{% macro get_delete_insert_merge_sql(target, source, unique_key, dest_columns, incremental_predicates=none) -%}
    {{ return(adapter.dispatch('get_delete_insert_merge_sql', 'dbt')(target, source, unique_key, dest_columns, incremental_predicates)) }}
{%- endmacro %}

{#- the rows of the target whose key the new rows carry are deleted, then every new row is inserted
    (no key: inserted only); the text is dbt-core's, line breaks and indents included -#}
{% macro default__get_delete_insert_merge_sql(target, source, unique_key, dest_columns, incremental_predicates=none) -%}
    {%- set columns_csv = get_quoted_csv(dest_columns | map(attribute='name')) -%}
    {%- if unique_key -%}
        {%- set key_csv = ([unique_key] if unique_key is string else unique_key) | join(', ') -%}
        {{ '\n        \n        ' if unique_key is string }}
        delete from {{ target }} as DBT_INTERNAL_DEST
        where ({{ key_csv }}) in (
            select distinct {{ key_csv }}
            from {{ source }} as DBT_INTERNAL_SOURCE
        )
        {%- for predicate in (incremental_predicates or []) -%}
            {{ '\n            \n                and ' ~ predicate }}
        {%- endfor -%}
        {{ '\n            ' if incremental_predicates }};{{ '\n\n    ' }}
    {%- endif %}

    insert into {{ target }} ({{ columns_csv }})
    (
        select {{ columns_csv }}
        from {{ source }}
    )
{%- endmacro %}

{% macro get_insert_overwrite_merge_sql(target, source, dest_columns, predicates, include_sql_header=false) -%}
    {{ return(adapter.dispatch('get_insert_overwrite_merge_sql', 'dbt')(target, source, dest_columns, predicates, include_sql_header)) }}
{%- endmacro %}

{% macro default__get_insert_overwrite_merge_sql(target, source, dest_columns, predicates, include_sql_header=false) -%}
    {%- set columns_csv = get_quoted_csv(dest_columns | map(attribute='name')) -%}
    delete from {{ target }}{% if predicates %} where {{ predicates | join(' and ') }}{% endif %};
    insert into {{ target }} ({{ columns_csv }})
    (
        select {{ columns_csv }}
        from {{ source }}
    )
{%- endmacro %}
