-- run 1
create table `tsdbt-test`.`<schema>`.`sorted_products` as (
        
select 3 as product_id, 'lamp' as name
union all
select 1 as product_id, 'desk' as name
    ) order by 1;

create table `tsdbt-test`.`<schema>`.`stock_levels` as (
        
select 'a' as sku, 10 as quantity
union all
select 'b' as sku, 5 as quantity
    ) order by 1;

-- run 2
drop table if exists `tsdbt-test`.`<schema>`.`sorted_products`;

create table `tsdbt-test`.`<schema>`.`sorted_products` as (
        
select 3 as product_id, 'lamp' as name
union all
select 1 as product_id, 'desk' as name
    ) order by 1;

create table `tsdbt-test`.`<schema>`.`stock_levels__tsdbt_tmp` as (
        
select 'a' as sku, 10 as quantity
union all
select 'b' as sku, 7 as quantity
    ) order by 1;

select * from (
select * from `tsdbt-test`.`<schema>`.`stock_levels__tsdbt_tmp`
) as tsdbt_limited limit 0;

select * from (
select * from `tsdbt-test`.`<schema>`.`stock_levels`
) as tsdbt_limited limit 0;

merge into `tsdbt-test`.`<schema>`.`stock_levels` as dest
    using `tsdbt-test`.`<schema>`.`stock_levels__tsdbt_tmp` as src
    on src.sku = dest.sku
    when matched and (dest.`sku` is distinct from src.`sku` or dest.`quantity` is distinct from src.`quantity`) then update set
        `sku` = src.`sku`, `quantity` = src.`quantity`
    when not matched then insert (`sku`, `quantity`)
    values (src.`sku`, src.`quantity`);

drop table if exists `tsdbt-test`.`<schema>`.`stock_levels__tsdbt_tmp`;
