-- Singular test: every order with an amount is paid exactly, no more, no less.
-- Returns the offending orders; passing means no rows.
select
    order_id,
    amount,
    total_paid
from {{ ref('fct_orders') }}
where outstanding_amount <> 0
