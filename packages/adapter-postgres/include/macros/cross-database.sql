{#- PostgreSQL's spelling of the cross-database macros whose default__ form it lacks
    (dispatched when the profile type is postgres). Output text matches dbt-postgres's. -#}

{% macro postgres__dateadd(datepart, interval, from_date_or_timestamp) %}

    {{ from_date_or_timestamp }} + ((interval '1 {{ datepart }}') * ({{ interval }}))

{% endmacro %}

{#- whole periods crossed between two dates; finer parts build on the coarser ones -#}
{% macro postgres__datediff(first_date, second_date, datepart) -%}
    {%- set as_date = "({})::date" -%}
    {%- set as_ts = "({})::timestamp" -%}
    {%- set part_diff = "date_part('{0}', {1}) - date_part('{0}', {2})" -%}
    {%- set floor_diff = "floor(date_part('{0}', {1})) - floor(date_part('{0}', {2}))" -%}
    {%- set d1 = as_date.format(first_date) -%}{%- set d2 = as_date.format(second_date) -%}
    {%- set t1 = as_ts.format(first_date) -%}{%- set t2 = as_ts.format(second_date) -%}
    {%- set sql = none -%}
    {%- if datepart == 'year' -%}
        {%- set sql = "(" ~ part_diff.format('year', d2, d1) ~ ")" -%}
    {%- elif datepart == 'quarter' -%}
        {%- set sql = "(" ~ dbt.datediff(first_date, second_date, 'year') ~ " * 4 + " ~ part_diff.format('quarter', d2, d1) ~ ")" -%}
    {%- elif datepart == 'month' -%}
        {%- set sql = "(" ~ dbt.datediff(first_date, second_date, 'year') ~ " * 12 + " ~ part_diff.format('month', d2, d1) ~ ")" -%}
    {%- elif datepart == 'day' -%}
        {%- set sql = "(" ~ d2 ~ " - " ~ d1 ~ ")" -%}
    {%- elif datepart == 'hour' -%}
        {%- set sql = "(" ~ dbt.datediff(first_date, second_date, 'day') ~ " * 24 + " ~ part_diff.format('hour', t2, t1) ~ ")" -%}
    {%- elif datepart == 'minute' -%}
        {%- set sql = "(" ~ dbt.datediff(first_date, second_date, 'hour') ~ " * 60 + " ~ part_diff.format('minute', t2, t1) ~ ")" -%}
    {%- elif datepart == 'second' -%}
        {%- set sql = "(" ~ dbt.datediff(first_date, second_date, 'minute') ~ " * 60 + " ~ floor_diff.format('second', t2, t1) ~ ")" -%}
    {%- elif datepart == 'millisecond' -%}
        {%- set sql = "(" ~ dbt.datediff(first_date, second_date, 'minute') ~ " * 60000 + " ~ floor_diff.format('millisecond', t2, t1) ~ ")" -%}
    {%- elif datepart == 'microsecond' -%}
        {%- set sql = "(" ~ dbt.datediff(first_date, second_date, 'minute') ~ " * 60000000 + " ~ floor_diff.format('microsecond', t2, t1) ~ ")" -%}
    {%- endif -%}
    {%- if datepart == 'week' %}
        ({{ dbt.datediff(first_date, second_date, 'day') }} / 7 + case
            when date_part('dow', {{ t1 }}) <= date_part('dow', {{ t2 }}) then
                case when {{ first_date }} <= {{ second_date }} then 0 else -1 end
            else
                case when {{ first_date }} <= {{ second_date }} then 1 else 0 end
        end)
    {% elif sql is not none %}
        {{ sql }}
    {% else %}
        {{ exceptions.raise_compiler_error("Unsupported datepart for macro datediff in postgres: {!r}".format(datepart)) }}
    {% endif -%}
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
