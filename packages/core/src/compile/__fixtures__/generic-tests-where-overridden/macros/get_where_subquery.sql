{% macro get_where_subquery(relation) -%}
(select * from {{ relation }} where 'the project''s get_where_subquery' is not null) tested
{%- endmacro %}
