
    
    

with all_values as (

    select
        id as value_field,
        count(*) as n_records

    from "test"."lead_eph"."m"
    group by id

)

select *
from all_values
where value_field not in (
    '1','2'
)


