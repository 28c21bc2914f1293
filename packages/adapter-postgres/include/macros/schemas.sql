{#- A PostgreSQL connection reaches one database: schemas are named without it -#}
{% macro postgres__create_schema(relation) -%}
    {%- call statement('create_schema') -%}
        create schema if not exists {{ relation.without_identifier().include(database=false) }}
    {%- endcall -%}
{%- endmacro %}

{% macro postgres__drop_schema(relation) -%}
    {%- call statement('drop_schema') -%}
        drop schema if exists {{ relation.without_identifier().include(database=false) }} cascade
    {%- endcall -%}
{%- endmacro %}
