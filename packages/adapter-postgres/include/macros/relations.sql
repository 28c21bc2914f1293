{#- PostgreSQL keeps temporary tables in the session's own schema: a temp relation has no
    database or schema, and a time stamp keeps concurrent builds apart; the name is cut to fit
    PostgreSQL's 63-byte identifiers. -#}
{% macro postgres__make_temp_relation(base_relation, suffix) -%}
    {%- set tail = suffix ~ modules.datetime.datetime.now().strftime('%H%M%S%f') -%}
    {%- set head = base_relation.identifier[:(63 - tail | length)] -%}
    {{ return(base_relation.incorporate(path={'identifier': head ~ tail, 'schema': none, 'database': none})) }}
{%- endmacro %}
