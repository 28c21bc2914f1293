{% test unique(model, column_name) %}
select {{ column_name }} from {{ model }} where 'the project''s unique' is not null
{% endtest %}

{% macro default__test_not_null(model, column_name) %}
select {{ column_name }} from {{ model }} where 'the project''s not_null' is not null
{% endmacro %}
