/*/ c */ with r as (select * from {{ ref("e1") }})
select * from r
