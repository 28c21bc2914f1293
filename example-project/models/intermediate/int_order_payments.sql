-- Payments rolled up to one row per order (ephemeral: inlined as a CTE).
select
    order_id,
    count(*) as payment_count,
    sum(amount) as total_paid,
    sum(case when payment_method in ('gift_card', 'voucher') then amount else 0 end) as paid_with_credit
from {{ ref('stg_payments') }}
group by order_id
