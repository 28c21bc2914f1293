{#- Date arithmetic: dbt.dateadd, dbt.datediff, dbt.date_trunc, dbt.last_day, dbt.date.
    The default__ forms are the generic (Snowflake-like) SQL; adapters override what their
    warehouse spells differently. -#}

{% macro dateadd(datepart, interval, from_date_or_timestamp) %}{{ return(adapter.dispatch('dateadd', 'dbt')(datepart, interval, from_date_or_timestamp)) }}{% endmacro %}

{% macro default__dateadd(datepart, interval, from_date_or_timestamp) %}

    dateadd(
        {{ datepart }},
        {{ interval }},
        {{ from_date_or_timestamp }}
        )

{% endmacro %}

{% macro datediff(first_date, second_date, datepart) %}{{ return(adapter.dispatch('datediff', 'dbt')(first_date, second_date, datepart)) }}{% endmacro %}

{% macro default__datediff(first_date, second_date, datepart) -%}
    datediff(
        {{ datepart }},
        {{ first_date }},
        {{ second_date }}
        )
{%- endmacro %}

{#- datediff for warehouses without one (PostgreSQL, DuckDB): whole periods crossed between two
    dates from their date parts, finer parts built on the coarser ones through dbt.datediff.
    The error names postgres on every warehouse, as dbt's does. -#}
{% macro _datediff_by_date_parts(first_date, second_date, datepart) -%}
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

{% macro date_trunc(datepart, date) %}{{ return(adapter.dispatch('date_trunc', 'dbt')(datepart, date)) }}{% endmacro %}
{% macro default__date_trunc(datepart, date) %}date_trunc('{{ datepart }}', {{ date }}){% endmacro %}

{% macro last_day(date, datepart) %}{{ return(adapter.dispatch('last_day', 'dbt')(date, datepart)) }}{% endmacro %}

{#- the day before the start of the next period; not dispatched, adapters' last_day reuse it -#}
{% macro default_last_day(date, datepart) -%}
    cast(
        {{ dbt.dateadd('day', '-1', dbt.dateadd(datepart, '1', dbt.date_trunc(datepart, date))) }}
        as date)
{%- endmacro %}

{% macro default__last_day(date, datepart) %}{{ dbt.default_last_day(date, datepart) }}{% endmacro %}

{% macro date(year, month, day) %}{{ return(adapter.dispatch('date', 'dbt')(year, month, day)) }}{% endmacro %}

{% macro default__date(year, month, day) -%}
    {%- set iso_day = modules.datetime.date(year, month, day).strftime('%Y-%m-%d') -%}
    to_date('{{ iso_day }}', 'YYYY-MM-DD')
{%- endmacro %}
