{% test echo(model, arg) %}
-- {{ arg is string }} {{ arg }}
select * from {{ model }} where false
{% endtest %}
