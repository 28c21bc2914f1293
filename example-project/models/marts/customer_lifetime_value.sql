-- Lifetime value and loyalty tier of every customer, returned orders excluded.
with customers as (

    select * from {{ ref('stg_customers') }}

),

customer_orders as (

    select
        user_id,
        count(*) as order_count,
        sum(amount) as lifetime_value,
        min(ordered_at) as first_order_at,
        max(ordered_at) as last_order_at
    from {{ ref('fct_orders') }}
    where status <> 'returned'
    group by user_id

)

select
    customers.user_id,
    customers.customer_name,
    customers.email,
    customers.signup_date,
    coalesce(customer_orders.order_count, 0) as order_count,
    coalesce(customer_orders.lifetime_value, 0) as lifetime_value,
    customer_orders.first_order_at,
    customer_orders.last_order_at,
    {{ loyalty_tier('coalesce(customer_orders.lifetime_value, 0)') }} as loyalty_tier
from customers
left join customer_orders
    on customers.user_id = customer_orders.user_id
