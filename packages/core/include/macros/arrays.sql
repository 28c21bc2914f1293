{#- Arrays: dbt.array_construct, dbt.array_append, dbt.array_concat (PostgreSQL's spelling by default).
    Elements must share one type, as in PostgreSQL. -#}

{% macro array_construct(inputs=[], data_type=dbt.type_int()) %}{{ return(adapter.dispatch('array_construct', 'dbt')(inputs, data_type)) }}{% endmacro %}

{% macro default__array_construct(inputs, data_type) -%}
    {%- if inputs | length > 0 %}
    array[ {{ inputs | join(' , ') }} ]
    {% else %}
    array[]::{{ data_type }}[]
    {% endif -%}
{%- endmacro %}

{% macro array_append(array, new_element) %}{{ return(adapter.dispatch('array_append', 'dbt')(array, new_element)) }}{% endmacro %}
{% macro default__array_append(array, new_element) %}array_append({{ array }}, {{ new_element }}){% endmacro %}

{% macro array_concat(array_1, array_2) %}{{ return(adapter.dispatch('array_concat', 'dbt')(array_1, array_2)) }}{% endmacro %}
{% macro default__array_concat(array_1, array_2) %}array_cat({{ array_1 }}, {{ array_2 }}){% endmacro %}

{#- a predicate true when both sides are equal (and, with the enable_truthy_nulls_equals_macro
    behaviour flag, when both are null) -#}
{% macro equals(expr1, expr2) %}{{ return(adapter.dispatch('equals', 'dbt')(expr1, expr2)) }}{% endmacro %}

{% macro default__equals(expr1, expr2) -%}
{%- if adapter.behavior is defined and adapter.behavior.enable_truthy_nulls_equals_macro.no_warn %}
    case when (({{ expr1 }} = {{ expr2 }}) or ({{ expr1 }} is null and {{ expr2 }} is null))
        then 0
        else 1
    end = 0
{%- else -%}
    ({{ expr1 }} = {{ expr2 }})
{%- endif %}
{% endmacro %}
