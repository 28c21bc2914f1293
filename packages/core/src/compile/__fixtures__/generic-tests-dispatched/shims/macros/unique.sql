{% macro default__test_unique(model, column_name) %}
select {{ column_name }} from {{ model }} where 'the shims'' unique' is not null
{% endmacro %}
