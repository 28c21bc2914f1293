{{ config(materialized='incremental', incremental_strategy='microbatch', event_time='occurred_at', batch_size='day', begin='2026-12-01', unique_key='id') }}
-- this is {{ this }}
with e as (select * from {{ ref('events') }}),
s as (select * from {{ source('raw', 'events') }}),
u as (select * from {{ source('raw', 'events_unfiltered') }}),
p as (select * from {{ ref('eph') }}),
x as (select * from {{ ref('plain') }})
select e.id, e.occurred_at, e.amount from e join s on s.id = e.id join u on u.id = e.id join p on p.id = e.id cross join x
