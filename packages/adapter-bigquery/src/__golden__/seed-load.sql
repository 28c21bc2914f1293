create table if not exists `proj`.`analytics`.`people` (`id` INT64, `name` STRING, `joined` DATE);

insert into `proj`.`analytics`.`people` (`id`, `name`, `joined`) values
(cast('1' as INT64), 'O\'Brien, Ann', cast('2024-01-01' as DATE)),
(cast('2' as INT64), null, cast('2024-02-03' as DATE));
