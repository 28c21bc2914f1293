{#- DuckDB keeps temporary tables in its own `temp` catalog: a temp relation has no database or
    schema, and a time stamp keeps concurrent builds apart. -#}
{% macro duckdb__make_temp_relation(base_relation, suffix) -%}
    {%- set tail = suffix ~ modules.datetime.datetime.now().strftime('%H%M%S%f') -%}
    {{ return(base_relation.incorporate(path={'identifier': base_relation.identifier ~ tail, 'schema': none, 'database': none})) }}
{%- endmacro %}
