{{ config(materialized='ephemeral') }}
select id from {{ ref('base') }}{% if is_incremental() %} where 'ephemeral is incremental' is not null{% endif %}
