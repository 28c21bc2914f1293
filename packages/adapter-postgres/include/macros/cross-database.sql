{#- PostgreSQL's spelling of the cross-database macros whose default__ form it lacks
    (dispatched when the profile type is postgres). Output text matches dbt-postgres's. -#}

{% macro postgres__dateadd(datepart, interval, from_date_or_timestamp) %}

    {{ from_date_or_timestamp }} + ((interval '1 {{ datepart }}') * ({{ interval }}))

{% endmacro %}

{#- no datediff function: whole periods from date parts (shared with DuckDB) -#}
{% macro postgres__datediff(first_date, second_date, datepart) -%}
    {{ return(dbt._datediff_by_date_parts(first_date, second_date, datepart)) }}
{%- endmacro %}

{#- PostgreSQL has no any_value before 16: min() picks one value just as well -#}
{% macro postgres__any_value(expression) %}min({{ expression }}){% endmacro %}

{% macro postgres__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
    {%- if limit_num -%}
    array_to_string(
        (array_agg(
            {{ measure }}
            {% if order_by_clause %}{{ order_by_clause }}{% endif %}
        ))[1:{{ limit_num }}],
        {{ delimiter_text }}
        )
    {%- else %}
    string_agg(
        {{ measure }},
        {{ delimiter_text }}
        {% if order_by_clause %}{{ order_by_clause }}{% endif %}
        )
    {%- endif %}
{%- endmacro %}

{#- PostgreSQL intervals have no quarter: a quarter's last day is three months on, less a day -#}
{% macro postgres__last_day(date, datepart) -%}
    {%- if datepart == 'quarter' -%}
    -- postgres dateadd does not support quarter interval.
    cast(
        {{ dbt.dateadd('day', '-1', dbt.dateadd('month', '3', dbt.date_trunc(datepart, date))) }}
        as date)
    {%- else -%}
    {{ dbt.default_last_day(date, datepart) }}
    {%- endif -%}
{%- endmacro %}

{#- a negative part_number counts from the end, which PostgreSQL's split_part only does from 14 -#}
{% macro postgres__split_part(string_text, delimiter_text, part_number) %}

  {% if part_number >= 0 %}
    {{ dbt.default__split_part(string_text, delimiter_text, part_number) }}
  {% else %}
    {{ dbt._split_part_negative(string_text, delimiter_text, part_number) }}
  {% endif %}

{% endmacro %}
