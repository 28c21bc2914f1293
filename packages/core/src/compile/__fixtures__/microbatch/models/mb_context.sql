{{ config(materialized='incremental', incremental_strategy='microbatch', event_time='occurred_at', batch_size='hour', begin='2026-12-01', unique_key='id') }}
-- batch {{ model.batch }}
-- id {{ model.batch.id }} start {{ model.batch.event_time_start }} end {{ model.batch.event_time_end }}
-- internal {{ model.config.__dbt_internal_microbatch_event_time_start }} / {{ config.get('__dbt_internal_microbatch_event_time_end') }}
-- incremental {{ is_incremental() }}
select id, occurred_at, amount from {{ ref('events') }}
