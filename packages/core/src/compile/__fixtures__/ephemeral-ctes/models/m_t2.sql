
with a as (select 1) select * from a  
 
