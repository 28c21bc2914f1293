-- run 1
create table TSDBT_TEST.<schema>.sorted_products__tsdbt_tmp as (
        
select 3 as product_id, 'lamp' as name
union all
select 1 as product_id, 'desk' as name
    ) order by 1;

alter table TSDBT_TEST.<schema>.sorted_products__tsdbt_tmp rename to TSDBT_TEST.<schema>.sorted_products;

create table TSDBT_TEST.<schema>.stock_levels__tsdbt_tmp as (
        
select 'a' as sku, 10 as quantity
union all
select 'b' as sku, 5 as quantity
    ) order by 1;

alter table TSDBT_TEST.<schema>.stock_levels__tsdbt_tmp rename to TSDBT_TEST.<schema>.stock_levels;

-- run 2
create table TSDBT_TEST.<schema>.sorted_products__tsdbt_tmp as (
        
select 3 as product_id, 'lamp' as name
union all
select 1 as product_id, 'desk' as name
    ) order by 1;

alter table TSDBT_TEST.<schema>.sorted_products rename to TSDBT_TEST.<schema>.sorted_products__tsdbt_backup;

alter table TSDBT_TEST.<schema>.sorted_products__tsdbt_tmp rename to TSDBT_TEST.<schema>.sorted_products;

drop table if exists TSDBT_TEST.<schema>.sorted_products__tsdbt_backup cascade;

create table TSDBT_TEST.<schema>.stock_levels__tsdbt_tmp as (
        
select 'a' as sku, 10 as quantity
union all
select 'b' as sku, 7 as quantity
    ) order by 1;

select * from (
select * from TSDBT_TEST.<schema>.stock_levels__tsdbt_tmp
) as tsdbt_limited limit 0;

select * from (
select * from TSDBT_TEST.<schema>.stock_levels
) as tsdbt_limited limit 0;

merge into TSDBT_TEST.<schema>.stock_levels as dest
    using TSDBT_TEST.<schema>.stock_levels__tsdbt_tmp as src
    on src.sku = dest.sku
    when matched and (dest."SKU" is distinct from src."SKU" or dest."QUANTITY" is distinct from src."QUANTITY") then update set
        "SKU" = src."SKU", "QUANTITY" = src."QUANTITY"
    when not matched then insert ("SKU", "QUANTITY")
    values (src."SKU", src."QUANTITY");

drop table if exists TSDBT_TEST.<schema>.stock_levels__tsdbt_tmp cascade;
