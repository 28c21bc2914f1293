{#- The `grants` config as dbt's materializations apply it. tsdbt's built-in materializations apply
    grants in TypeScript and render these only when a project or package overrides one of them;
    Jinja materializations call apply_grants(relation, grant_config, should_revoke) themselves. -#}

{#- whether old grants may still be on the relation, so that unlisted ones must be revoked: none on a
    new relation; on a replaced one only if the engine copies grants over; always on one updated in place -#}
{% macro should_revoke(existing_relation, full_refresh_mode=True) -%}
    {%- if not existing_relation -%}
        {{ return(false) }}
    {%- endif -%}
    {{ return(copy_grants() if full_refresh_mode else true) }}
{%- endmacro %}

{#- whether a relation that replaces another keeps the old one's grants (adapters say; Snowflake: the copy_grants config) -#}
{% macro copy_grants() -%}
    {{ return(adapter.dispatch('copy_grants', 'dbt')()) }}
{%- endmacro %}

{% macro default__copy_grants() -%}
    {{ return(true) }}
{%- endmacro %}

{#- whether one grant or revoke statement may name several grantees -#}
{% macro support_multiple_grantees_per_dcl_statement() -%}
    {{ return(adapter.dispatch('support_multiple_grantees_per_dcl_statement', 'dbt')()) }}
{%- endmacro %}

{% macro default__support_multiple_grantees_per_dcl_statement() -%}
    {{ return(true) }}
{%- endmacro %}

{#- the query whose rows (grantee, privilege_type) are the relation's current grants -#}
{% macro get_show_grant_sql(relation) -%}
    {{ return(adapter.dispatch('get_show_grant_sql', 'dbt')(relation)) }}
{%- endmacro %}

{% macro default__get_show_grant_sql(relation) -%}
    show grants on {{ relation.render() }}
{%- endmacro %}

{% macro get_grant_sql(relation, privilege, grantees) -%}
    {{ return(adapter.dispatch('get_grant_sql', 'dbt')(relation, privilege, grantees)) }}
{%- endmacro %}

{% macro default__get_grant_sql(relation, privilege, grantees) -%}
    grant {{ privilege }} on {{ relation.render() }} to {{ grantees | join(', ') }}
{%- endmacro %}

{% macro get_revoke_sql(relation, privilege, grantees) -%}
    {{ return(adapter.dispatch('get_revoke_sql', 'dbt')(relation, privilege, grantees)) }}
{%- endmacro %}

{% macro default__get_revoke_sql(relation, privilege, grantees) -%}
    {%- set quoted = [] -%}
    {%- for grantee in grantees -%}
        {%- do quoted.append(adapter.quote(grantee)) -%}
    {%- endfor -%}
    revoke {{ privilege }} on {{ relation.render() }} from {{ quoted | join(', ') }}
{%- endmacro %}

{#- one statement per privilege (or per privilege and grantee, where statements name one grantee), from get_dcl_macro -#}
{% macro get_dcl_statement_list(relation, grant_config, get_dcl_macro) -%}
    {{ return(adapter.dispatch('get_dcl_statement_list', 'dbt')(relation, grant_config, get_dcl_macro)) }}
{%- endmacro %}

{% macro default__get_dcl_statement_list(relation, grant_config, get_dcl_macro) -%}
    {%- set statements = [] -%}
    {%- for privilege, grantees in grant_config.items() -%}
        {%- if support_multiple_grantees_per_dcl_statement() and grantees -%}
            {%- do statements.append(get_dcl_macro(relation, privilege, grantees)) -%}
        {%- else -%}
            {%- for grantee in grantees -%}
                {%- do statements.append(get_dcl_macro(relation, privilege, [grantee])) -%}
            {%- endfor -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(statements) }}
{%- endmacro %}

{#- sends the statements together, `;`-separated, as one -#}
{% macro call_dcl_statements(dcl_statement_list) -%}
    {{ return(adapter.dispatch('call_dcl_statements', 'dbt')(dcl_statement_list)) }}
{%- endmacro %}

{% macro default__call_dcl_statements(dcl_statement_list) -%}
    {%- call statement('grants') -%}
        {%- for dcl_statement in dcl_statement_list %}
        {{ dcl_statement }};
        {%- endfor %}
    {%- endcall -%}
{%- endmacro %}

{#- grants what grant_config lists; where old grants may remain (should_revoke), reads them first,
    revokes what the config no longer lists and grants only what is missing -#}
{% macro apply_grants(relation, grant_config, should_revoke=True) -%}
    {{ return(adapter.dispatch('apply_grants', 'dbt')(relation, grant_config, should_revoke)) }}
{%- endmacro %}

{% macro default__apply_grants(relation, grant_config, should_revoke=True) -%}
    {%- if not grant_config -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set to_revoke = {} -%}
    {%- set to_grant = grant_config -%}
    {%- if should_revoke -%}
        {%- set current = adapter.standardize_grants_dict(run_query(get_show_grant_sql(relation))) -%}
        {%- set to_grant = diff_of_two_dicts(grant_config, current) -%}
        {%- set to_revoke = diff_of_two_dicts(current, grant_config) -%}
        {%- if not (to_grant or to_revoke) -%}
            {%- do log('On ' ~ relation.render() ~ ': All grants are in place, no revocation or granting needed.') -%}
        {%- endif -%}
    {%- endif -%}
    {%- set statements = get_dcl_statement_list(relation, to_revoke, get_revoke_sql) + get_dcl_statement_list(relation, to_grant, get_grant_sql) -%}
    {%- if statements -%}
        {{ call_dcl_statements(statements) }}
    {%- endif -%}
{%- endmacro %}
