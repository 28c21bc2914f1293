{#- The comment put before (or after) every statement a node sends, when dbt_project.yml's
    `query-comment` is left at its default: a JSON object naming the tool version, the profile and
    target, and the node (or the connection, for statements of no node). A project's or package's
    `query_comment` macro replaces it. -#}
{% macro query_comment(connection_name, node) -%}
    {%- set comment = {'app': 'dbt', 'dbt_version': dbt_version, 'profile_name': target.get('profile_name'), 'target_name': target.get('target_name')} -%}
    {%- if node is not none -%}
        {%- do comment.update({'node_id': node.unique_id}) -%}
    {%- else -%}
        {%- do comment.update({'connection_name': connection_name}) -%}
    {%- endif -%}
    {{ return(tojson(comment)) }}
{%- endmacro %}
