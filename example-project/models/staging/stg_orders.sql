-- One row per order. A missing amount in the raw file counts as 0.
with source as (

    select * from {{ ref('raw_orders') }}

)

select
    cast(order_id as integer) as order_id,
    cast(user_id as integer) as user_id,
    coalesce(cast(amount as decimal(10, 2)), 0) as amount,
    city,
    status,
    cast(ordered_at as timestamp) as ordered_at
from source
