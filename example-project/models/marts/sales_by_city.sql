-- Sales per city, returned orders excluded.
select
    city,
    count(*) as order_count,
    count(distinct user_id) as customer_count,
    sum(amount) as total_sales,
    round(avg(amount), 2) as avg_order_value
from {{ ref('fct_orders') }}
where status <> 'returned'
group by city
