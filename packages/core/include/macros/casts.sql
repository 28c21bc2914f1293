{#- Casts: dbt.cast, dbt.safe_cast (a plain cast where the warehouse has no safe one),
    dbt.cast_bool_to_text. The output keeps dbt's line breaks so compiled SQL matches dbt's. -#}

{% macro cast(field, type) %}{{ return(adapter.dispatch('cast', 'dbt')(field, type)) }}{% endmacro %}

{% macro default__cast(field, type) %}
    cast({{ field }} as {{ type }})
{% endmacro %}

{% macro safe_cast(field, type) %}{{ return(adapter.dispatch('safe_cast', 'dbt')(field, type)) }}{% endmacro %}

{% macro default__safe_cast(field, type) %}
    {# no safe cast by default: a failing value fails the query #}
    cast({{ field }} as {{ type }})
{% endmacro %}

{#- this one prints its implementation's text rather than returning it (dbt's output has the extra lines) -#}
{% macro cast_bool_to_text(field) %}
  {{ adapter.dispatch('cast_bool_to_text', 'dbt')(field) }}
{% endmacro %}

{% macro default__cast_bool_to_text(field) %}
    cast({{ field }} as {{ dbt.type_string() }})
{% endmacro %}
