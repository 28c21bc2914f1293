-- Features for a model predicting whether a customer becomes high value.
-- Recency is measured from a fixed reference date so results are reproducible.
{% set reference_date = var('feature_reference_date', '2024-07-01') %}

with orders as (

    select * from {{ ref('fct_orders') }}

),

order_stats as (

    select
        user_id,
        count(*) as order_count,
        sum(case when status = 'returned' then 1 else 0 end) as returned_order_count,
        max(ordered_at) as last_order_at
    from orders
    group by user_id

),

city_ranks as (

    select
        user_id,
        city,
        row_number() over (
            partition by user_id
            order by count(*) desc, city
        ) as city_rank
    from orders
    group by user_id, city

)

select
    clv.user_id,
    coalesce(order_stats.order_count, 0) as order_count,
    coalesce(order_stats.returned_order_count, 0) as returned_order_count,
    case
        when clv.order_count = 0 then 0
        else round(clv.lifetime_value / clv.order_count, 2)
    end as avg_order_amount,
    {{ dbt.datediff("order_stats.last_order_at", "cast('" ~ reference_date ~ "' as timestamp)", "day") }} as days_since_last_order,
    city_ranks.city as favourite_city,
    clv.lifetime_value,
    clv.loyalty_tier = 'Gold' as is_high_value
from {{ ref('customer_lifetime_value') }} as clv
left join order_stats
    on clv.user_id = order_stats.user_id
left join city_ranks
    on clv.user_id = city_ranks.user_id
    and city_ranks.city_rank = 1
