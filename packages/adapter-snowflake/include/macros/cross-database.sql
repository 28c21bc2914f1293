{#- Snowflake's spelling of the cross-database macros where the generic default__ form is
    PostgreSQL's or standard SQL's (dispatched when the profile type is snowflake). -#}

{#- the session's time in UTC, as dbt-snowflake gives it -#}
{% macro snowflake__current_timestamp() %}convert_timezone('UTC', current_timestamp()){% endmacro %}

{% macro snowflake__snapshot_get_time() -%}
    to_timestamp_ntz({{ dbt.current_timestamp() }})
{%- endmacro %}

{% macro snowflake__current_timestamp_backcompat() %}current_timestamp::{{ dbt.type_timestamp() }}{% endmacro %}

{% macro snowflake__current_timestamp_in_utc_backcompat() %}convert_timezone('UTC', {{ dbt.current_timestamp_backcompat() }})::{{ dbt.type_timestamp() }}{% endmacro %}

{% macro snowflake__type_string() %}{{ return('varchar') }}{% endmacro %}

{#- arrays are semi-structured ARRAY values: built with array_construct, joined with array_cat -#}
{% macro snowflake__array_construct(inputs, data_type) -%}
    array_construct( {{ inputs | join(' , ') }} )
{%- endmacro %}

{% macro snowflake__bool_or(expression) %}boolor_agg({{ expression }}){% endmacro %}

{#- string literals treat a backslash as an escape: double it, then escape the quote -#}
{% macro snowflake__escape_single_quotes(expression) -%}
{{ expression | replace('\\', '\\\\') | replace("'", "\\'") }}
{%- endmacro %}

{#- try_cast takes text only: anything else is cast to text first -#}
{% macro snowflake__safe_cast(field, type) %}try_cast(cast({{ field }} as varchar) as {{ type }}){% endmacro %}
