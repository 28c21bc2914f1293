{#- Snowflake renames into the session's current schema unless the new name is qualified. -#}
{% macro snowflake__get_rename_table_sql(relation, new_name) %}
    alter table {{ relation }} rename to {{ relation.incorporate(path={'identifier': new_name}) }}
{% endmacro %}

{% macro snowflake__get_rename_view_sql(relation, new_name) %}
    alter view {{ relation }} rename to {{ relation.incorporate(path={'identifier': new_name}) }}
{% endmacro %}
