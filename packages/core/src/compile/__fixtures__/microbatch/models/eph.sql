{{ config(materialized='ephemeral', event_time='occurred_at') }}
select * from {{ ref('events') }}
