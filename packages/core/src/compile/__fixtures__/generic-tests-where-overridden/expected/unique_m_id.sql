
    
    

select
    id as unique_field,
    count(*) as n_records

from (select * from "test"."lead_eph"."m" where 'the project''s get_where_subquery' is not null) tested
where id is not null
group by id
having count(*) > 1


