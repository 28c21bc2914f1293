{% test is_within(model, column_name, expression) %}
select * from {{ model }} where not ({{ column_name }} {{ expression }})
{% endtest %}
