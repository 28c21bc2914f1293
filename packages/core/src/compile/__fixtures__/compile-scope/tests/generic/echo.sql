{% test echo(model, arg) %}
{{ config(fail_calc='count(*) * 2', severity='warn', tags=['from_macro']) }}
-- {{ arg is string }} {{ arg }}
select * from {{ model }} where false
{% endtest %}
