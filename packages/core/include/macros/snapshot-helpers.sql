{#- Pieces of dbt's snapshot materialization that custom snapshot materializations call: the
    strategy macro by name, the unique key's columns and joins (one column or a list), and the
    step after the staging table is built. -#}

{#- the macro `snapshot_<name>_strategy`, as the snapshot's `strategy` config names it -#}
{% macro strategy_dispatch(name) -%}
    {%- set found = context.get('snapshot_' ~ name ~ '_strategy') -%}
    {%- if found is none -%}
        {{ exceptions.raise_compiler_error("The specified strategy macro '" ~ name ~ "' was not found in package 'None'") }}
    {%- endif -%}
    {{ return(found) }}
{%- endmacro %}

{#- `id as dbt_unique_key`, or `a as dbt_unique_key_1, b as dbt_unique_key_2, …` for a list -#}
{% macro unique_key_fields(unique_key) %}
    {% if unique_key is sequence and unique_key is not string %}
        {% for key in unique_key %}
            {{ key }} as dbt_unique_key_{{ loop.index }}
            {{- " ," if not loop.last }}
        {% endfor %}
    {% else %}
        {{ unique_key }} as dbt_unique_key
    {% endif %}
{% endmacro %}

{% macro unique_key_join_on(unique_key, identifier, from_identifier) %}
    {% if unique_key is sequence and unique_key is not string %}
        {% for key in unique_key %}
	    
	    
	    ({{ identifier }}.dbt_unique_key_{{ loop.index }} = {{ from_identifier }}.dbt_unique_key_{{ loop.index }})
{{ " and" if not loop.last }}
        {% endfor %}
    {% else %}
        {{ identifier }}.dbt_unique_key = {{ from_identifier }}.dbt_unique_key
    {% endif %}
{% endmacro %}

{#- a row with no match: its (first) key column is null -#}
{% macro unique_key_is_null(unique_key, identifier) %}
    {% if unique_key is sequence and unique_key is not string %}
        {{ identifier }}.dbt_unique_key_1 is null
    {% else %}
        {{ identifier }}.dbt_unique_key is null
    {% endif %}
{% endmacro %}

{% macro unique_key_is_not_null(unique_key, identifier) %}
    {% if unique_key is sequence and unique_key is not string %}
        {{ identifier }}.dbt_unique_key_1 is not null
    {% else %}
        {{ identifier }}.dbt_unique_key is not null
    {% endif %}
{% endmacro %}

{#- after the staging table is built (nothing by default; adapters clean up there) -#}
{% macro post_snapshot(staging_relation) %}
  {{ adapter.dispatch('post_snapshot', 'dbt')(staging_relation) }}
{% endmacro %}

{% macro default__post_snapshot(staging_relation) %}
    {# nothing to do #}
{% endmacro %}

{#- adds columns (Column objects) to a relation, one `alter table … add column` each -#}
{% macro create_columns(relation, columns) %}
  {{ adapter.dispatch('create_columns', 'dbt')(relation, columns) }}
{% endmacro %}

{% macro default__create_columns(relation, columns) %}
  {% for column in columns %}
    {% call statement() -%}
      alter table {{ relation.render() }} add column {{ adapter.quote(column.name) }} {{ column.data_type }};
    {%- endcall %}
  {% endfor %}
{% endmacro %}
