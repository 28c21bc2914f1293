
    
    

select
    id as unique_field,
    count(*) as n_records

from "test"."raw_data"."things"
where id is not null
group by id
having count(*) > 1


