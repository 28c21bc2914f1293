{#- The four built-in generic data tests. Each selects the failing rows: zero rows is a pass.
    The text (blank lines included) is dbt's, so compiled tests match dbt-core's files. -#}

{#- `model` as a test sees it: the relation, or a subquery of it when the test has a `where` config -#}
{% macro get_where_subquery(relation) -%}
    {%- do return(adapter.dispatch('get_where_subquery', 'dbt')(relation)) -%}
{%- endmacro %}

{% macro default__get_where_subquery(relation) -%}
    {%- set where = config.get('where', '') -%}
    {%- if where -%}
        {%- do return("(select * from " ~ relation ~ " where " ~ where ~ ") dbt_subquery") -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}

{% test unique(model, column_name) %}
    {% set implementation = adapter.dispatch('test_unique', 'dbt') %}
    {{ implementation(model, column_name) }}
{% endtest %}

{% macro default__test_unique(model, column_name) %}

select
    {{ column_name }} as unique_field,
    count(*) as n_records

from {{ model }}
where {{ column_name }} is not null
group by {{ column_name }}
having count(*) > 1

{% endmacro %}

{% test not_null(model, column_name) %}
    {% set implementation = adapter.dispatch('test_not_null', 'dbt') %}
    {{ implementation(model, column_name) }}
{% endtest %}

{#- with store_failures the whole failing row is kept, not just the column -#}
{% macro default__test_not_null(model, column_name) %}

{% set selected = '*' if should_store_failures() else column_name %}

select {{ selected }}
from {{ model }}
where {{ column_name }} is null

{% endmacro %}

{% test accepted_values(model, column_name, values, quote=True) %}
    {% set implementation = adapter.dispatch('test_accepted_values', 'dbt') %}
    {{ implementation(model, column_name, values, quote) }}
{% endtest %}

{% macro default__test_accepted_values(model, column_name, values, quote=True) %}

with all_values as (

    select
        {{ column_name }} as value_field,
        count(*) as n_records

    from {{ model }}
    group by {{ column_name }}

)

select *
from all_values
where value_field not in (
    {% for value in values -%}
        {{ ("'" ~ value ~ "'") if quote else value }}{{ ',' if not loop.last }}
    {%- endfor %}
)

{% endmacro %}

{% test relationships(model, column_name, to, field) %}
    {% set implementation = adapter.dispatch('test_relationships', 'dbt') %}
    {{ implementation(model, column_name, to, field) }}
{% endtest %}

{% macro default__test_relationships(model, column_name, to, field) %}

with child as (
    select {{ column_name }} as from_field
    from {{ model }}
    where {{ column_name }} is not null
),

parent as (
    select {{ field }} as to_field
    from {{ to }}
)

select
    from_field

from child
left join parent
    on child.from_field = parent.to_field

where parent.to_field is null

{% endmacro %}
