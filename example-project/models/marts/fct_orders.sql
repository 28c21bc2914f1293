{{
    config(
        materialized='incremental',
        unique_key='order_id'
    )
}}

-- Orders with their payments. Incremental: a later run only picks up orders
-- placed after the newest order already in the table.
with orders as (

    select * from {{ ref('stg_orders') }}
    {% if is_incremental() %}
    where ordered_at > (select max(ordered_at) from {{ this }})
    {% endif %}

),

payments as (

    select * from {{ ref('int_order_payments') }}

)

select
    orders.order_id,
    orders.user_id,
    orders.city,
    orders.status,
    orders.amount,
    coalesce(payments.payment_count, 0) as payment_count,
    coalesce(payments.total_paid, 0) as total_paid,
    coalesce(payments.paid_with_credit, 0) as paid_with_credit,
    orders.amount - coalesce(payments.total_paid, 0) as outstanding_amount,
    orders.ordered_at
from orders
left join payments
    on orders.order_id = payments.order_id
