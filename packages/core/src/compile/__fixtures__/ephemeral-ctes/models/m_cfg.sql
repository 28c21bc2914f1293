{{ config(materialized='table') }}

select * from {{ ref('e2') }}
