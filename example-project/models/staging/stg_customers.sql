-- One row per customer, with a normalised e-mail address.
with source as (

    select * from {{ ref('raw_customers') }}

)

select
    cast(user_id as integer) as user_id,
    name as customer_name,
    lower(email) as email,
    cast(signup_date as date) as signup_date
from source
