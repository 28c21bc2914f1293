{#- Snapshots as macros. tsdbt builds snapshots in TypeScript; when the project or a package
    overrides one of the macros below (plain, `default__` or `<adapter>__`), the snapshot runs
    tsdbt_snapshot_materialization instead, which calls them in the order dbt's snapshot
    materialization does: a strategy (a dict of SQL expressions), then build_snapshot_table on the
    first run, or snapshot_staging_table + snapshot_merge_sql on later runs
    (docs/materializations.md). The staging table holds one row per change: `dbt_change_type`
    ('insert', 'update' or 'delete'), the source's columns, `dbt_unique_key` (`dbt_unique_key_<n>`
    for a list), then dbt_updated_at, dbt_valid_from, dbt_valid_to and dbt_scd_id. -#}

{#- the names of the history columns (`snapshot_meta_column_names` renames them) -#}
{% macro get_snapshot_table_column_names() -%}
    {%- set names = {'dbt_valid_to': 'dbt_valid_to', 'dbt_valid_from': 'dbt_valid_from', 'dbt_scd_id': 'dbt_scd_id', 'dbt_updated_at': 'dbt_updated_at', 'dbt_is_deleted': 'dbt_is_deleted'} -%}
    {%- set renamed = config.get('snapshot_meta_column_names') or {} -%}
    {%- for key, value in renamed.items() if value -%}
        {%- do names.update({key: value}) -%}
    {%- endfor -%}
    {{ return(names) }}
{%- endmacro %}

{#- what dbt_valid_to holds in a current version: null typed like the change time, or dbt_valid_to_current -#}
{% macro get_dbt_valid_to_current(strategy, columns) -%}
    {%- set current = config.get('dbt_valid_to_current') -%}
    coalesce(nullif({{ strategy.updated_at }}, {{ strategy.updated_at }}), {{ current if current else 'null' }})
{%- endmacro %}

{#- the row version id: an md5 over the parts' text, `|`-separated, nulls as empty strings -#}
{% macro snapshot_hash_arguments(args) -%}
    {{ return(adapter.dispatch('snapshot_hash_arguments', 'dbt')(args)) }}
{%- endmacro %}

{% macro default__snapshot_hash_arguments(args) -%}
    md5({% for part in args %}coalesce(cast({{ part }} as varchar), ''){{ " || '|' || " if not loop.last }}{% endfor %})
{%- endmacro %}

{#- the unique key as a list of column expressions -#}
{% macro tsdbt_snapshot_keys(unique_key) -%}
    {{ return([unique_key] if unique_key is string else unique_key) }}
{%- endmacro %}

{#- what a strategy decides from: the hard_deletes setting (legacy invalidate_hard_deletes too) -#}
{% macro tsdbt_hard_deletes() -%}
    {%- set value = config.get('hard_deletes') -%}
    {%- if value -%}
        {{ return(value | lower) }}
    {%- endif -%}
    {{ return('invalidate' if config.get('invalidate_hard_deletes') in [true, 'true', 'True'] else 'ignore') }}
{%- endmacro %}

{#- strategy 'timestamp': a row changed when its updated_at is later than its current version's start -#}
{% macro snapshot_timestamp_strategy(node, snapshotted_rel, current_rel, model_config, target_exists) -%}
    {%- set columns = get_snapshot_table_column_names() -%}
    {%- set unique_key = config.get('unique_key') -%}
    {%- set updated_at = config.get('updated_at') -%}
    {%- set hard_deletes = tsdbt_hard_deletes() -%}
    {%- set row_changed -%}
        ({{ snapshotted_rel }}.{{ columns.dbt_valid_from }} < {{ current_rel }}.{{ updated_at }})
    {%- endset -%}
    {{ return({
        'unique_key': unique_key,
        'updated_at': updated_at,
        'row_changed': row_changed,
        'scd_id': snapshot_hash_arguments(tsdbt_snapshot_keys(unique_key) + [updated_at]),
        'invalidate_hard_deletes': hard_deletes == 'invalidate',
        'hard_deletes': hard_deletes,
    }) }}
{%- endmacro %}

{#- strategy 'check': a row changed when one of check_cols ('all': every column of the query) differs -#}
{% macro snapshot_check_strategy(node, snapshotted_rel, current_rel, model_config, target_exists) -%}
    {%- set unique_key = config.get('unique_key') -%}
    {%- set check_cols = config.get('check_cols') -%}
    {%- set hard_deletes = tsdbt_hard_deletes() -%}
    {%- set changed_at = config.get('updated_at') or (snapshot_get_time() | trim) -%}
    {%- if check_cols is string and check_cols | lower == 'all' -%}
        {%- set keys = tsdbt_snapshot_keys(unique_key) -%}
        {%- set check_cols = [] -%}
        {%- for column in get_columns_in_query(node['compiled_code']) if column not in keys -%}
            {%- do check_cols.append(adapter.quote(column)) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- set row_changed -%}
        ({% for column in check_cols %}{{ snapshotted_rel }}.{{ column }} is distinct from {{ current_rel }}.{{ column }}{{ ' or ' if not loop.last }}{% endfor %}{{ 'false' if check_cols | length == 0 }})
    {%- endset -%}
    {{ return({
        'unique_key': unique_key,
        'updated_at': changed_at,
        'row_changed': row_changed,
        'scd_id': snapshot_hash_arguments(tsdbt_snapshot_keys(unique_key) + [changed_at]),
        'invalidate_hard_deletes': hard_deletes == 'invalidate',
        'hard_deletes': hard_deletes,
    }) }}
{%- endmacro %}

{#- the strategy macro of the snapshot's `strategy` config (a custom one: `snapshot_<name>_strategy`) -#}
{% macro tsdbt_snapshot_strategy(strategy_name) -%}
    {%- set name = strategy_name | lower -%}
    {%- if name == 'timestamp' -%}
        {{ return(snapshot_timestamp_strategy) }}
    {%- elif name == 'check' -%}
        {{ return(snapshot_check_strategy) }}
    {%- endif -%}
    {%- set custom = context.get('snapshot_' ~ name ~ '_strategy') -%}
    {%- if custom -%}
        {{ return(custom) }}
    {%- endif -%}
    {%- do exceptions.raise_compiler_error("Snapshot strategy '" ~ strategy_name ~ "' has no macro snapshot_" ~ name ~ "_strategy; use 'timestamp' or 'check', or define that macro.") -%}
{%- endmacro %}

{#- the first run: every row of the query as its current version -#}
{% macro build_snapshot_table(strategy, sql) -%}
    {{ return(adapter.dispatch('build_snapshot_table', 'dbt')(strategy, sql)) }}
{%- endmacro %}

{% macro default__build_snapshot_table(strategy, sql) -%}
    {%- set columns = get_snapshot_table_column_names() -%}
    select
        first_versions.*,
        {{ strategy.scd_id }} as {{ columns.dbt_scd_id }},
        {{ strategy.updated_at }} as {{ columns.dbt_updated_at }},
        {{ strategy.updated_at }} as {{ columns.dbt_valid_from }},
        {{ get_dbt_valid_to_current(strategy, columns) }} as {{ columns.dbt_valid_to }}
        {%- if strategy.hard_deletes == 'new_record' %},
        'False' as {{ columns.dbt_is_deleted }}
        {%- endif %}
    from (
        {{ sql }}
    ) as first_versions
{%- endmacro %}

{#- later runs: the changes between the query and the current versions, one row per change -#}
{% macro snapshot_staging_table(strategy, source_sql, target_relation) -%}
    {{ return(adapter.dispatch('snapshot_staging_table', 'dbt')(strategy, source_sql, target_relation)) }}
{%- endmacro %}

{% macro default__snapshot_staging_table(strategy, source_sql, target_relation) -%}
    {%- set columns = get_snapshot_table_column_names() -%}
    {%- set keys = tsdbt_snapshot_keys(strategy.unique_key) -%}
    {%- set key_names = ['dbt_unique_key'] if keys | length == 1 else [] -%}
    {%- if keys | length > 1 -%}
        {%- for key in keys -%}{%- do key_names.append('dbt_unique_key_' ~ loop.index) -%}{%- endfor -%}
    {%- endif -%}
    {%- set current = config.get('dbt_valid_to_current') -%}
    {%- set new_record = strategy.hard_deletes == 'new_record' -%}
    {#- with new_record, a current version may be a deletion record: the row comes back as a change -#}
    {%- set came_back = ' or snapshotted_data.' ~ columns.dbt_is_deleted ~ " = 'True'" if new_record else '' -%}
    {%- set not_deleted = ' and (snapshotted_data.' ~ columns.dbt_is_deleted ~ ' is null or snapshotted_data.' ~ columns.dbt_is_deleted ~ " <> 'True')" if new_record else '' -%}
    {%- set key_match = [] -%}
    {%- for name in key_names -%}{%- do key_match.append('deleted.' ~ name ~ ' = keyed_rows.' ~ name) -%}{%- endfor -%}
    {%- set now = snapshot_get_time() | trim -%}
    {%- set deletion_id_parts = [] -%}
    {%- for key in keys -%}{%- do deletion_id_parts.append('snapshotted_data.' ~ key) -%}{%- endfor -%}
    {%- do deletion_id_parts.append(now) -%}
    with query_rows as (
        {{ source_sql }}
    ),
    keyed_rows as (
        select *{% for key in keys %}, {{ key }} as {{ key_names[loop.index0] }}{% endfor %}
        from query_rows
    ),
    snapshotted_data as (
        select *{% for key in keys %}, {{ key }} as {{ key_names[loop.index0] }}{% endfor %}
        from {{ target_relation }}
        where {{ columns.dbt_valid_to }} is null{% if current %} or {{ columns.dbt_valid_to }} = {{ current }}{% endif %}
    ),
    new_versions as (
        select keyed_rows.*,
            {{ strategy.updated_at }} as {{ columns.dbt_updated_at }},
            {{ strategy.updated_at }} as {{ columns.dbt_valid_from }},
            {{ get_dbt_valid_to_current(strategy, columns) }} as {{ columns.dbt_valid_to }},
            {{ strategy.scd_id }} as {{ columns.dbt_scd_id }}{% if new_record %},
            'False' as {{ columns.dbt_is_deleted }}{% endif %}
        from keyed_rows
    ),
    closing_times as (
        select keyed_rows.*,
            {{ strategy.updated_at }} as {{ columns.dbt_updated_at }},
            {{ strategy.updated_at }} as {{ columns.dbt_valid_from }},
            {%- if new_record %}
            {#- a deletion record is closed when its row comes back, at the snapshot's time -#}
            case when exists (
                select 1 from snapshotted_data as deleted
                where {{ key_match | join(' and ') }} and deleted.{{ columns.dbt_is_deleted }} = 'True'
            ) then {{ now }} else {{ strategy.updated_at }} end as {{ columns.dbt_valid_to }}
            {%- else %}
            {{ strategy.updated_at }} as {{ columns.dbt_valid_to }}
            {%- endif %}
        from keyed_rows
    )
    select 'insert' as dbt_change_type, source_data.*
    from new_versions as source_data
    left join snapshotted_data
        on {% for name in key_names %}snapshotted_data.{{ name }} = source_data.{{ name }}{{ ' and ' if not loop.last }}{% endfor %}
    where snapshotted_data.{{ key_names[0] }} is null or {{ strategy.row_changed }}{{ came_back }}
    union all
    select 'update' as dbt_change_type, source_data.*, snapshotted_data.{{ columns.dbt_scd_id }}{% if new_record %}, 'False' as {{ columns.dbt_is_deleted }}{% endif %}
    from closing_times as source_data
    join snapshotted_data
        on {% for name in key_names %}snapshotted_data.{{ name }} = source_data.{{ name }}{{ ' and ' if not loop.last }}{% endfor %}
    where {{ strategy.row_changed }}{{ came_back }}
    {%- if strategy.hard_deletes in ['invalidate', 'new_record'] %}
    union all
    select 'delete' as dbt_change_type, source_data.*,
        {{ now }} as {{ columns.dbt_updated_at }},
        {{ now }} as {{ columns.dbt_valid_from }},
        {{ now }} as {{ columns.dbt_valid_to }},
        snapshotted_data.{{ columns.dbt_scd_id }}{% if new_record %}, 'False' as {{ columns.dbt_is_deleted }}{% endif %}
    from snapshotted_data
    left join keyed_rows as source_data
        on {% for name in key_names %}snapshotted_data.{{ name }} = source_data.{{ name }}{{ ' and ' if not loop.last }}{% endfor %}
    where source_data.{{ key_names[0] }} is null{{ not_deleted }}
    {%- endif %}
    {%- if new_record %}
    {#- a row gone from the query gets a deletion record: its last version's values, current from now -#}
    union all
    select 'insert' as dbt_change_type,
        {% for column in get_columns_in_query(source_sql) %}snapshotted_data.{{ adapter.quote(column) }}, {% endfor -%}
        {% for name in key_names %}snapshotted_data.{{ name }}, {% endfor %}
        {{ now }} as {{ columns.dbt_updated_at }},
        {{ now }} as {{ columns.dbt_valid_from }},
        {{ get_dbt_valid_to_current({'updated_at': now}, columns) }} as {{ columns.dbt_valid_to }},
        {{ snapshot_hash_arguments(deletion_id_parts) }} as {{ columns.dbt_scd_id }},
        'True' as {{ columns.dbt_is_deleted }}
    from snapshotted_data
    left join keyed_rows as source_data
        on {% for name in key_names %}snapshotted_data.{{ name }} = source_data.{{ name }}{{ ' and ' if not loop.last }}{% endfor %}
    where source_data.{{ key_names[0] }} is null{{ not_deleted }}
    {%- endif %}
{%- endmacro %}

{#- applies the staged changes: closes the replaced versions, inserts the new ones -#}
{% macro snapshot_merge_sql(target, source, insert_cols) -%}
    {{ return(adapter.dispatch('snapshot_merge_sql', 'dbt')(target, source, insert_cols)) }}
{%- endmacro %}

{#- one MERGE: a staged 'update'/'delete' row closes the version whose scd id it carries, an 'insert' row is added -#}
{% macro default__snapshot_merge_sql(target, source, insert_cols) -%}
    {%- set columns = get_snapshot_table_column_names() -%}
    {%- set current = config.get('dbt_valid_to_current') -%}
    merge into {{ target.render() }} as snapshot_rows
    using {{ source }} as staged
    on staged.{{ columns.dbt_scd_id }} = snapshot_rows.{{ columns.dbt_scd_id }}
    when matched
        and staged.dbt_change_type in ('update', 'delete')
        and (snapshot_rows.{{ columns.dbt_valid_to }} is null{% if current %} or snapshot_rows.{{ columns.dbt_valid_to }} = {{ current }}{% endif %})
        then update set {{ columns.dbt_valid_to }} = staged.{{ columns.dbt_valid_to }}
    when not matched
        and staged.dbt_change_type = 'insert'
        then insert ({{ insert_cols | join(', ') }})
        values ({% for column in insert_cols %}staged.{{ column }}{{ ', ' if not loop.last }}{% endfor %})
{%- endmacro %}

{#- the same as an UPDATE … FROM and an INSERT, for engines whose dbt adapter does it that way
    (PostgreSQL before 15 has no MERGE): postgres__ and duckdb__snapshot_merge_sql return it -#}
{% macro tsdbt_snapshot_update_insert_sql(target, source, insert_cols) -%}
    {%- set columns = get_snapshot_table_column_names() -%}
    {%- set current = config.get('dbt_valid_to_current') -%}
    update {{ target }}
    set {{ columns.dbt_valid_to }} = staged.{{ columns.dbt_valid_to }}
    from {{ source }} as staged
    where staged.{{ columns.dbt_scd_id }} = {{ target }}.{{ columns.dbt_scd_id }}
      and staged.dbt_change_type in ('update', 'delete')
      and ({{ target }}.{{ columns.dbt_valid_to }} is null{% if current %} or {{ target }}.{{ columns.dbt_valid_to }} = {{ current }}{% endif %});

    insert into {{ target }} ({{ insert_cols | join(', ') }})
    select {% for column in insert_cols %}staged.{{ column }}{{ ', ' if not loop.last }}{% endfor %}
    from {{ source }} as staged
    where staged.dbt_change_type = 'insert'
{%- endmacro %}

{#- The snapshot, step by step through the macros above (run when one of them is overridden). -#}
{% macro tsdbt_snapshot_materialization() -%}
    {%- set target_relation = this.incorporate(type='table') -%}
    {%- set existing_relation = load_relation(this) -%}
    {%- if existing_relation is not none and not existing_relation.is_table -%}
        {%- do exceptions.raise_compiler_error("Snapshot " ~ this ~ " cannot be built: a " ~ existing_relation.type ~ " of that name is in the way.") -%}
    {%- endif -%}
    {{ run_hooks(pre_hooks, inside_transaction=False) }}
    {{ run_hooks(pre_hooks, inside_transaction=True) }}
    {%- set strategy_macro = tsdbt_snapshot_strategy(config.get('strategy')) -%}
    {%- set strategy = strategy_macro(model, 'snapshotted_data', 'source_data', model['config'], existing_relation is not none) -%}
    {%- set staging_relation = none -%}
    {%- if existing_relation is none -%}
        {%- set final_sql = create_table_as(False, target_relation, build_snapshot_table(strategy, model['compiled_code'])) -%}
    {%- else -%}
        {#- a temporary table where the adapter's temp relations live apart (no schema), else a table beside the target -#}
        {%- set staging_relation = make_temp_relation(target_relation) -%}
        {%- set temporary = staging_relation.schema is none -%}
        {%- if not temporary -%}
            {%- do adapter.drop_relation(staging_relation.incorporate(type='table')) -%}
        {%- endif -%}
        {%- call statement('build_snapshot_staging_relation') -%}
            {{ create_table_as(temporary, staging_relation, snapshot_staging_table(strategy, sql, target_relation)) }}
        {%- endcall -%}
        {%- set helper_columns = ['dbt_change_type', 'DBT_CHANGE_TYPE', 'dbt_unique_key', 'DBT_UNIQUE_KEY'] -%}
        {%- if strategy.unique_key is not string -%}
            {%- for key in strategy.unique_key -%}
                {%- do helper_columns.extend(['dbt_unique_key_' ~ loop.index, 'DBT_UNIQUE_KEY_' ~ loop.index]) -%}
            {%- endfor -%}
        {%- endif -%}
        {%- for column in adapter.get_missing_columns(staging_relation, target_relation) if column.name not in helper_columns -%}
            {%- call statement('add_snapshot_column') -%}
                alter table {{ target_relation.render() }} add column {{ adapter.quote(column.name) }} {{ column.data_type }}
            {%- endcall -%}
        {%- endfor -%}
        {%- set insert_cols = [] -%}
        {%- for column in adapter.get_columns_in_relation(staging_relation) if column.name not in helper_columns -%}
            {%- do insert_cols.append(adapter.quote(column.name)) -%}
        {%- endfor -%}
        {%- set final_sql = snapshot_merge_sql(target_relation, staging_relation, insert_cols) -%}
    {%- endif -%}
    {%- call statement('main') -%}
        {{ final_sql }}
    {%- endcall -%}
    {%- do persist_docs(target_relation, model) -%}
    {%- if existing_relation is none -%}
        {%- do create_indexes(target_relation) -%}
    {%- endif -%}
    {{ run_hooks(post_hooks, inside_transaction=True) }}
    {{ adapter.commit() }}
    {%- if staging_relation is not none -%}
        {%- do adapter.drop_relation(staging_relation.incorporate(type='table')) -%}
    {%- endif -%}
    {{ run_hooks(post_hooks, inside_transaction=False) }}
    {{ return({'relations': [target_relation]}) }}
{%- endmacro %}
