-- One row per payment; an order may be paid in several parts.
with source as (

    select * from {{ ref('raw_payments') }}

)

select
    cast(payment_id as integer) as payment_id,
    cast(order_id as integer) as order_id,
    method as payment_method,
    cast(amount as decimal(10, 2)) as amount
from source
