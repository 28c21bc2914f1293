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
