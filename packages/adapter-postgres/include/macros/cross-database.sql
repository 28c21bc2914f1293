{#- PostgreSQL versions of cross-database macros whose default__ form PostgreSQL lacks
    (dispatched when the profile type is postgres). -#}

{% macro postgres__datediff(first_date, second_date, datepart) -%}
{%- set part = datepart | lower -%}
{%- set days = "(cast(" ~ second_date ~ " as date) - cast(" ~ first_date ~ " as date))" -%}
{%- set years = "(date_part('year', " ~ second_date ~ ") - date_part('year', " ~ first_date ~ "))" -%}
{%- set months = "(" ~ years ~ " * 12 + date_part('month', " ~ second_date ~ ") - date_part('month', " ~ first_date ~ "))" -%}
{%- set hours = "(" ~ days ~ " * 24 + date_part('hour', " ~ second_date ~ ") - date_part('hour', " ~ first_date ~ "))" -%}
{%- set minutes = "(" ~ hours ~ " * 60 + date_part('minute', " ~ second_date ~ ") - date_part('minute', " ~ first_date ~ "))" -%}
{%- set seconds = "(" ~ minutes ~ " * 60 + floor(date_part('second', " ~ second_date ~ ")) - floor(date_part('second', " ~ first_date ~ ")))" -%}
{%- if part == 'year' -%}{{ years }}
{%- elif part == 'quarter' -%}({{ years }} * 4 + date_part('quarter', {{ second_date }}) - date_part('quarter', {{ first_date }}))
{%- elif part == 'month' -%}{{ months }}
{%- elif part == 'week' -%}trunc({{ days }} / 7.0)
{%- elif part == 'day' -%}{{ days }}
{%- elif part == 'hour' -%}{{ hours }}
{%- elif part == 'minute' -%}{{ minutes }}
{%- elif part == 'second' -%}{{ seconds }}
{%- else -%}{{ exceptions.raise_compiler_error("dbt.datediff on postgres does not support the datepart '" ~ datepart ~ "'") }}
{%- endif -%}
{%- endmacro %}

{% macro postgres__any_value(expression) %}min({{ expression }}){% endmacro %}
