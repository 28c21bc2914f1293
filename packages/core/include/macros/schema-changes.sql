{#- on_schema_change for custom incremental materializations: how dbt's own incremental one
    compares the new rows' columns with the target's and adds, drops or retypes columns. -#}

{#- the setting when it is one dbt knows, else `default` (with a note in the debug log) -#}
{% macro incremental_validate_on_schema_change(on_schema_change, default='ignore') -%}
    {%- if on_schema_change in ['sync_all_columns', 'append_new_columns', 'fail', 'ignore'] -%}
        {{ return(on_schema_change) }}
    {%- endif -%}
    {%- do log('Invalid value for on_schema_change (%s) specified. Setting default value of %s.' % (on_schema_change, default)) -%}
    {{ return(default) }}
{%- endmacro %}

{#- the columns of `source_columns` whose name is not among `target_columns`' -#}
{% macro diff_columns(source_columns, target_columns) -%}
    {%- set target_names = target_columns | map(attribute='column') | list -%}
    {{ return(source_columns | rejectattr('name', 'in', target_names) | list) }}
{%- endmacro %}

{#- [{column_name, new_type}] for columns on both sides whose type changed and cannot simply widen -#}
{% macro diff_column_data_types(source_columns, target_columns) -%}
    {{ return(adapter.dispatch('diff_column_data_types', 'dbt')(source_columns, target_columns)) }}
{%- endmacro %}

{% macro default__diff_column_data_types(source_columns, target_columns) -%}
    {%- set changed = [] -%}
    {%- for source in source_columns -%}
        {%- set target = target_columns | selectattr('name', 'equalto', source.name) | first -%}
        {%- if target and source.expanded_data_type != target.expanded_data_type and not source.can_expand_to(other_column=target) -%}
            {%- do changed.append({'column_name': target.name, 'new_type': source.expanded_data_type}) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(changed) }}
{%- endmacro %}

{#- the quoted columns a merge updates: merge_update_columns, or all but merge_exclude_columns -#}
{% macro get_merge_update_columns(merge_update_columns, merge_exclude_columns, dest_columns) -%}
    {{ return(adapter.dispatch('get_merge_update_columns', 'dbt')(merge_update_columns, merge_exclude_columns, dest_columns)) }}
{%- endmacro %}

{% macro default__get_merge_update_columns(merge_update_columns, merge_exclude_columns, dest_columns) -%}
    {%- if merge_update_columns and merge_exclude_columns -%}
        {{ exceptions.raise_compiler_error('Model cannot specify merge_update_columns and merge_exclude_columns. Please update model to use only one config') }}
    {%- endif -%}
    {%- if merge_update_columns -%}
        {{ return(merge_update_columns) }}
    {%- endif -%}
    {%- set excluded = (merge_exclude_columns or []) | map('lower') | list -%}
    {%- set kept = [] -%}
    {%- for column in dest_columns if column.column | lower not in excluded -%}
        {%- do kept.append(column.quoted) -%}
    {%- endfor -%}
    {{ return(kept) }}
{%- endmacro %}

{#- what changed between the new rows (`source_relation`) and the target, as a dict -#}
{% macro check_for_schema_changes(source_relation, target_relation) -%}
    {{ return(adapter.dispatch('check_for_schema_changes', 'dbt')(source_relation, target_relation)) }}
{%- endmacro %}

{% macro default__check_for_schema_changes(source_relation, target_relation) -%}
    {%- set source_columns = adapter.get_columns_in_relation(source_relation) -%}
    {%- set target_columns = adapter.get_columns_in_relation(target_relation) -%}
    {%- set added = diff_columns(source_columns, target_columns) -%}
    {%- set removed = diff_columns(target_columns, source_columns) -%}
    {%- set retyped = diff_column_data_types(source_columns, target_columns) -%}
    {%- set changes = {
        'schema_changed': added != [] or removed != [] or retyped != [],
        'source_not_in_target': added,
        'target_not_in_source': removed,
        'source_columns': source_columns,
        'target_columns': target_columns,
        'new_target_types': retyped,
    } -%}
    {%- do log('In ' ~ target_relation ~ ': schema changed: ' ~ changes.schema_changed ~ '; source columns not in target: ' ~ added ~ '; target columns not in source: ' ~ removed ~ '; new column types: ' ~ retyped) -%}
    {{ return(changes) }}
{%- endmacro %}

{#- brings the target's columns in line: append_new_columns adds, sync_all_columns also drops and retypes -#}
{% macro sync_column_schemas(on_schema_change, target_relation, schema_changes_dict) -%}
    {{ return(adapter.dispatch('sync_column_schemas', 'dbt')(on_schema_change, target_relation, schema_changes_dict)) }}
{%- endmacro %}

{% macro default__sync_column_schemas(on_schema_change, target_relation, schema_changes_dict) -%}
    {%- set added = schema_changes_dict['source_not_in_target'] -%}
    {%- set removed = schema_changes_dict['target_not_in_source'] -%}
    {%- set retyped = schema_changes_dict['new_target_types'] -%}
    {%- if on_schema_change == 'append_new_columns' and added | length > 0 -%}
        {%- do alter_relation_add_remove_columns(target_relation, added, none) -%}
    {%- elif on_schema_change == 'sync_all_columns' -%}
        {%- if added | length > 0 or removed | length > 0 -%}
            {%- do alter_relation_add_remove_columns(target_relation, added, removed) -%}
        {%- endif -%}
        {%- for change in retyped -%}
            {%- do alter_column_type(target_relation, change['column_name'], change['new_type']) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- do log('In ' ~ target_relation ~ ': schema change approach: ' ~ on_schema_change ~ '; columns added: ' ~ added ~ '; columns removed: ' ~ removed ~ '; data types changed: ' ~ retyped) -%}
{%- endmacro %}

{#- applies on_schema_change; returns the new rows' columns ({} when ignoring) -#}
{% macro process_schema_changes(on_schema_change, source_relation, target_relation) -%}
    {{ return(adapter.dispatch('process_schema_changes', 'dbt')(on_schema_change, source_relation, target_relation)) }}
{%- endmacro %}

{% macro default__process_schema_changes(on_schema_change, source_relation, target_relation) -%}
    {%- if on_schema_change == 'ignore' -%}
        {{ return({}) }}
    {%- endif -%}
    {%- set changes = check_for_schema_changes(source_relation, target_relation) -%}
    {%- if changes['schema_changed'] and on_schema_change == 'fail' -%}
        {{ exceptions.raise_compiler_error(
            'The source and target schemas on this incremental model are out of sync (on_schema_change: fail). '
            ~ 'Source columns not in target: ' ~ changes['source_not_in_target']
            ~ '; target columns not in source: ' ~ changes['target_not_in_source']
            ~ '; new column types: ' ~ changes['new_target_types']
            ~ '. Set on_schema_change to append_new_columns or sync_all_columns, or run with --full-refresh.') }}
    {%- elif changes['schema_changed'] -%}
        {%- do sync_column_schemas(on_schema_change, target_relation, changes) -%}
    {%- endif -%}
    {{ return(changes['source_columns']) }}
{%- endmacro %}
