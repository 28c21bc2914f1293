{#- SQL text that creates, renames, replaces and drops relations of each type, for custom
    materializations and packages: get_create_sql, get_rename_sql, get_replace_sql, get_drop_sql's
    per-type parts, the intermediate/backup steps, and materialized views. Each public macro
    dispatches, so `<adapter>__name` or `default__name` in a project or package replaces it. The
    text (blank lines included) is dbt-postgres's on PostgreSQL; what the *_as_sql parts print
    comes from get_create_table_as_sql / get_create_view_as_sql. -#}

{#- create: a view, a table or a materialized view from a query -#}
{% macro get_create_sql(relation, sql) -%}
    {{ return(adapter.dispatch('get_create_sql', 'dbt')(relation, sql)) }}
{%- endmacro %}

{% macro default__get_create_sql(relation, sql) -%}
    {%- if relation.is_view -%}
        {{ return(get_create_view_as_sql(relation, sql)) }}
    {%- elif relation.is_table -%}
        {{ return(get_create_table_as_sql(False, relation, sql)) }}
    {%- elif relation.is_materialized_view -%}
        {{ return(get_create_materialized_view_as_sql(relation, sql)) }}
    {%- endif -%}
    {{ exceptions.raise_not_implemented('`get_create_sql` has not been implemented for: ' ~ relation.type) }}
{%- endmacro %}

{#- rename: `new_name` is the bare identifier -#}
{% macro get_rename_sql(relation, new_name) -%}
    {{ return(adapter.dispatch('get_rename_sql', 'dbt')(relation, new_name)) }}
{%- endmacro %}

{% macro default__get_rename_sql(relation, new_name) -%}
    {%- if relation.is_view -%}
        {{ return(get_rename_view_sql(relation, new_name)) }}
    {%- elif relation.is_table -%}
        {{ return(get_rename_table_sql(relation, new_name)) }}
    {%- elif relation.is_materialized_view -%}
        {{ return(get_rename_materialized_view_sql(relation, new_name)) }}
    {%- endif -%}
    {{ exceptions.raise_not_implemented('`get_rename_sql` has not been implemented for: ' ~ relation.type) }}
{%- endmacro %}

{% macro get_rename_table_sql(relation, new_name) -%}
    {{ return(adapter.dispatch('get_rename_table_sql', 'dbt')(relation, new_name)) }}
{%- endmacro %}

{% macro default__get_rename_table_sql(relation, new_name) %}
    alter table {{ relation }} rename to {{ new_name }}
{% endmacro %}

{% macro get_rename_view_sql(relation, new_name) -%}
    {{ return(adapter.dispatch('get_rename_view_sql', 'dbt')(relation, new_name)) }}
{%- endmacro %}

{% macro default__get_rename_view_sql(relation, new_name) %}
    alter view {{ relation }} rename to {{ new_name }}
{% endmacro %}

{% macro get_rename_materialized_view_sql(relation, new_name) -%}
    {{ return(adapter.dispatch('get_rename_materialized_view_sql', 'dbt')(relation, new_name)) }}
{%- endmacro %}

{% macro default__get_rename_materialized_view_sql(relation, new_name) %}
    alter materialized view {{ relation }} rename to {{ new_name }}
{% endmacro %}

{#- drop, per type (get_drop_sql picks one) -#}
{% macro drop_table(relation) -%}
    {{ return(adapter.dispatch('drop_table', 'dbt')(relation)) }}
{%- endmacro %}

{% macro default__drop_table(relation) -%}
    drop table if exists {{ relation }} cascade
{%- endmacro %}

{% macro drop_view(relation) -%}
    {{ return(adapter.dispatch('drop_view', 'dbt')(relation)) }}
{%- endmacro %}

{% macro default__drop_view(relation) -%}
    drop view if exists {{ relation }} cascade
{%- endmacro %}

{% macro drop_materialized_view(relation) -%}
    {{ return(adapter.dispatch('drop_materialized_view', 'dbt')(relation)) }}
{%- endmacro %}

{% macro default__drop_materialized_view(relation) -%}
    drop materialized view if exists {{ relation }} cascade
{%- endmacro %}

{#- replace in place: `create or replace` (what the adapter can swap atomically) -#}
{% macro get_replace_view_sql(relation, sql) -%}
    {{ return(adapter.dispatch('get_replace_view_sql', 'dbt')(relation, sql)) }}
{%- endmacro %}

{% macro default__get_replace_view_sql(relation, sql) %}

    create or replace view {{ relation }}
        
        
    as (
        {{ sql }}
    );
{%- endmacro %}

{% macro get_replace_table_sql(relation, sql) -%}
    {{ return(adapter.dispatch('get_replace_table_sql', 'dbt')(relation, sql)) }}
{%- endmacro %}

{% macro default__get_replace_table_sql(relation, sql) %}

    create or replace table {{ relation }}
        
        
    as (
        {{ sql }}
    );
{%- endmacro %}

{% macro get_replace_materialized_view_sql(relation, sql) -%}
    {{ return(adapter.dispatch('get_replace_materialized_view_sql', 'dbt')(relation, sql)) }}
{%- endmacro %}

{% macro default__get_replace_materialized_view_sql(relation, sql) -%}
    {{ exceptions.raise_not_implemented('`get_replace_materialized_view_sql` has not been implemented for this adapter.') }}
{%- endmacro %}

{#- materialized views: create (with the model's `indexes` where the adapter has them) and refresh -#}
{% macro get_create_materialized_view_as_sql(relation, sql) -%}
    {{ return(adapter.dispatch('get_create_materialized_view_as_sql', 'dbt')(relation, sql)) }}
{%- endmacro %}

{% macro default__get_create_materialized_view_as_sql(relation, sql) %}
    create materialized view {{ relation }} as {{ sql }};
{% endmacro %}

{% macro refresh_materialized_view(relation) -%}
    {{ return(adapter.dispatch('refresh_materialized_view', 'dbt')(relation)) }}
{%- endmacro %}

{% macro default__refresh_materialized_view(relation) %}
    refresh materialized view {{ relation }}
{% endmacro %}

{#- the steps of a swap: build beside the target (`__dbt_tmp`), move the old one aside (`__dbt_backup`),
    move the new one in, drop the old one -#}
{% macro get_create_intermediate_sql(relation, sql) -%}
    {{ return(adapter.dispatch('get_create_intermediate_sql', 'dbt')(relation, sql)) }}
{%- endmacro %}

{% macro default__get_create_intermediate_sql(relation, sql) -%}
    {%- set intermediate = make_intermediate_relation(relation) -%}
    -- get the standard intermediate name
    

    -- drop any pre-existing intermediate
    {{ get_drop_sql(intermediate) }};

    {{ get_create_sql(intermediate, sql) }}
{%- endmacro %}

{% macro get_create_backup_sql(relation) -%}
    {{ return(adapter.dispatch('get_create_backup_sql', 'dbt')(relation)) }}
{%- endmacro %}

{% macro default__get_create_backup_sql(relation) -%}
    {%- set backup = make_backup_relation(relation, relation.type) -%}
    -- get the standard backup name
    

    -- drop any pre-existing backup
    {{ get_drop_sql(backup) }};

    {{ get_rename_sql(relation, backup.identifier) }}
{%- endmacro %}

{% macro get_rename_intermediate_sql(relation) -%}
    {{ return(adapter.dispatch('get_rename_intermediate_sql', 'dbt')(relation)) }}
{%- endmacro %}

{% macro default__get_rename_intermediate_sql(relation) -%}
    {%- set intermediate = make_intermediate_relation(relation) -%}
    -- get the standard intermediate name
    

    {{ get_rename_sql(intermediate, relation.identifier) }}
{%- endmacro %}

{% macro get_drop_backup_sql(relation) -%}
    {{ return(adapter.dispatch('get_drop_backup_sql', 'dbt')(relation)) }}
{%- endmacro %}

{% macro default__get_drop_backup_sql(relation) -%}
    {%- set backup = make_backup_relation(relation, relation.type) -%}
    -- get the standard backup name
    

    {{ get_drop_sql(backup) }}
{%- endmacro %}

{#- replace `existing_relation` by `target_relation` built from `sql`: in place when the type stays and
    the adapter can replace it; else through an intermediate and a backup when both can be renamed;
    else move the old one aside, create, drop it; else drop and create -#}
{% macro get_replace_sql(existing_relation, target_relation, sql) -%}
    {{ return(adapter.dispatch('get_replace_sql', 'dbt')(existing_relation, target_relation, sql)) }}
{%- endmacro %}

{% macro default__get_replace_sql(existing_relation, target_relation, sql) %}

    

    

    {% if existing_relation.type == target_relation.type and existing_relation.can_be_replaced %}
        {{ _replace_in_place_sql(target_relation, sql) }}

    {% elif target_relation.can_be_renamed and existing_relation.can_be_renamed -%}
        {{ get_create_intermediate_sql(target_relation, sql) }};
        {{ get_create_backup_sql(existing_relation) }};
        {{ get_rename_intermediate_sql(target_relation) }};
        {{ get_drop_backup_sql(existing_relation) }}

    {% elif existing_relation.can_be_renamed -%}
        {{ get_create_backup_sql(existing_relation) }};
        {{ get_create_sql(target_relation, sql) }};
        {{ get_drop_backup_sql(existing_relation) }}

    {% else -%}
        {{ get_drop_sql(existing_relation) }};
        {{ get_create_sql(target_relation, sql) }}
    {%- endif %}
{%- endmacro %}

{% macro _replace_in_place_sql(relation, sql) -%}
    {%- if relation.is_view -%}
        {{ return(get_replace_view_sql(relation, sql)) }}
    {%- elif relation.is_table -%}
        {{ return(get_replace_table_sql(relation, sql)) }}
    {%- elif relation.is_materialized_view -%}
        {{ return(get_replace_materialized_view_sql(relation, sql)) }}
    {%- endif -%}
    {{ exceptions.raise_not_implemented('`get_replace_sql` has not been implemented for: ' ~ relation.type) }}
{%- endmacro %}

{#- drops a schema by name in the target's database -#}
{% macro drop_schema_named(schema_name) -%}
    {{ return(adapter.dispatch('drop_schema_named', 'dbt')(schema_name)) }}
{%- endmacro %}

{% macro default__drop_schema_named(schema_name) %}
  {% set schema_relation = api.Relation.create(database=target.database, schema=schema_name) %}
  {{ adapter.drop_schema(schema_relation) }}
{% endmacro %}

{#- indexes: drop one by name, list them -#}
{% macro get_drop_index_sql(relation, index_name) -%}
    {{ return(adapter.dispatch('get_drop_index_sql', 'dbt')(relation, index_name)) }}
{%- endmacro %}

{% macro default__get_drop_index_sql(relation, index_name) -%}
    {{ exceptions.raise_not_implemented('`get_drop_index_sql has not been implemented for this adapter.') }}
{%- endmacro %}

{#- a query listing the relation's indexes: name, method, unique, column_names (comma-separated) -#}
{% macro get_show_indexes_sql(relation) -%}
    {{ return(adapter.dispatch('get_show_indexes_sql', 'dbt')(relation)) }}
{%- endmacro %}

{% macro default__get_show_indexes_sql(relation) -%}
    {{ exceptions.raise_not_implemented('`get_show_indexes_sql has not been implemented for this adapter.') }}
{%- endmacro %}
