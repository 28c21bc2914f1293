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

{#- the indexes of a table or materialized view, one row each, by name -#}
{% macro postgres__get_show_indexes_sql(relation) -%}
    select
        index_class.relname as name,
        access_method.amname as method,
        index_info.indisunique as "unique",
        array_to_string(array_agg(attribute.attname order by attribute.attnum), ',') as column_names
    from pg_catalog.pg_index index_info
    join pg_catalog.pg_class index_class on index_class.oid = index_info.indexrelid
    join pg_catalog.pg_am access_method on access_method.oid = index_class.relam
    join pg_catalog.pg_class table_class on table_class.oid = index_info.indrelid
    join pg_catalog.pg_namespace namespace on namespace.oid = table_class.relnamespace
    join pg_catalog.pg_attribute attribute on attribute.attrelid = table_class.oid and attribute.attnum = any(index_info.indkey)
    where table_class.relname = '{{ relation.identifier }}'
      and namespace.nspname = '{{ relation.schema }}'
      and table_class.relkind in ('r', 'm')
    group by 1, 2, 3
    order by 1, 2, 3
{%- endmacro %}

{#- dbt-postgres's create_table_as: an enforced contract is checked, then the table is created with
    its typed columns and constraints and filled in the contract's column order -#}
{% macro postgres__create_table_as(temporary, relation, sql) -%}
    {{ return(tsdbt_typed_create_table_as(temporary, relation, sql)) }}
{%- endmacro %}
