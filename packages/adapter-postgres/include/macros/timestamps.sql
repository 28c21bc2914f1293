{#- PostgreSQL's current time for dbt.current_timestamp() and snapshots. -#}

{% macro postgres__current_timestamp() %}now(){% endmacro %}

{% macro postgres__snapshot_get_time() -%}
    {{ dbt.current_timestamp() }}::timestamp without time zone
{%- endmacro %}

{% macro postgres__snapshot_string_as_time(timestamp) -%}
    {{ return("'" ~ timestamp ~ "'::timestamp without time zone") }}
{%- endmacro %}

{% macro postgres__current_timestamp_backcompat() %}
    current_timestamp::{{ dbt.type_timestamp() }}
{% endmacro %}

{% macro postgres__current_timestamp_in_utc_backcompat() %}
    (current_timestamp at time zone 'utc')::{{ dbt.type_timestamp() }}
{% endmacro %}
