{#- PostgreSQL keeps temporary tables in the session's own schema: a temp relation has no
    database or schema, and a time stamp keeps concurrent builds apart; the name is cut to fit
    PostgreSQL's 63-byte identifiers. -#}
{% macro postgres__make_temp_relation(base_relation, suffix) -%}
    {%- set tail = suffix ~ modules.datetime.datetime.now().strftime('%H%M%S%f') -%}
    {%- set head = base_relation.identifier[:(63 - tail | length)] -%}
    {{ return(base_relation.incorporate(path={'identifier': head ~ tail, 'schema': none, 'database': none})) }}
{%- endmacro %}

{#- an index of the `indexes` config: {'columns': [...], 'unique': bool, 'type': 'btree'|'hash'|…};
    its name is a hash of what it indexes and when, so a rebuilt table never meets an old name -#}
{% macro postgres__get_create_index_sql(relation, index_dict) -%}
    {%- set columns = index_dict['columns'] -%}
    {%- set unique = index_dict.get('unique', false) -%}
    {%- set method = index_dict.get('type') -%}
    {%- set name = local_md5(relation.identifier ~ '|' ~ (columns | join(',')) ~ '|' ~ unique ~ '|' ~ method ~ '|' ~ modules.datetime.datetime.now().isoformat()) -%}
    create {% if unique %}unique {% endif %}index if not exists "{{ name }}" on {{ relation }}{% if method %} using {{ method }}{% endif %} ({{ columns | join(', ') }})
{%- endmacro %}


{#- one database per connection, so always the bare name -#}
{% macro postgres__information_schema_name(database) -%}
    information_schema
{%- endmacro %}

{#- materialized views are created once (if not exists) with the model's indexes -#}
{% macro postgres__get_create_materialized_view_as_sql(relation, sql) %}
    create materialized view if not exists {{ relation }} as {{ sql }};
{% for index in config.get('indexes', []) or [] %}
    {{ get_create_index_sql(relation, index) }};
{% endfor %}
    {% endmacro %}

{% macro postgres__get_drop_index_sql(relation, index_name) -%}
    drop index if exists "{{ relation.schema }}"."{{ index_name }}"
{%- endmacro %}

{#- schema statements take the bare schema name -#}
{% macro postgres__create_schema(relation) -%}
    {%- call statement('create_schema') -%}
        create schema if not exists {{ relation.without_identifier().include(database=False) }}
    {%- endcall -%}
{%- endmacro %}

{% macro postgres__drop_schema(relation) -%}
    {%- call statement('drop_schema') -%}
        drop schema if exists {{ relation.without_identifier().include(database=False) }} cascade
    {%- endcall -%}
{%- endmacro %}
