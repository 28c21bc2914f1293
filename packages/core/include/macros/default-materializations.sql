{#- dbt's built-in materializations as macros a materialization of the project or a package can
    call: `{{ return(dbt.materialization_table_default()) }}` wraps the built-in with work of its
    own (elementary's test and model materializations do). A node without such a wrapper never
    runs these: tsdbt's TypeScript materializations build it. They read the materialization
    context of the calling macro (`sql`, `pre_hooks`, `post_hooks`, `this`, `config`), so a
    wrapper may change `sql` first with `context.update({'sql': …})`. Each returns
    `{'relations': [...]}` as dbt's does. docs/materializations.md, "Calling the built-ins". -#}

{#- the relation of `relation`'s name built beside the target, dropped when it is left over from an earlier run -#}
{% macro tsdbt_clear_leftover(relation) -%}
  {%- set leftover = load_cached_relation(relation) -%}
  {%- if leftover is not none -%}{{ drop_relation_if_exists(leftover) }}{%- endif -%}
{%- endmacro %}

{#- view: create the view under a temporary name, move the old relation aside, rename, drop the old one -#}
{% macro materialization_view_default() -%}
  {%- set existing = load_cached_relation(this) -%}
  {%- set target = this.incorporate(type='view') -%}
  {%- set staging = make_intermediate_relation(target) -%}
  {%- set backup = make_backup_relation(target, 'view' if existing is none else existing.type) -%}
  {{ run_hooks(pre_hooks, inside_transaction=False) }}
  {{ tsdbt_clear_leftover(staging) }}
  {{ tsdbt_clear_leftover(backup) }}
  {{ run_hooks(pre_hooks, inside_transaction=True) }}
  {%- call statement('main') -%}
    {{ get_create_view_as_sql(staging, sql) }}
  {%- endcall -%}
  {%- if existing is not none -%}{% do adapter.rename_relation(existing, backup) %}{%- endif -%}
  {% do adapter.rename_relation(staging, target) %}
  {% do apply_grants(target, config.get('grants'), should_revoke=should_revoke(existing, full_refresh_mode=True)) %}
  {% do persist_docs(target, model) %}
  {{ run_hooks(post_hooks, inside_transaction=True) }}
  {% do adapter.commit() %}
  {{ drop_relation_if_exists(backup) }}
  {{ run_hooks(post_hooks, inside_transaction=False) }}
  {{ return({'relations': [target]}) }}
{%- endmacro %}

{#- table: build under a temporary name, swap with the old relation, drop the old one after the commit -#}
{% macro materialization_table_default() -%}
  {%- set existing = load_cached_relation(this) -%}
  {%- set target = this.incorporate(type='table') -%}
  {%- set staging = make_intermediate_relation(target) -%}
  {%- set backup = make_backup_relation(target, 'table' if existing is none else existing.type) -%}
  {{ tsdbt_clear_leftover(staging) }}
  {{ tsdbt_clear_leftover(backup) }}
  {{ run_hooks(pre_hooks, inside_transaction=False) }}
  {{ run_hooks(pre_hooks, inside_transaction=True) }}
  {%- call statement('main') -%}
    {{ get_create_table_as_sql(False, staging, sql) }}
  {%- endcall -%}
  {% do create_indexes(staging) %}
  {%- if existing is not none -%}{% do adapter.rename_relation(existing, backup) %}{%- endif -%}
  {% do adapter.rename_relation(staging, target) %}
  {{ run_hooks(post_hooks, inside_transaction=True) }}
  {% do apply_grants(target, config.get('grants'), should_revoke=should_revoke(existing, full_refresh_mode=True)) %}
  {% do persist_docs(target, model) %}
  {% do adapter.commit() %}
  {{ drop_relation_if_exists(backup) }}
  {{ run_hooks(post_hooks, inside_transaction=False) }}
  {{ return({'relations': [target]}) }}
{%- endmacro %}

{#- incremental: a new table on the first run or a full refresh (swapped in as a table's is), else
    the model's rows into a temporary table and the project's strategy from there into the target -#}
{% macro materialization_incremental_default() -%}
  {%- set existing = load_cached_relation(this) -%}
  {%- set target = this.incorporate(type='table') -%}
  {%- set staging = make_intermediate_relation(target) -%}
  {%- set backup = make_backup_relation(target, 'table' if existing is none else existing.type) -%}
  {%- set full_refresh_mode = should_full_refresh() -%}
  {%- set on_schema_change = incremental_validate_on_schema_change(config.get('on_schema_change'), default='ignore') -%}
  {{ tsdbt_clear_leftover(staging) }}
  {{ tsdbt_clear_leftover(backup) }}
  {{ run_hooks(pre_hooks, inside_transaction=False) }}
  {{ run_hooks(pre_hooks, inside_transaction=True) }}
  {%- set swap = existing is not none and (existing.is_view or full_refresh_mode) -%}
  {%- if existing is none -%}
    {%- set build_sql = get_create_table_as_sql(False, target, sql) -%}
  {%- elif swap -%}
    {%- set build_sql = get_create_table_as_sql(False, staging, sql) -%}
  {%- else -%}
    {%- set temp = make_temp_relation(target) -%}
    {% do run_query(get_create_table_as_sql(True, temp, sql)) %}
    {% do adapter.expand_target_column_types(from_relation=temp, to_relation=target) %}
    {%- set dest_columns = process_schema_changes(on_schema_change, temp, existing) -%}
    {%- if not dest_columns -%}{%- set dest_columns = adapter.get_columns_in_relation(existing) -%}{%- endif -%}
    {%- set strategy = config.get('incremental_strategy') or 'default' -%}
    {%- set strategy_macro = adapter.get_incremental_strategy_macro(context, strategy) -%}
    {%- set build_sql = strategy_macro({
        'target_relation': target, 'temp_relation': temp, 'unique_key': config.get('unique_key'),
        'dest_columns': dest_columns,
        'incremental_predicates': config.get('predicates', none) or config.get('incremental_predicates', none)}) -%}
  {%- endif -%}
  {%- call statement('main') -%}
    {{ build_sql }}
  {%- endcall -%}
  {%- if swap -%}
    {% do adapter.rename_relation(target, backup) %}
    {% do adapter.rename_relation(staging, target) %}
  {%- endif -%}
  {% do apply_grants(target, config.get('grants'), should_revoke=should_revoke(existing, full_refresh_mode)) %}
  {% do persist_docs(target, model) %}
  {%- if existing is none or existing.is_view or full_refresh_mode -%}{% do create_indexes(target) %}{%- endif -%}
  {{ run_hooks(post_hooks, inside_transaction=True) }}
  {% do adapter.commit() %}
  {%- if swap -%}{% do adapter.drop_relation(backup) %}{%- endif -%}
  {{ run_hooks(post_hooks, inside_transaction=False) }}
  {{ return({'relations': [target]}) }}
{%- endmacro %}

{#- data test: the failing rows stored first when the test keeps them, then one row of
    failures / should_warn / should_error, which decides the test's status -#}
{% macro materialization_test_default() -%}
  {%- set relations = [] -%}
  {%- set main_sql = sql -%}
  {%- if should_store_failures() -%}
    {%- set stored = api.Relation.create(database=this.database, schema=this.schema, identifier=model['alias'],
        type=config.get('store_failures_as') or 'table') -%}
    {%- set previous = adapter.get_relation(database=stored.database, schema=stored.schema, identifier=stored.identifier) -%}
    {%- if previous is not none -%}{% do adapter.drop_relation(previous) %}{%- endif -%}
    {%- call statement(auto_begin=True) -%}
      {{ get_create_sql(stored, sql) }}
    {%- endcall -%}
    {% do relations.append(stored) %}
    {%- set main_sql = 'select * from ' ~ stored -%}
    {% do adapter.commit() %}
  {%- endif -%}
  {%- call statement('main', fetch_result=True) -%}
    {{ get_test_sql(main_sql, config.get('fail_calc', 'count(*)'), config.get('warn_if', '!= 0'), config.get('error_if', '!= 0'), config.get('limit')) }}
  {%- endcall -%}
  {{ return({'relations': relations}) }}
{%- endmacro %}

{#- a view built by `create view` over whatever was there (dbt's helper for adapters whose views are
    replaced in place): a table of that name is dropped first (handle_existing_table). No commit of
    its own: on a transactional warehouse the calling materialization commits. -#}
{% macro create_or_replace_view() -%}
  {%- set previous = adapter.get_relation(database=this.database, schema=this.schema, identifier=model['alias']) -%}
  {%- set target = api.Relation.create(database=this.database, schema=this.schema, identifier=model['alias'], type='view') -%}
  {{ run_hooks(pre_hooks) }}
  {%- if previous is not none and not previous.is_view -%}
    {{ handle_existing_table(should_full_refresh(), previous) }}
  {%- endif -%}
  {%- call statement('main') -%}
    {{ get_create_view_as_sql(target, sql) }}
  {%- endcall -%}
  {% do apply_grants(target, config.get('grants'), should_revoke=should_revoke(previous is not none and previous.is_view, full_refresh_mode=True)) %}
  {{ run_hooks(post_hooks) }}
  {{ return({'relations': [target]}) }}
{%- endmacro %}

{#- what create_or_replace_view does with a table in the way of the view: drops it -#}
{% macro handle_existing_table(full_refresh, old_relation) -%}
  {{ adapter.dispatch('handle_existing_table', 'dbt')(full_refresh, old_relation) }}
{%- endmacro %}

{% macro default__handle_existing_table(full_refresh, old_relation) -%}
  {{ log("Dropping relation " ~ old_relation.render() ~ " because it is of type " ~ old_relation.type) }}
  {{ adapter.drop_relation(old_relation) }}
{%- endmacro %}
