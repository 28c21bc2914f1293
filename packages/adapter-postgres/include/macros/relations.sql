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
