{{ config(materialized='incremental') }}
select * from {{ ref('eph_inc') }}{% if is_incremental() %} where id > (select max(id) from {{ this }}){% endif %}
