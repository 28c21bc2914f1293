{#- DuckDB's spelling of the cross-database macros whose default__ form it lacks
    (dispatched when the profile type is duckdb). -#}

{% macro duckdb__current_timestamp() %}now(){% endmacro %}

{% macro duckdb__dateadd(datepart, interval, from_date_or_timestamp) %}date_add({{ from_date_or_timestamp }}, interval ({{ interval }}) {{ datepart }}){% endmacro %}

{#- DuckDB casts a date argument to a timestamp itself -#}
{% macro duckdb__datediff(first_date, second_date, datepart) %}date_diff('{{ datepart }}', {{ first_date }}, {{ second_date }}){% endmacro %}

{#- DuckDB lists are 1-based and count from the end for a negative index, like split_part's part_number -#}
{% macro duckdb__split_part(string_text, delimiter_text, part_number) %}string_split({{ string_text }}, {{ delimiter_text }})[{{ part_number }}]{% endmacro %}

{% macro duckdb__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
    {%- if limit_num -%}
        array_to_string((list({{ measure }}{% if order_by_clause %} {{ order_by_clause }}{% endif %}))[1:{{ limit_num }}], {{ delimiter_text }})
    {%- else -%}
        string_agg({{ measure }}, {{ delimiter_text }}{% if order_by_clause %} {{ order_by_clause }}{% endif %})
    {%- endif -%}
{%- endmacro %}

{#- DuckDB has no to_date: a date literal does the same -#}
{% macro duckdb__date(year, month, day) -%}
    cast('{{ modules.datetime.date(year, month, day).strftime('%Y-%m-%d') }}' as date)
{%- endmacro %}
