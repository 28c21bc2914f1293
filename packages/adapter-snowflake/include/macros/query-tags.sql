{#- dbt-snowflake's query-tag macros, which its materializations call around a build. tsdbt tags each
    statement of a build with the model's `query_tag` itself; when a project or package overrides
    set_query_tag (as dbt_snowflake_query_tags does, through `dispatch:`), the runner renders the
    override and tags the build's statements with the tag it sets. -#}

{#- the session's query tag before a build: the profile's `query_tag` (tsdbt sets no session tag) -#}
{% macro get_current_query_tag() -%}
    {{ return(target.get('query_tag')) }}
{%- endmacro %}

{% macro set_query_tag(extra={}) -%}
    {{ return(adapter.dispatch('set_query_tag', 'dbt')(extra=extra)) }}
{%- endmacro %}

{% macro snowflake__set_query_tag(extra={}) -%}
    {%- set new_query_tag = config.get('query_tag') -%}
    {%- if new_query_tag -%}
        {%- set original_query_tag = get_current_query_tag() -%}
        {%- do run_query("alter session set query_tag = '{}'".format(new_query_tag)) -%}
        {{ return(original_query_tag) }}
    {%- endif -%}
    {{ return(none) }}
{%- endmacro %}

{% macro unset_query_tag(original_query_tag) -%}
    {{ return(adapter.dispatch('unset_query_tag', 'dbt')(original_query_tag)) }}
{%- endmacro %}

{% macro snowflake__unset_query_tag(original_query_tag) -%}
    {%- if config.get('query_tag') -%}
        {%- if original_query_tag -%}
            {%- do run_query("alter session set query_tag = '{}'".format(original_query_tag)) -%}
        {%- else -%}
            {%- do run_query("alter session unset query_tag") -%}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}
