{#- The warehouse's catalogue as dbt's global macros give it: agate tables read with run_query.
    These defaults read the standard information_schema; adapters with their own catalogue
    (PostgreSQL's pg_catalog) replace them with `<adapter>__name`. Guard calls with `execute`:
    while parsing there is no warehouse and they fail, as dbt's do. -#}

{#- the relations of one schema: columns database, name, schema, type (table, view, materialized_view) -#}
{% macro list_relations_without_caching(schema_relation) -%}
    {{ return(adapter.dispatch('list_relations_without_caching', 'dbt')(schema_relation)) }}
{%- endmacro %}

{% macro default__list_relations_without_caching(schema_relation) -%}
    {%- call statement('list_relations_without_caching', fetch_result=True) -%}
        select table_catalog as database, table_name as name, table_schema as schema,
            case when table_type = 'VIEW' then 'view' else 'table' end as type
        from information_schema.tables
        where lower(table_schema) = lower('{{ schema_relation.schema }}')
        {%- if schema_relation.database %} and lower(table_catalog) = lower('{{ schema_relation.database }}'){% endif %}
        order by case when table_type = 'VIEW' then 1 else 0 end, table_name
    {%- endcall -%}
    {{ return(load_result('list_relations_without_caching').table) }}
{%- endmacro %}

{#- the schemas of a database: one column -#}
{% macro list_schemas(database) -%}
    {{ return(adapter.dispatch('list_schemas', 'dbt')(database)) }}
{%- endmacro %}

{% macro default__list_schemas(database) -%}
    {%- call statement('list_schemas', fetch_result=True, auto_begin=False) -%}
        select distinct schema_name
        from information_schema.schemata
        {%- if database %} where lower(catalog_name) = lower('{{ database }}'){% endif %}
    {%- endcall -%}
    {{ return(load_result('list_schemas').table) }}
{%- endmacro %}

{#- a one-row table whose `count` is 1 when the schema exists, else 0 -#}
{% macro check_schema_exists(information_schema, schema) -%}
    {{ return(adapter.dispatch('check_schema_exists', 'dbt')(information_schema, schema)) }}
{%- endmacro %}

{% macro default__check_schema_exists(information_schema, schema) -%}
    {%- call statement('check_schema_exists', fetch_result=True, auto_begin=False) -%}
        select count(*) as count
        from information_schema.schemata
        where lower(schema_name) = lower('{{ schema }}')
    {%- endcall -%}
    {{ return(load_result('check_schema_exists').table) }}
{%- endmacro %}

{#- what `dbt docs generate` reads: one row per column of every relation in `schemas` (or in
    `relations` for get_catalog_relations), with table_database, table_schema, table_name, table_type,
    table_comment, column_name, column_index, column_type, column_comment, table_owner -#}
{% macro get_catalog(information_schema, schemas) -%}
    {{ return(adapter.dispatch('get_catalog', 'dbt')(information_schema, schemas)) }}
{%- endmacro %}

{% macro default__get_catalog(information_schema, schemas) -%}
    {%- set where -%}
        lower(t.table_schema) in ({%- for schema in schemas -%}lower('{{ schema }}'){{ ', ' if not loop.last }}{%- endfor -%})
    {%- endset -%}
    {{ return(_catalog_from_information_schema(where)) }}
{%- endmacro %}

{% macro get_catalog_relations(information_schema, relations) -%}
    {{ return(adapter.dispatch('get_catalog_relations', 'dbt')(information_schema, relations)) }}
{%- endmacro %}

{% macro default__get_catalog_relations(information_schema, relations) -%}
    {%- set where -%}
        ({%- for relation in relations -%}(lower(t.table_schema) = lower('{{ relation.schema }}') and lower(t.table_name) = lower('{{ relation.identifier }}')){{ ' or ' if not loop.last }}{%- endfor -%})
    {%- endset -%}
    {{ return(_catalog_from_information_schema(where)) }}
{%- endmacro %}

{% macro _catalog_from_information_schema(where) -%}
    {%- call statement('catalog', fetch_result=True) -%}
        select t.table_catalog as table_database, t.table_schema, t.table_name,
            t.table_type, null as table_comment,
            c.column_name, c.ordinal_position as column_index, c.data_type as column_type,
            null as column_comment, null as table_owner
        from information_schema.tables t
        join information_schema.columns c
          on c.table_schema = t.table_schema and c.table_name = t.table_name
        where {{ where }}
        order by t.table_schema, t.table_name, c.ordinal_position
    {%- endcall -%}
    {{ return(load_result('catalog').table) }}
{%- endmacro %}

{#- the catalogue of one relation, and relations' last-modified times: adapters that keep them
    define these; the defaults fail, as dbt's do on PostgreSQL -#}
{% macro get_catalog_for_single_relation(relation) -%}
    {{ return(adapter.dispatch('get_catalog_for_single_relation', 'dbt')(relation)) }}
{%- endmacro %}

{% macro default__get_catalog_for_single_relation(relation) -%}
    {{ exceptions.raise_not_implemented('ERROR: get_catalog_for_single_relation macro not implemented for adapter ' ~ adapter.type()) }}
{%- endmacro %}

{% macro get_relation_last_modified(information_schema, relations) -%}
    {{ return(adapter.dispatch('get_relation_last_modified', 'dbt')(information_schema, relations)) }}
{%- endmacro %}

{% macro default__get_relation_last_modified(information_schema, relations) -%}
    {{ exceptions.raise_not_implemented('ERROR: get_relation_last_modified macro not implemented for adapter ' ~ adapter.type()) }}
{%- endmacro %}
