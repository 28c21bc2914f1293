{#- DuckDB's spelling of the cross-database macros (dispatched when the profile type is duckdb).
    The output text is dbt-duckdb's, so a project compiles to the same SQL under both tools. -#}

{% macro duckdb__current_timestamp() %}now(){% endmacro %}

{% macro duckdb__snapshot_string_as_time(timestamp) -%}
    {{ return("'" ~ timestamp ~ "'::timestamp") }}
{%- endmacro %}

{% macro duckdb__dateadd(datepart, interval, from_date_or_timestamp) %}

    date_add({{ from_date_or_timestamp }}, interval ({{ interval }}) {{ datepart }})

{% endmacro %}

{#- DuckDB's date_diff counts boundaries differently from dbt's contract: use the date-part arithmetic -#}
{% macro duckdb__datediff(first_date, second_date, datepart) -%}
    {{ return(dbt._datediff_by_date_parts(first_date, second_date, datepart)) }}
{%- endmacro %}

{% macro duckdb__date(year, month, day) %}make_date({{ year }}, {{ month }}, {{ day }}){% endmacro %}

{% macro duckdb__any_value(expression) %}arbitrary({{ expression }}){% endmacro %}

{#- DuckDB lists are 1-based; a missing part is '' as in split_part; negative parts count from the end -#}
{% macro duckdb__split_part(string_text, delimiter_text, part_number) %}

  {% if part_number >= 0 %}
    coalesce(string_split({{ string_text }}, {{ delimiter_text }})[ {{ part_number }} ], '')
  {% else %}
    {{ dbt._split_part_negative(string_text, delimiter_text, part_number) }}
  {% endif %}

{% endmacro %}

{#- a quarter's last day is three months on, less a day -#}
{% macro duckdb__last_day(date, datepart) -%}
    {%- if datepart == 'quarter' -%}
    -- duckdb dateadd does not support quarter interval.
    cast(
        {{ dbt.dateadd('day', '-1', dbt.dateadd('month', '3', dbt.date_trunc(datepart, date))) }}
        as date)
    {%- else -%}
    {{ dbt.default_last_day(date, datepart) }}
    {%- endif -%}
{%- endmacro %}

{% macro duckdb__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
    {%- if limit_num -%}
    list_aggr(
        (array_agg(
            {{ measure }}
            {% if order_by_clause %}{{ order_by_clause }}{% endif %}
        ))[1:{{ limit_num }}],
        'string_agg',
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

{#- DuckDB has a generate_series table function -#}
{% macro duckdb__generate_series(upper_bound) %}
    select
        generate_series as generated_number
    from generate_series(1, {{ upper_bound }})
{% endmacro %}
