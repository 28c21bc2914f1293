
    
    

select
    id as unique_field,
    count(*) as n_records

from "test"."lead_eph"."m"
where id is not null
group by id
having count(*) > 1


