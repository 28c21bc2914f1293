{% if execute %}{{ config(tags=['late']) }}{% endif %}
select 1 as id
