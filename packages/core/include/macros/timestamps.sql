{#- The warehouse's current time: dbt.current_timestamp() (printed, not returned, as dbt does),
    dbt.snapshot_get_time(), and the deprecated dbt.current_timestamp_backcompat() /
    dbt.current_timestamp_in_utc_backcompat() that dbt_utils-era projects still call. -#}

{% macro current_timestamp() -%}
    {{ adapter.dispatch('current_timestamp', 'dbt')() }}
{%- endmacro %}

{#- dbt's own default raises "not implemented"; tsdbt's speaks standard SQL so an adapter without an override still works -#}
{% macro default__current_timestamp() %}current_timestamp{% endmacro %}

{% macro snapshot_get_time() -%}
    {{ adapter.dispatch('snapshot_get_time', 'dbt')() }}
{%- endmacro %}

{% macro default__snapshot_get_time() %}
    {{ dbt.current_timestamp() }}
{% endmacro %}

{% macro current_timestamp_backcompat() %}{{ return(adapter.dispatch('current_timestamp_backcompat', 'dbt')()) }}{% endmacro %}

{% macro default__current_timestamp_backcompat() %}
    current_timestamp::timestamp
{% endmacro %}

{% macro current_timestamp_in_utc_backcompat() %}{{ return(adapter.dispatch('current_timestamp_in_utc_backcompat', 'dbt')()) }}{% endmacro %}

{% macro default__current_timestamp_in_utc_backcompat() %}{{ return(adapter.dispatch('current_timestamp_backcompat', 'dbt')()) }}{% endmacro %}

{#- a timestamp literal of the engine (adapters define it; the default fails, as dbt's does) -#}
{% macro snapshot_string_as_time(timestamp) -%}
    {{ return(adapter.dispatch('snapshot_string_as_time', 'dbt')(timestamp)) }}
{%- endmacro %}

{% macro default__snapshot_string_as_time(timestamp) -%}
    {{ exceptions.raise_not_implemented('ERROR: snapshot_string_as_time macro not implemented for adapter ' ~ adapter.type()) }}
{%- endmacro %}
