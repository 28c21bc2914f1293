{#- The macros a materialization body calls, as dbt's materialization context has them. tsdbt's
    built-in materializations are TypeScript; these serve materializations written in Jinja (the
    project's or a package's) and the built-in steps a project overrides (docs/materializations.md).
    Each public macro dispatches to `<adapter>__name`, then `default__name`. -#}

{#- hooks: each hook whose `transaction` flag matches, rendered for the node and run; hooks outside
    the transaction commit the open one first (as dbt does) and open none themselves -#}
{% macro run_hooks(hooks, inside_transaction=True) -%}
    {%- set matching = [] -%}
    {%- for hook in hooks -%}
        {%- if (hook.transaction if hook.transaction is not none else true) == inside_transaction -%}
            {%- do matching.append(hook) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- for hook in matching -%}
        {%- if not inside_transaction and loop.first -%}
            {%- do adapter.commit() -%}
        {%- endif -%}
        {%- set rendered = render(hook.sql) | trim -%}
        {%- if rendered | length > 0 -%}
            {%- call statement(auto_begin=inside_transaction) -%}
                {{ rendered }}
            {%- endcall -%}
        {%- endif -%}
    {%- endfor -%}
{%- endmacro %}

{#- relation names a materialization builds beside its target -#}
{% macro make_relation_with_suffix(base_relation, suffix, dstring) -%}
    {{ return(adapter.dispatch('make_relation_with_suffix', 'dbt')(base_relation, suffix, dstring)) }}
{%- endmacro %}

{% macro default__make_relation_with_suffix(base_relation, suffix, dstring) -%}
    {%- set stamp = modules.datetime.datetime.now().strftime('%H%M%S%f') if dstring else '' -%}
    {{ return(base_relation.incorporate(path={'identifier': base_relation.identifier ~ suffix ~ stamp})) }}
{%- endmacro %}

{% macro make_temp_relation(base_relation, suffix='__dbt_tmp') -%}
    {{ return(adapter.dispatch('make_temp_relation', 'dbt')(base_relation, suffix)) }}
{%- endmacro %}

{% macro default__make_temp_relation(base_relation, suffix) -%}
    {{ return(make_relation_with_suffix(base_relation, suffix, dstring=False)) }}
{%- endmacro %}

{% macro make_intermediate_relation(base_relation, suffix='__dbt_tmp') -%}
    {{ return(adapter.dispatch('make_intermediate_relation', 'dbt')(base_relation, suffix)) }}
{%- endmacro %}

{% macro default__make_intermediate_relation(base_relation, suffix) -%}
    {{ return(make_relation_with_suffix(base_relation, suffix, dstring=False)) }}
{%- endmacro %}

{% macro make_backup_relation(base_relation, backup_relation_type, suffix='__dbt_backup') -%}
    {{ return(adapter.dispatch('make_backup_relation', 'dbt')(base_relation, backup_relation_type, suffix)) }}
{%- endmacro %}

{% macro default__make_backup_relation(base_relation, backup_relation_type, suffix) -%}
    {%- set backup = make_relation_with_suffix(base_relation, suffix, dstring=False) -%}
    {{ return(backup.incorporate(type=backup_relation_type)) }}
{%- endmacro %}

{#- dropping and renaming -#}
{% macro drop_relation(relation) -%}
    {{ return(adapter.dispatch('drop_relation', 'dbt')(relation)) }}
{%- endmacro %}

{% macro default__drop_relation(relation) -%}
    {%- call statement('drop_relation', auto_begin=False) -%}
        {{ get_drop_sql(relation) }}
    {%- endcall -%}
{%- endmacro %}

{% macro get_drop_sql(relation) -%}
    {{ return(adapter.dispatch('get_drop_sql', 'dbt')(relation)) }}
{%- endmacro %}

{#- per type: drop_view, drop_table, drop_materialized_view; another type as `drop <type>` -#}
{% macro default__get_drop_sql(relation) -%}
    {%- if relation.is_view -%}
        {{ drop_view(relation) }}
    {%- elif relation.is_table -%}
        {{ drop_table(relation) }}
    {%- elif relation.is_materialized_view -%}
        {{ drop_materialized_view(relation) }}
    {%- else -%}
        drop {{ relation.type }} if exists {{ relation.render() }} cascade
    {%- endif -%}
{%- endmacro %}

{% macro drop_relation_if_exists(relation) -%}
    {%- if relation is not none -%}
        {{ adapter.drop_relation(relation) }}
    {%- endif -%}
{%- endmacro %}

{% macro rename_relation(from_relation, to_relation) -%}
    {{ return(adapter.dispatch('rename_relation', 'dbt')(from_relation, to_relation)) }}
{%- endmacro %}

{% macro default__rename_relation(from_relation, to_relation) -%}
    {%- call statement('rename_relation') -%}
        alter {{ 'view' if from_relation.is_view else 'table' }} {{ from_relation.render() }} rename to {{ adapter.quote(to_relation.identifier) }}
    {%- endcall -%}
{%- endmacro %}

{#- creating tables and views from a query -#}
{% macro get_create_table_as_sql(temporary, relation, sql) -%}
    {{ return(adapter.dispatch('get_create_table_as_sql', 'dbt')(temporary, relation, sql)) }}
{%- endmacro %}

{% macro default__get_create_table_as_sql(temporary, relation, sql) -%}
    {{ return(create_table_as(temporary, relation, sql)) }}
{%- endmacro %}

{% macro create_table_as(temporary, relation, compiled_code, language='sql') -%}
    {#- a language other than SQL is passed on; SQL keeps the three-argument form older overrides take -#}
    {%- if language == 'sql' -%}
        {{ return(adapter.dispatch('create_table_as', 'dbt')(temporary, relation, compiled_code)) }}
    {%- else -%}
        {{ return(adapter.dispatch('create_table_as', 'dbt')(temporary, relation, compiled_code, language)) }}
    {%- endif -%}
{%- endmacro %}

{#- an enforced contract checks the query's columns first; a table (not temporary) then gets the
    contract's typed columns and constraints and is filled in the contract's column order -#}
{% macro default__create_table_as(temporary, relation, sql, language='sql') -%}
    {%- set sql_header = config.get('sql_header', none) -%}
    {%- set contract_config = config.get('contract') or {} -%}
    {{ sql_header if sql_header is not none }}
    create {% if temporary %}temporary {% endif %}table {{ relation }}
    {%- if contract_config.get('enforced') and not temporary %}
    {{ get_assert_columns_equivalent(sql) }}
    {{ get_table_columns_and_constraints() }}
    {%- set sql = get_select_subquery(sql) %}
    {%- endif %}
    as (
        {{ sql }}
    );
{%- endmacro %}

{% macro get_create_view_as_sql(relation, sql) -%}
    {{ return(adapter.dispatch('get_create_view_as_sql', 'dbt')(relation, sql)) }}
{%- endmacro %}

{% macro default__get_create_view_as_sql(relation, sql) -%}
    {{ return(create_view_as(relation, sql)) }}
{%- endmacro %}

{% macro create_view_as(relation, sql) -%}
    {{ return(adapter.dispatch('create_view_as', 'dbt')(relation, sql)) }}
{%- endmacro %}

{#- an enforced contract checks the query's columns; a view takes no constraints -#}
{% macro default__create_view_as(relation, sql) -%}
    {%- set sql_header = config.get('sql_header', none) -%}
    {%- set contract_config = config.get('contract') or {} -%}
    {%- if contract_config.get('enforced') -%}
        {{ get_assert_columns_equivalent(sql) }}
    {%- endif -%}
    {{ sql_header if sql_header is not none }}
    create view {{ relation.render() }} as (
        {{ sql }}
    );
{%- endmacro %}

{#- documentation: the node's description and its documented columns' descriptions as comments -#}
{% macro persist_docs(relation, model, for_relation=true, for_columns=true) -%}
    {{ return(adapter.dispatch('persist_docs', 'dbt')(relation, model, for_relation, for_columns)) }}
{%- endmacro %}

{% macro default__persist_docs(relation, model, for_relation, for_columns) -%}
    {%- if for_relation and config.persist_relation_docs() and model.description -%}
        {%- do run_query(alter_relation_comment(relation, model.description)) -%}
    {%- endif -%}
    {%- if for_columns and config.persist_column_docs() and model.columns -%}
        {%- set sql = alter_column_comment(relation, model.columns) -%}
        {%- if sql | trim | length > 0 -%}
            {%- do run_query(sql) -%}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}

{% macro alter_relation_comment(relation, relation_comment) -%}
    {{ return(adapter.dispatch('alter_relation_comment', 'dbt')(relation, relation_comment)) }}
{%- endmacro %}

{% macro default__alter_relation_comment(relation, relation_comment) -%}
    comment on {{ 'view' if relation.is_view else 'table' }} {{ relation.render() }} is '{{ relation_comment | replace("'", "''") }}'
{%- endmacro %}

{% macro alter_column_comment(relation, column_dict) -%}
    {{ return(adapter.dispatch('alter_column_comment', 'dbt')(relation, column_dict)) }}
{%- endmacro %}

{% macro default__alter_column_comment(relation, column_dict) -%}
    {%- set existing = adapter.get_columns_in_relation(relation) | map(attribute='name') | list -%}
    {%- for name, column in column_dict.items() if column.description and name in existing -%}
    comment on column {{ relation.render() }}.{{ adapter.quote(name) }} is '{{ column.description | replace("'", "''") }}';
    {% endfor -%}
{%- endmacro %}

{#- changing a column's type in place (sync_all_columns) -#}
{% macro alter_column_type(relation, column_name, new_column_type) -%}
    {{ return(adapter.dispatch('alter_column_type', 'dbt')(relation, column_name, new_column_type)) }}
{%- endmacro %}

{% macro default__alter_column_type(relation, column_name, new_column_type) -%}
    {%- call statement('alter_column_type') -%}
        alter table {{ relation.render() }} alter column {{ adapter.quote(column_name) }} type {{ new_column_type }}
    {%- endcall -%}
{%- endmacro %}

{#- a comma-separated list of quoted column names -#}
{% macro get_quoted_csv(column_names) -%}
    {%- set quoted = [] -%}
    {%- for name in column_names -%}
        {%- do quoted.append(adapter.quote(name)) -%}
    {%- endfor -%}
    {{ return(quoted | join(', ')) }}
{%- endmacro %}

{#- indexes of the `indexes` config, where the adapter has them (dispatch returns none elsewhere) -#}
{% macro get_create_index_sql(relation, index_dict) -%}
    {{ return(adapter.dispatch('get_create_index_sql', 'dbt')(relation, index_dict)) }}
{%- endmacro %}

{% macro default__get_create_index_sql(relation, index_dict) -%}
    {{ return(none) }}
{%- endmacro %}

{% macro create_indexes(relation) -%}
    {%- for index_dict in config.get('indexes') or [] -%}
        {%- set index_sql = get_create_index_sql(relation, index_dict) -%}
        {%- if index_sql and index_sql | trim | length > 0 -%}
            {%- call statement('create_index') -%}
                {{ index_sql }}
            {%- endcall -%}
        {%- endif -%}
    {%- endfor -%}
{%- endmacro %}
