{#- PostgreSQL's catalogue read from pg_catalog, which (unlike information_schema) also lists
    materialized views and carries comments and owners. -#}

{% macro postgres__list_relations_without_caching(schema_relation) -%}
    {%- call statement('list_relations_without_caching', fetch_result=True) -%}
        select
            '{{ schema_relation.database }}' as database,
            c.relname as name,
            n.nspname as schema,
            case c.relkind when 'v' then 'view' when 'm' then 'materialized_view' else 'table' end as type
        from pg_catalog.pg_class c
        join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where n.nspname ilike '{{ schema_relation.schema }}'
          and c.relkind in ('r', 'p', 'v', 'm')
        order by case c.relkind when 'v' then 1 when 'm' then 2 else 0 end, c.relname
    {%- endcall -%}
    {{ return(load_result('list_relations_without_caching').table) }}
{%- endmacro %}

{% macro postgres__list_schemas(database) -%}
    {%- call statement('list_schemas', fetch_result=True, auto_begin=False) -%}
        select distinct nspname from pg_catalog.pg_namespace
    {%- endcall -%}
    {{ return(load_result('list_schemas').table) }}
{%- endmacro %}

{% macro postgres__check_schema_exists(information_schema, schema) -%}
    {%- call statement('check_schema_exists', fetch_result=True, auto_begin=False) -%}
        select count(*) as count from pg_catalog.pg_namespace where nspname = '{{ schema }}'
    {%- endcall -%}
    {{ return(load_result('check_schema_exists').table) }}
{%- endmacro %}

{% macro postgres__get_catalog(information_schema, schemas) -%}
    {%- set where -%}
        n.nspname in ({%- for schema in schemas -%}'{{ schema | lower }}'{{ ', ' if not loop.last }}{%- endfor -%})
    {%- endset -%}
    {{ return(_postgres_catalog(where)) }}
{%- endmacro %}

{% macro postgres__get_catalog_relations(information_schema, relations) -%}
    {%- set where -%}
        ({%- for relation in relations -%}(n.nspname = '{{ relation.schema | lower }}' and c.relname = '{{ relation.identifier | lower }}'){{ ' or ' if not loop.last }}{%- endfor -%})
    {%- endset -%}
    {{ return(_postgres_catalog(where)) }}
{%- endmacro %}

{#- one row per column, ordered by schema, relation and column position -#}
{% macro _postgres_catalog(where) -%}
    {%- call statement('catalog', fetch_result=True) -%}
        select
            current_database() as table_database,
            n.nspname as table_schema,
            c.relname as table_name,
            case c.relkind when 'v' then 'VIEW' when 'm' then 'MATERIALIZED VIEW' else 'BASE TABLE' end as table_type,
            obj_description(c.oid, 'pg_class') as table_comment,
            a.attname as column_name,
            a.attnum as column_index,
            pg_catalog.format_type(a.atttypid, a.atttypmod) as column_type,
            col_description(c.oid, a.attnum) as column_comment,
            pg_catalog.pg_get_userbyid(c.relowner) as table_owner
        from pg_catalog.pg_class c
        join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        where c.relkind in ('r', 'p', 'v', 'm', 'f')
          and {{ where }}
        order by n.nspname, c.relname, a.attnum
    {%- endcall -%}
    {{ return(load_result('catalog').table) }}
{%- endmacro %}
