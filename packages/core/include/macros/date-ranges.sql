{#- Date-range helpers of dbt's global project, used for partitioned loads:
    convert_datetime(date_str, date_fmt), dates_in_range(start, end, in_fmt, out_fmt),
    partition_range('20240101,20240105', date_fmt), py_current_timestring(). -#}

{% macro convert_datetime(date_str, date_fmt) -%}
    {%- set error_msg = "The provided partition date '" ~ date_str ~ "' does not match the expected format '" ~ date_fmt ~ "'" -%}
    {{ return(try_or_compiler_error(error_msg, modules.datetime.datetime.strptime, date_str.strip(), date_fmt)) }}
{%- endmacro %}

{#- every day from start_date_str to end_date_str (both included), formatted with out_fmt (datetimes when out_fmt is empty) -#}
{% macro dates_in_range(start_date_str, end_date_str=none, in_fmt="%Y%m%d", out_fmt="%Y%m%d") -%}
    {%- set start_date = convert_datetime(start_date_str, in_fmt) -%}
    {%- set end_date = convert_datetime(start_date_str if end_date_str is none else end_date_str, in_fmt) -%}
    {%- set day_count = (end_date - start_date).days -%}
    {%- if day_count < 0 -%}
        {{ exceptions.raise_compiler_error("Partition start date is after the end date (" ~ start_date ~ ", " ~ end_date ~ ")", model) }}
    {%- endif -%}
    {%- set days = [] -%}
    {%- for offset in range(0, day_count + 1) -%}
        {%- set day = modules.datetime.timedelta(days=offset) + start_date -%}
        {%- do days.append(day.strftime(out_fmt) if out_fmt else day) -%}
    {%- endfor -%}
    {{ return(days) }}
{%- endmacro %}

{% macro partition_range(raw_partition_date, date_fmt='%Y%m%d') -%}
    {%- set bounds = (raw_partition_date | string).split(",") -%}
    {%- if bounds | length > 2 -%}
        {{ exceptions.raise_compiler_error("Invalid partition time. Expected format: {Start Date}[,{End Date}]. Got: " ~ raw_partition_date) }}
    {%- endif -%}
    {{ return(dates_in_range(bounds[0], bounds[1] if bounds | length == 2 else none, in_fmt=date_fmt)) }}
{%- endmacro %}

{% macro py_current_timestring() -%}
    {{ return(modules.datetime.datetime.now().strftime("%Y%m%d%H%M%S%f")) }}
{%- endmacro %}
