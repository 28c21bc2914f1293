{% snapshot snap %}
{{ config(target_schema='cj_scope_snaps', unique_key='id', strategy='check', check_cols='all') }}
select * from {{ ref('base') }}
{% endsnapshot %}
