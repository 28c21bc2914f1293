{#- Hooks that say where they run relative to the model's transaction, for config(pre_hook=…, post_hook=…):
    each gives the JSON text of a {sql, transaction} hook, which the config reads back as that hook. -#}

{#- (no whitespace control: the text keeps the blank lines dbt's has; JSON readers skip them) -#}
{% macro make_hook_config(sql, inside_transaction) %}
    {{ tojson({'sql': sql, 'transaction': inside_transaction}) }}
{% endmacro %}

{#- runs before the model's transaction begins -#}
{% macro before_begin(sql) %}
    {{ make_hook_config(sql, inside_transaction=False) }}
{% endmacro %}

{#- runs inside the model's transaction (what a plain hook does) -#}
{% macro in_transaction(sql) %}
    {{ make_hook_config(sql, inside_transaction=True) }}
{% endmacro %}

{#- runs after the model's transaction was committed -#}
{% macro after_commit(sql) %}
    {{ make_hook_config(sql, inside_transaction=False) }}
{% endmacro %}
